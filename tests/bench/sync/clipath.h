#pragma once

#include <QString>
#include <QUrl>

#include <functional>

namespace inkwell::bench {

// The in-process figures of bench_sync that the CLI path is compared with (ms).
struct InProcessFigures
{
    double initial = 0;
    double nothingToDo = 0;
    double incremental1 = 0;
    double push1000 = 0;
};

struct CliPathSetup
{
    QUrl server;
    QString user;
    QString password;
    int edits = 1000; // posts changed by separate `inkwell-cli edit` processes before a push
    int repeats = 5; // runs of each repeatable figure (median, min and max printed)
    // Changes one post on the server through another client and returns when it is pushed.
    std::function<void()> changeOnePostElsewhere;
};

// The same workloads as the in-process figures, through real inkwell-cli processes as a writer
// runs them (a new profile signed in with `login`, `sync`, `edit`), timed as whole processes
// and printed beside the in-process figure with their ratio.
void runCliPath(const CliPathSetup &setup, const InProcessFigures &inProcess);

} // namespace inkwell::bench
