// inkwell-cli: the Inkwell client for scripts, headless machines and tests (docs/cli.md).
#include "cli.h"

#include <QCoreApplication>
#include <QTimer>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("inkwell-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("Inkwell"));

    QStringList arguments = app.arguments().mid(1);
    QString profile = inkwell::cli::Profile::defaultDirectory();
    auto format = inkwell::cli::Cli::Format::Text;
    if (const auto at = arguments.indexOf(QStringLiteral("--json")); at >= 0) {
        arguments.removeAt(at);
        format = inkwell::cli::Cli::Format::Json;
    }
    while (!arguments.isEmpty() && arguments.constFirst().startsWith(QLatin1String("--"))) {
        const QString option = arguments.takeFirst();
        if (option == QLatin1String("--help")) {
            std::fputs(qUtf8Printable(inkwell::cli::usageText() + u'\n'), stdout);
            return 0;
        }
        if (option == QLatin1String("--version")) {
            std::fputs("inkwell-cli " INKWELL_VERSION "\n", stdout);
            return 0;
        }
        if (option == QLatin1String("--profile") && !arguments.isEmpty()) {
            profile = arguments.takeFirst();
            continue;
        }
        std::fputs(qUtf8Printable(inkwell::cli::usageText() + u'\n'), stderr);
        return int(inkwell::cli::ExitCode::Usage);
    }
    if (arguments.isEmpty()) {
        std::fputs(qUtf8Printable(inkwell::cli::usageText() + u'\n'), stderr);
        return int(inkwell::cli::ExitCode::Usage);
    }
    inkwell::cli::Cli cli(profile, format);
    const QString command = arguments.takeFirst();
    QTimer::singleShot(0, &cli, [&cli, command, arguments] {
        if (!cli.run(command, arguments))
            cli.usage(QStringLiteral("unknown command: ") + command);
    });
    return app.exec();
}
