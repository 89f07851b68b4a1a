#pragma once

#include <QString>

namespace inkwell::test {

// Compares a store's full-text index with its live posts, term by term and position by
// position (fts5vocab 'instance' rows of posts_fts against those of a fresh index of the live
// posts, built in a temporary table), after FTS5's own 'integrity-check'. The first
// difference, or empty when the index holds exactly the live posts' current text. Opens its
// own connection; call it when nothing is behind (LocalStore::searchIndexBacklog()).
QString searchIndexDifferenceAt(const QString &databasePath);

} // namespace inkwell::test
