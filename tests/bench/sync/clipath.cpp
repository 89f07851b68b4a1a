#include "clipath.h"

#include "support/tempdir.h"

#include <QElapsedTimer>
#include <QFile>
#include <QList>
#include <QProcess>

#include <algorithm>
#include <cstdio>

namespace inkwell::bench {

namespace {

QString cliBinary()
{
    return QStringLiteral(INKWELL_CLI_BINARY);
}

struct Process
{
    int exitCode = -1;
    double ms = 0;
    qint64 peakRssKb = 0;
    QByteArray out;
};

// VmHWM (peak resident set) of a running process, in KiB; 0 once it has ended.
qint64 highWaterMarkKb(const QString &statusPath)
{
    QFile file(statusPath);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

// One inkwell-cli process with --profile, timed from start to exit; environment adds variables.
Process runCli(const QString &profile, const QStringList &arguments, const QByteArray &input = {},
               const QProcessEnvironment &environment = {})
{
    QProcess process;
    if (!environment.isEmpty()) {
        QProcessEnvironment all = QProcessEnvironment::systemEnvironment();
        all.insert(environment);
        process.setProcessEnvironment(all);
    }
    QStringList all = arguments;
    if (!profile.isEmpty())
        all = QStringList{QStringLiteral("--profile"), profile} + arguments;
    // INKWELL_BENCH_CLI_WRAPPER="strace -f -tt -o /tmp/cli.%p" (or perf record ...) runs each
    // process under that command, for finding where a figure's time goes.
    QString program = cliBinary();
    const QStringList wrapper =
            qEnvironmentVariable("INKWELL_BENCH_CLI_WRAPPER").split(u' ', Qt::SkipEmptyParts);
    if (!wrapper.isEmpty()) {
        all.prepend(program);
        all = wrapper.mid(1) + all;
        program = wrapper.first();
    }
    QElapsedTimer timer;
    timer.start();
    process.start(program, all);
    Process run;
    if (!process.waitForStarted(10000))
        return run;
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    // The process's peak RSS, read from /proc every 10 ms while it runs (VmHWM only grows; the
    // rusage of a child would start from this process's own size, copied at fork).
    const QString status = QStringLiteral("/proc/%1/status").arg(process.processId());
    for (int waited = 0; !process.waitForFinished(10); waited += 10) {
        run.peakRssKb = std::max(run.peakRssKb, highWaterMarkKb(status));
        if (waited > 300000) {
            process.kill();
            process.waitForFinished();
            return run;
        }
    }
    run.ms = double(timer.nsecsElapsed()) / 1e6;
    run.out = process.readAllStandardOutput();
    if (process.exitStatus() == QProcess::NormalExit)
        run.exitCode = process.exitCode();
    if (run.exitCode != 0)
        std::printf("inkwell-cli %s failed (%d): %s\n", qPrintable(arguments.join(u' ')),
                    run.exitCode, process.readAllStandardError().constData());
    return run;
}

struct Spread
{
    double median = 0;
    double min = 0;
    double max = 0;
};

Spread spreadOf(QList<double> values)
{
    if (values.isEmpty())
        return {};
    std::sort(values.begin(), values.end());
    return {values.at(values.size() / 2), values.first(), values.last()};
}

void print(const char *name, const Spread &cli, double inProcess, const char *goal)
{
    std::printf("%-44s %9.1f ms (min %.1f, max %.1f)  in-process %8.1f ms  %6.2fx  %s\n", name,
                cli.median, cli.min, cli.max, inProcess,
                inProcess > 0 ? cli.median / inProcess : 0.0, goal);
    std::fflush(stdout);
}

// Signs a new profile in; the token goes to the system keychain, as for a writer, or to an
// owner-only file (--insecure-token-file), which shows the keychain's share of a run.
bool signIn(const CliPathSetup &setup, const QString &profile, bool tokenInFile = false)
{
    QStringList arguments{QStringLiteral("login"), setup.server.toString(), setup.user};
    if (tokenInFile)
        arguments.append(QStringLiteral("--insecure-token-file"));
    return runCli(profile, arguments, setup.password.toUtf8() + '\n').exitCode == 0;
}

} // namespace

void runCliPath(const CliPathSetup &setup, const InProcessFigures &inProcess)
{
    test::TempDir dir;
    std::printf("\nthe same through inkwell-cli processes (%s), median of %d:\n",
                qPrintable(cliBinary()), setup.repeats);

    QList<double> bare;
    for (int i = 0; i < setup.repeats * 2; ++i)
        bare.append(runCli({}, {QStringLiteral("--version")}).ms);
    const Spread bareStart = spreadOf(bare);
    print("bare start (inkwell-cli --version)", bareStart, 0, "reference");

    // Initial sync into new profiles; the last one is used for the figures after it.
    QList<double> initial;
    qint64 initialPeakKb = 0;
    QString profile;
    for (int i = 0; i < setup.repeats; ++i) {
        profile = dir.filePath(QStringLiteral("profile-%1").arg(i));
        if (!signIn(setup, profile))
            return;
        const Process sync = runCli(profile, {QStringLiteral("sync")});
        initial.append(sync.ms);
        initialPeakKb = std::max(initialPeakKb, sync.peakRssKb);
    }
    print("initial sync (new profile)", spreadOf(initial), inProcess.initial,
          "goal <= 1.3x in-process");
    std::printf("%-44s %9.1f MB  goal < 200 MB at 100,000 posts\n",
                "  peak RSS of an initial sync process", double(initialPeakKb) / 1024.0);

    // Each run paired with a bare start just before it: the difference of each pair does not
    // move with the machine's speed, which drifts by more than the goal between runs.
    QList<double> idle;
    QList<double> aboveBare;
    for (int i = 0; i < setup.repeats * 2; ++i) {
        const double reference = runCli({}, {QStringLiteral("--version")}).ms;
        idle.append(runCli(profile, {QStringLiteral("sync")}).ms);
        aboveBare.append(idle.last() - reference);
    }
    const Spread nothing = spreadOf(idle);
    print("nothing to do", nothing, inProcess.nothingToDo, "");
    const Spread above = spreadOf(aboveBare);
    std::printf("%-44s %9.1f ms (min %.1f, max %.1f)  goal <= 10 ms\n",
                "  above a bare start run just before each", above.median, above.min, above.max);

    // The same asking the keychain every time (no copy of the token in the kernel keyring), as
    // the first command does once the copy has expired.
    QProcessEnvironment uncached;
    uncached.insert(QStringLiteral("INKWELL_TOKEN_CACHE_SECONDS"), QStringLiteral("0"));
    QList<double> keychainIdle;
    for (int i = 0; i < setup.repeats * 2; ++i)
        keychainIdle.append(runCli(profile, {QStringLiteral("sync")}, {}, uncached).ms);
    const Spread keychain = spreadOf(keychainIdle);
    print("nothing to do, keychain asked every time", keychain, inProcess.nothingToDo, "");
    std::printf("%-44s %9.1f ms\n", "  the same above a bare start",
                keychain.median - bareStart.median);

    // The same with the token in a file: what reading it from the keychain costs.
    const QString fileProfile = dir.filePath(QStringLiteral("profile-token-file"));
    if (signIn(setup, fileProfile, true)
        && runCli(fileProfile, {QStringLiteral("sync")}).exitCode == 0) {
        QList<double> fileIdle;
        for (int i = 0; i < setup.repeats * 2; ++i)
            fileIdle.append(runCli(fileProfile, {QStringLiteral("sync")}).ms);
        print("nothing to do, token in a file (no keychain)", spreadOf(fileIdle),
              inProcess.nothingToDo, "");
    }

    QList<double> one;
    for (int i = 0; i < setup.repeats; ++i) {
        setup.changeOnePostElsewhere();
        one.append(runCli(profile, {QStringLiteral("sync")}).ms);
    }
    print("incremental sync, 1 changed", spreadOf(one), inProcess.incremental1, "");

    // A writer's edits, each a process of its own, then one push of them all.
    const Process listed = runCli(profile, {QStringLiteral("ls")});
    QStringList guids;
    for (const QByteArray &line : listed.out.split('\n')) {
        if (guids.size() == setup.edits)
            break;
        if (!line.isEmpty())
            guids.append(QString::fromUtf8(line.left(line.indexOf('\t'))));
    }
    QList<double> edits;
    for (const QString &guid : guids)
        edits.append(runCli(profile,
                            {QStringLiteral("edit"), guid, QStringLiteral("--title"),
                             QStringLiteral("Edited by a process")})
                             .ms);
    print("one `inkwell-cli edit`", spreadOf(edits), 0, "");
    const Process pushed = runCli(profile, {QStringLiteral("sync")});
    const QByteArray name =
            "push of " + QByteArray::number(guids.size()) + " posts edited by separate processes";
    print(name.constData(), Spread{pushed.ms, pushed.ms, pushed.ms}, inProcess.push1000, "");
}

} // namespace inkwell::bench
