#pragma once

#include <QString>

namespace inkwell::store {

// The FTS5 MATCH expression for what a writer typed: every word quoted as a phrase (so quotes,
// operators and column names in the text are plain words), all required, the last one also as
// a prefix unless the text ends with a space or that word is one or two Latin letters (which
// would match most posts). Empty when the text has no searchable word.
QString ftsMatchExpression(const QString &text);

} // namespace inkwell::store
