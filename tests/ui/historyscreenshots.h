#pragma once

#include <QString>

class QDir;

namespace inkwell::store {
class LocalStore;
}

namespace inkwell::test {

// Renders the History window of a demo post in store: its revisions, an older one selected and
// compared with the current text (a field row, removed, added and changed lines with word tints);
// the file is prefix + "history-window.png" in out. False when it could not be written.
bool makeHistoryScreenshot(store::LocalStore &store, const QDir &out, const QString &prefix);

} // namespace inkwell::test
