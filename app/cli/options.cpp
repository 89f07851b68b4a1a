#include "options.h"

#include "cli.h"

namespace inkwell::cli {

bool parseArguments(Cli &cli, QCommandLineParser &parser, const QStringList &arguments,
                    qsizetype positionals)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    if (!parser.parse(QStringList{QStringLiteral("inkwell-cli")} + arguments)) {
        cli.usage(parser.errorText());
        return false;
    }
    if (parser.positionalArguments().size() != positionals) {
        cli.usage(QStringLiteral("expected %1 argument(s), got %2")
                          .arg(positionals)
                          .arg(parser.positionalArguments().size()));
        return false;
    }
    return true;
}

} // namespace inkwell::cli
