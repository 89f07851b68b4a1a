#pragma once

#include <QList>
#include <QtGlobal>

namespace inkwell::bench {

// CPU time (user + system, in seconds) of the processes a load run involves, read from /proc.
// A figure is -1 where it cannot be read (e.g. a PostgreSQL server on another machine).
struct CpuSnapshot
{
    QList<double> servers; // each inkwell-server process under load
    double database = -1; // the PostgreSQL postmaster and its backends
    double generator = 0; // this process (the load generator)
    double machineBusy = 0; // all cores, every process: /proc/stat minus idle and I/O wait
    double machineTotal = 0; // all cores, busy or not
};

// CPU used so far by the servers `serverPids`, the PostgreSQL server listening on
// `postgresPort` (-1: none), this process and the whole machine.
CpuSnapshot takeCpuSnapshot(const QList<qint64> &serverPids, int postgresPort);

// The CPU a run of `seconds` used between two snapshots, printed per request and in cores (CPU
// seconds per wall-clock second), with the machine's busy cores and what other processes used.
void printCpuFigures(const QString &prefix, const CpuSnapshot &before, const CpuSnapshot &after,
                     double seconds, qint64 requests);

} // namespace inkwell::bench
