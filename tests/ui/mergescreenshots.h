#pragma once

#include <QString>

class QDir;

namespace inkwell::store {
class LocalStore;
}

namespace inkwell::test {

// Renders the merge window in the states the README shows (a body conflict, a field conflict
// with two covers, an edit versus a delete) over conflicts it makes in store; files are
// prefix + "merge-*.png" in out. False when a file could not be written.
bool makeMergeScreenshots(store::LocalStore &store, const QDir &out, const QString &prefix);

} // namespace inkwell::test
