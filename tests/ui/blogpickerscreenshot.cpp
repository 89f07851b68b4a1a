#include "blogpickerscreenshot.h"

#include "account/blogchoice.h"
#include "ui/common/messagebar.h"
#include "ui/window/mainwindow.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QDir>
#include <QPainter>
#include <QPixmap>
#include <QTest>

#include <cstdio>

namespace inkwell::test {

bool makeBlogPickerScreenshot(ui::MainWindow &window, const QDir &out, const QString &prefix)
{
    account::BlogChoice blogs;
    blogs.setBlogs({{1, QStringLiteral("Travel Notes")},
                    {2, QStringLiteral("Recipes")},
                    {3, QStringLiteral("Team News")}});
    window.setBlogChoice(&blogs);
    if (auto *bar = window.findChild<ui::MessageBar *>(QStringLiteral("messageBar")))
        bar->dismiss();
    auto *combo = window.findChild<QComboBox *>(QStringLiteral("blogPicker"));
    if (!combo)
        return false;
    QTest::qWait(200);
    combo->showPopup();
    QTest::qWait(300);
    // The popup is a window of its own: grab() of the main window leaves it out, so it is
    // painted over the main window where it opens, on the combo box (the current blog is the
    // first), in the window's own coordinates whatever the scale factor.
    QPixmap shot = window.grab();
    {
        QPainter painter(&shot);
        painter.drawPixmap(combo->mapTo(&window, QPoint()), combo->view()->window()->grab());
    }
    combo->hidePopup();
    window.setBlogChoice(nullptr);
    const QString path = out.filePath(prefix + QStringLiteral("blog-picker.png"));
    const bool saved = shot.save(path);
    std::printf("%s %s\n", saved ? "wrote" : "FAILED", qPrintable(path));
    return saved;
}

} // namespace inkwell::test
