#include "clirunner.h"

#include <QProcess>

namespace inkwell::test {

QString cliBinary()
{
#ifdef INKWELL_CLI_BINARY
    return QStringLiteral(INKWELL_CLI_BINARY);
#else
    return qEnvironmentVariable("INKWELL_CLI_BINARY");
#endif
}

CliRun runCli(const QString &profile, const QStringList &arguments, const QByteArray &standardInput,
              int timeoutMs)
{
    QProcess process;
    process.start(cliBinary(), QStringList{QStringLiteral("--profile"), profile} + arguments);
    CliRun run;
    if (!process.waitForStarted(10000))
        return run;
    process.write(standardInput);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    if (process.exitStatus() == QProcess::NormalExit)
        run.exitCode = process.exitCode();
    return run;
}

void signInProfile(const QString &profile, const QString &serverUrl, const QString &user)
{
    const CliRun login = runCli(
            profile,
            {QStringLiteral("login"), serverUrl, user, QStringLiteral("--insecure-token-file")},
            "password\n");
    if (login.exitCode != 0)
        qWarning("login failed: %s", login.err.constData());
}

} // namespace inkwell::test
