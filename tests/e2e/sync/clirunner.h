#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace inkwell::test {

// Output of one inkwell-cli run.
struct CliRun
{
    int exitCode = -1; // -1 when it crashed or did not finish in time
    QByteArray out;
    QByteArray err;
};

// Runs the inkwell-cli this build made with --profile profile and arguments (bounded wait).
CliRun runCli(const QString &profile, const QStringList &arguments,
              const QByteArray &standardInput = {}, int timeoutMs = 60000);
QString cliBinary();

// Signs profile in to the server at serverUrl as user (password "password", the token in an
// owner-only file); a warning says why when the login fails.
void signInProfile(const QString &profile, const QString &serverUrl, const QString &user);

} // namespace inkwell::test
