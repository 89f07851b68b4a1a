#pragma once

#include "exitcode.h"
#include "profile.h"

#include <QObject>
#include <QStringList>

class QJsonValue;

namespace inkwell::net {
class Transport;
}

namespace inkwell::cli {

// What every command gets: the profile, the output format, a Transport, and finish() to end
// the program with an exit code once the (possibly asynchronous) work is done.
class Cli final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Cli)

public:
    enum class Format { Text, Json };

    Cli(const QString &profileDirectory, Format format, QObject *parent = nullptr);
    ~Cli() override;

    Profile &profile() { return m_profile; }
    Format format() const { return m_format; }
    net::Transport *transport();

    // Output helpers: stdout for results, stderr for messages and errors.
    void print(const QString &line) const;
    void printJson(const QJsonValue &value) const;
    void warn(const QString &line) const;

    // Ends the program with code (after the current event is processed). Only the first call
    // counts.
    void finish(ExitCode code);
    // Prints error (its user-facing text and, for --json, its code) and finishes with its code.
    void fail(const Error &error);
    void usage(const QString &message);

    // Runs `command args...`; false for an unknown command.
    bool run(const QString &command, const QStringList &arguments);

private:
    Profile m_profile;
    Format m_format;
    std::unique_ptr<net::Transport> m_transport;
    bool m_finished = false;
};

// Command entry points, one group per file.
void runLogin(Cli &cli, const QStringList &arguments);
void runLogout(Cli &cli, const QStringList &arguments);
void runBlogs(Cli &cli, const QStringList &arguments);
void runBlog(Cli &cli, const QStringList &arguments);
void runNew(Cli &cli, const QStringList &arguments);
void runEdit(Cli &cli, const QStringList &arguments);
void runRemove(Cli &cli, const QStringList &arguments);
void runList(Cli &cli, const QStringList &arguments);
void runShow(Cli &cli, const QStringList &arguments);
void runAttach(Cli &cli, const QStringList &arguments);
void runSync(Cli &cli, const QStringList &arguments);
void runStatus(Cli &cli, const QStringList &arguments);
void runWatch(Cli &cli, const QStringList &arguments);
void runConflicts(Cli &cli, const QStringList &arguments);
void runResolve(Cli &cli, const QStringList &arguments);
void runHistory(Cli &cli, const QStringList &arguments);
void runRestore(Cli &cli, const QStringList &arguments);
void runExport(Cli &cli, const QStringList &arguments);

// Usage text for --help.
QString usageText();

} // namespace inkwell::cli
