// inkwell: the desktop editor. Everything is built and wired in EditorApplication.
#include "editorapplication.h"

#include "ui/common/icons.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication application(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Inkwell"));
    QApplication::setApplicationName(QStringLiteral("inkwell"));
    QApplication::setApplicationDisplayName(QStringLiteral("Inkwell"));
    QApplication::setApplicationVersion(QStringLiteral(INKWELL_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.inkwell.Inkwell"));
    QApplication::setWindowIcon(inkwell::ui::applicationIcon());
    inkwell::editor::EditorApplication::installTranslations(application);

    inkwell::editor::EditorApplication editor(
            inkwell::editor::EditorApplication::parseArguments(QApplication::arguments()));
    if (!editor.start())
        return 1;
    return QApplication::exec();
}
