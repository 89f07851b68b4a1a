#pragma once

#include <QString>

class QDir;

namespace inkwell::ui {
class MainWindow;
}

namespace inkwell::test {

// Renders window for an account with three blogs, the blog picker open over it, into
// <prefix>blog-picker.png in out; the window is left as it was. False when saving failed.
bool makeBlogPickerScreenshot(ui::MainWindow &window, const QDir &out, const QString &prefix);

} // namespace inkwell::test
