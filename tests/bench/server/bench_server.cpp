// bench_server: the server figures of issues 3 and 16 (see docs/benchmarks.md and `make bench`).
// Usage: bench_server [--seconds N] [--clients N] [--round-interval MS] [--servers N]
// [--skip-large] [--load-only] [--push-only] [--backend sqlite|postgresql] [--serve-args FLAGS];
// INKWELL_BENCH_SECONDS also sets the load duration (default 30 s).
#include "benchfigures.h"
#include "inprocessbench.h"
#include "loadbench.h"
#include "support/tempdir.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QUrl>

#include <cstdio>

using namespace inkwell;

namespace {

void addOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QStringLiteral("inkwell-server benchmarks"));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("seconds"), QStringLiteral("Duration of each load run."),
                      QStringLiteral("N"),
                      qEnvironmentVariable("INKWELL_BENCH_SECONDS", QStringLiteral("30"))});
    parser.addOption({QStringLiteral("clients"), QStringLiteral("Concurrent clients."),
                      QStringLiteral("N"), QStringLiteral("50")});
    parser.addOption({QStringLiteral("round-interval"),
                      QStringLiteral("Each client starts a round (push, pull) every MS "
                                     "milliseconds; 0 (default): closed loop, no pause."),
                      QStringLiteral("MS"), QStringLiteral("0")});
    parser.addOption({QStringLiteral("servers"),
                      QStringLiteral("PostgreSQL: run once with one server, then with N server "
                                     "processes on the same database, and print the ratio."),
                      QStringLiteral("N"), QStringLiteral("1")});
    parser.addOption(
            {QStringLiteral("serve-args"),
             QStringLiteral("Extra flags for the server under load, e.g. \"--workers 2\"."),
             QStringLiteral("FLAGS")});
    parser.addOption({QStringLiteral("load-only"), QStringLiteral("Only the load runs.")});
    parser.addOption({QStringLiteral("backend"),
                      QStringLiteral("Only the load run on this database: sqlite or postgresql."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("push-only"),
                      QStringLiteral("Only the push figures (new posts and edits), no load run.")});
    parser.addOption({QStringLiteral("skip-large"),
                      QStringLiteral("Skip the 100,000-post blog (its seeding takes a while).")});
}

// One server, then `servers` on the same PostgreSQL database, in the same run: the ratio of
// their throughputs.
bool runScaling(bench::LoadOptions options, int servers)
{
    options.servers = 1;
    const bench::LoadResult one =
            bench::runLoadBenchmark(QStringLiteral("postgresql"), true, options);
    options.servers = servers;
    const bench::LoadResult many = bench::runLoadBenchmark(
            QStringLiteral("postgresql, %1 servers").arg(servers), true, options);
    if (one.requestsPerSecond > 0)
        bench::printFigure(
                QStringLiteral("postgresql: throughput, %1 servers / 1 server").arg(servers),
                many.requestsPerSecond / one.requestsPerSecond, "x", 1.6, "goal >=");
    return one.ok && many.ok;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES")) // per-request logs would cost time
        QLoggingCategory::setFilterRules(
                QStringLiteral("inkwell.*.debug=false\ninkwell.*.info=false"));
    QCommandLineParser parser;
    addOptions(parser);
    parser.process(app);
    bench::LoadOptions options;
    options.duration =
            std::chrono::seconds(std::max(1, parser.value(QStringLiteral("seconds")).toInt()));
    options.clients = std::max(1, parser.value(QStringLiteral("clients")).toInt());
    options.roundInterval = std::chrono::milliseconds(
            std::max(0, parser.value(QStringLiteral("round-interval")).toInt()));
    options.serveArguments =
            parser.value(QStringLiteral("serve-args")).split(u' ', Qt::SkipEmptyParts);
    const int servers = std::clamp(parser.value(QStringLiteral("servers")).toInt(), 1, 16);

    bool ok = true;
    test::TempDir dir;
    const bool pushOnly = parser.isSet(QStringLiteral("push-only"));
    if (!parser.isSet(QStringLiteral("load-only")))
        ok &= bench::runInProcessBenchmarks(
                QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("bench.sqlite")),
                QStringLiteral("sqlite"), !parser.isSet(QStringLiteral("skip-large")), pushOnly);
    if (pushOnly)
        return ok ? 0 : 1;
    const QString backend = parser.value(QStringLiteral("backend"));
    if (backend != QLatin1String("postgresql"))
        ok &= bench::runLoadBenchmark(QStringLiteral("sqlite"), false, options).ok;
    if (backend == QLatin1String("sqlite")) {
        // the PostgreSQL run was not asked for
    } else if (test::postgresAdminUrl().isEmpty()) {
        std::printf("postgresql: skipped (INKWELL_TEST_POSTGRES not set; run via "
                    "scripts/test-env.sh)\n");
    } else if (servers > 1) {
        ok &= runScaling(options, servers);
    } else {
        ok &= bench::runLoadBenchmark(QStringLiteral("postgresql"), true, options).ok;
    }
    return ok ? 0 : 1;
}
