#include "server/cli/commandline.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("inkwell-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(INKWELL_VERSION));
    return inkwell::server::cli::run(QCoreApplication::arguments());
}
