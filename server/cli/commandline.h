#pragma once

#include <QStringList>

namespace inkwell::server::cli {

// Exit codes of inkwell-server, documented in docs/operations.md and the man page.
enum ExitCode : int {
    ExitSuccess = 0,
    ExitFailure = 1, // the operation was refused (name taken, unknown user or blog, ...)
    ExitUsage = 2, // unknown command, missing or malformed argument
    ExitDatabase = 3, // the database cannot be opened, migrated, or is newer than this build
    ExitListen = 4, // the listen address cannot be used
};

// Runs `inkwell-server ARGUMENTS...` (arguments[0] is the program name) and returns the exit
// code. Needs a QCoreApplication.
int run(const QStringList &arguments);

} // namespace inkwell::server::cli
