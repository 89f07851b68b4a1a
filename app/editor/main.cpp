// inkwell: the desktop editor. Everything is built and wired in EditorApplication.
#include "editorapplication.h"

#include "net/serveraddress.h"
#include "ui/common/icons.h"

#include <QApplication>
#include <QByteArrayView>

#include <cstdio>

namespace {

// --help and --version answer without a display; the editor's QApplication needs one.
bool asksOnlyForHelpOrVersion(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArrayView argument(argv[i]);
        if (argument == "--help" || argument == "-h" || argument == "-?" || argument == "--help-all"
            || argument == "--version" || argument == "-v")
            return true;
    }
    return false;
}

void describeApplication()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Inkwell"));
    QCoreApplication::setApplicationName(QStringLiteral("inkwell"));
    QCoreApplication::setApplicationVersion(QStringLiteral(INKWELL_VERSION));
}

} // namespace

int main(int argc, char *argv[])
{
    if (asksOnlyForHelpOrVersion(argc, argv)) {
        QCoreApplication application(argc, argv);
        describeApplication();
        inkwell::editor::EditorApplication::installTranslations(application);
        // Prints the help or the version and exits.
        const auto options =
                inkwell::editor::EditorApplication::parseArguments(QCoreApplication::arguments());
        return options ? 0 : 2;
    }
    QApplication application(argc, argv);
    describeApplication();
    QApplication::setApplicationDisplayName(QStringLiteral("Inkwell"));
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
