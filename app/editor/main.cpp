// inkwell: the desktop editor. Everything is built and wired in EditorApplication.
#include "editorapplication.h"

#include "net/serveraddress.h"
#include "ui/common/icons.h"

#include <QApplication>

#include <cstdio>

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

    auto options = inkwell::editor::EditorApplication::parseArguments(QApplication::arguments());
    if (!options) {
        std::fputs(qUtf8Printable(options.error().message + u'\n'), stderr);
        return 2;
    }
    if (const QString warning = inkwell::net::unencryptedWarning(options->server);
        !warning.isEmpty())
        std::fputs(qUtf8Printable(warning + u'\n'), stderr);
    inkwell::editor::EditorApplication editor(std::move(*options));
    if (!editor.start())
        return 1;
    return QApplication::exec();
}
