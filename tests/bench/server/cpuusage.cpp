#include "cpuusage.h"

#include "benchfigures.h"

#include <QDir>
#include <QFile>

#include <numeric>

#include <sys/resource.h>
#include <unistd.h>

namespace inkwell::bench {

namespace {

double ticksToSeconds(double ticks)
{
    return ticks / double(sysconf(_SC_CLK_TCK));
}

// The fields of /proc/PID/stat after "(comm)": [0] is state (field 3), [1] ppid, [11] utime,
// [12] stime, [13] cutime, [14] cstime. Empty when the process is gone.
QList<QByteArray> statFields(const QString &pid)
{
    QFile file(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray stat = file.readAll();
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    return fields.size() < 15 ? QList<QByteArray>() : fields;
}

double processCpuSeconds(qint64 pid)
{
    const QList<QByteArray> fields =
            pid > 0 ? statFields(QString::number(pid)) : QList<QByteArray>();
    if (fields.isEmpty())
        return -1;
    return ticksToSeconds(fields[11].toDouble() + fields[12].toDouble());
}

// The postmaster listening on `port`: a process named .../postgres with "-p PORT"; 0 if none.
qint64 findPostmaster(const QStringList &pids, int port)
{
    const QByteArray portArgument = QByteArray::number(port);
    for (const QString &pid : pids) {
        QFile file(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QList<QByteArray> argv = file.readAll().split('\0');
        if (argv.isEmpty() || !argv.first().endsWith("/postgres"))
            continue;
        const qsizetype flag = argv.indexOf("-p");
        if (flag >= 0 && argv.value(flag + 1) == portArgument)
            return pid.toLongLong();
    }
    return 0;
}

// The postmaster, the children it has reaped and its live children (the backends of the
// servers under load, the checkpointer, the WAL writer, ...).
double postgresCpuSeconds(int port)
{
    const QStringList pids =
            QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    const qint64 postmaster = findPostmaster(pids, port);
    if (postmaster == 0)
        return -1;
    double ticks = 0;
    for (const QString &pid : pids) {
        const QList<QByteArray> fields = statFields(pid);
        if (fields.isEmpty())
            continue;
        if (pid.toLongLong() == postmaster)
            ticks += fields[11].toDouble() + fields[12].toDouble() + fields[13].toDouble()
                    + fields[14].toDouble();
        else if (fields[1].toLongLong() == postmaster)
            ticks += fields[11].toDouble() + fields[12].toDouble();
    }
    return ticksToSeconds(ticks);
}

double ownCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval &t) {
        return double(t.tv_sec) + double(t.tv_usec) / 1e6;
    };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// The first line of /proc/stat: user nice system idle iowait irq softirq steal ... in ticks.
void readMachineCpu(CpuSnapshot *snapshot)
{
    QFile file(QStringLiteral("/proc/stat"));
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QList<QByteArray> fields = file.readLine().simplified().split(' ');
    if (fields.size() < 9 || fields.first() != "cpu")
        return;
    double total = 0;
    for (qsizetype i = 1; i < std::min<qsizetype>(fields.size(), 9); ++i) // guest time is in user
        total += fields[i].toDouble();
    snapshot->machineTotal = ticksToSeconds(total);
    snapshot->machineBusy = ticksToSeconds(total - fields[4].toDouble() - fields[5].toDouble());
}

} // namespace

CpuSnapshot takeCpuSnapshot(const QList<qint64> &serverPids, int postgresPort)
{
    CpuSnapshot snapshot;
    for (const qint64 pid : serverPids)
        snapshot.servers.append(processCpuSeconds(pid));
    if (postgresPort > 0)
        snapshot.database = postgresCpuSeconds(postgresPort);
    snapshot.generator = ownCpuSeconds();
    readMachineCpu(&snapshot);
    return snapshot;
}

void printCpuFigures(const QString &prefix, const CpuSnapshot &before, const CpuSnapshot &after,
                     double seconds, qint64 requests)
{
    const double perRequest = 1000.0 / double(std::max<qint64>(1, requests));
    const auto print = [&](const QString &what, double used) {
        printFigure(prefix + QStringLiteral(", %1 CPU per request").arg(what), used * perRequest,
                    "ms");
        printFigure(prefix + QStringLiteral(", %1 CPU").arg(what), used / seconds, "cores");
    };
    double ours = 0;
    for (qsizetype i = 0; i < after.servers.size(); ++i) {
        const double used = after.servers[i] - before.servers.value(i);
        ours += used;
        print(after.servers.size() == 1 ? QStringLiteral("server")
                                        : QStringLiteral("server %1").arg(i + 1),
              used);
    }
    if (after.database >= 0 && before.database >= 0) {
        ours += after.database - before.database;
        print(QStringLiteral("PostgreSQL"), after.database - before.database);
    }
    ours += after.generator - before.generator;
    print(QStringLiteral("load generator"), after.generator - before.generator);
    const double busy = after.machineBusy - before.machineBusy;
    const double cores = (after.machineTotal - before.machineTotal) / seconds;
    printFigure(prefix + QStringLiteral(", machine CPU busy (of %1 cores)").arg(cores, 0, 'f', 1),
                busy / seconds, "cores");
    // Other processes (and the kernel's work not charged to a process, e.g. some softirq time).
    printFigure(prefix + QStringLiteral(", everything else CPU"),
                std::max(0.0, busy - ours) / seconds, "cores");
}

} // namespace inkwell::bench
