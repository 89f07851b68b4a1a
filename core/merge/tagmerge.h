#pragma once

#include <QStringList>

namespace inkwell::merge {

// Three-way set merge of tags: a tag is in the result when it is in base and neither side removed
// it, or when either side added it. Never conflicts. Order: mine's order, then tags only theirs
// added in theirs' order. Duplicates are dropped; tags compare exactly (case-sensitive).
QStringList mergeTags(const QStringList &base, const QStringList &mine, const QStringList &theirs);

} // namespace inkwell::merge
