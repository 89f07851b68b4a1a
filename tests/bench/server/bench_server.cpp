// bench_server: the server figures of issue 3 (see docs/benchmarks.md and `make bench`).
// Usage: bench_server [--seconds N] [--clients N] [--skip-large] [--load-only]
// [--backend sqlite|postgresql]; INKWELL_BENCH_SECONDS also
// sets the load duration (default 30 s).
#include "inprocessbench.h"
#include "loadbench.h"
#include "support/tempdir.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QUrl>

#include <cstdio>

using namespace inkwell;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES")) // per-request logs would cost time
        QLoggingCategory::setFilterRules(
                QStringLiteral("inkwell.*.debug=false\ninkwell.*.info=false"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("inkwell-server benchmarks"));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("seconds"), QStringLiteral("Duration of each load run."),
                      QStringLiteral("N"),
                      qEnvironmentVariable("INKWELL_BENCH_SECONDS", QStringLiteral("30"))});
    parser.addOption({QStringLiteral("clients"), QStringLiteral("Concurrent clients."),
                      QStringLiteral("N"), QStringLiteral("50")});
    parser.addOption(
            {QStringLiteral("serve-args"),
             QStringLiteral("Extra flags for the server under load, e.g. \"--workers 2\"."),
             QStringLiteral("FLAGS")});
    parser.addOption({QStringLiteral("load-only"), QStringLiteral("Only the load runs.")});
    parser.addOption({QStringLiteral("backend"),
                      QStringLiteral("Only the load run on this database: sqlite or postgresql."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("skip-large"),
                      QStringLiteral("Skip the 100,000-post blog (its seeding takes a while).")});
    parser.process(app);
    const auto seconds =
            std::chrono::seconds(std::max(1, parser.value(QStringLiteral("seconds")).toInt()));
    const int clients = std::max(1, parser.value(QStringLiteral("clients")).toInt());

    bool ok = true;
    test::TempDir dir;
    const QStringList serveArguments =
            parser.value(QStringLiteral("serve-args")).split(u' ', Qt::SkipEmptyParts);
    if (!parser.isSet(QStringLiteral("load-only")))
        ok &= bench::runInProcessBenchmarks(
                QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("bench.sqlite")),
                QStringLiteral("sqlite"), !parser.isSet(QStringLiteral("skip-large")));
    const QString backend = parser.value(QStringLiteral("backend"));
    if (backend != QLatin1String("postgresql"))
        ok &= bench::runLoadBenchmark(QStringLiteral("sqlite"), false, clients, seconds,
                                      serveArguments);
    if (backend == QLatin1String("sqlite")) {
        // the PostgreSQL run was not asked for
    } else if (test::postgresAdminUrl().isEmpty()) {
        std::printf("postgresql: skipped (INKWELL_TEST_POSTGRES not set; run via "
                    "scripts/test-env.sh)\n");
    } else {
        ok &= bench::runLoadBenchmark(QStringLiteral("postgresql"), true, clients, seconds,
                                      serveArguments);
    }
    return ok ? 0 : 1;
}
