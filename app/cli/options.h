#pragma once

#include <QCommandLineParser>
#include <QStringList>

namespace inkwell::cli {

class Cli;

// Parses a command's arguments with parser; on a usage error (also a wrong number of
// positional arguments) reports it through cli and returns false.
bool parseArguments(Cli &cli, QCommandLineParser &parser, const QStringList &arguments,
                    qsizetype positionals);

} // namespace inkwell::cli
