#pragma once

#include "support/tempdir.h"

#include <QByteArray>
#include <QObject>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <memory>

class QProcess;

namespace inkwell::test {

// Starts the real inkwell-server binary on 127.0.0.1 with a free port against a fresh SQLite
// file or a fresh PostgreSQL database, and drives its admin CLI. Targets that use it must
// depend on the server binary: add_dependencies(<test> inkwell-server).
class ServerLauncher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerLauncher)

public:
    enum class Backend { Sqlite, Postgres };

    // Output of one admin command.
    struct CliResult
    {
        int exitCode = -1; // -1 when the command did not run or crashed
        QByteArray standardOutput;
        QByteArray standardError;
    };

    // Sqlite: a new file in a temporary folder. Postgres: a new database on the server that
    // scripts/test-env.sh started (INKWELL_TEST_POSTGRES), dropped again by the destructor.
    explicit ServerLauncher(Backend backend = Backend::Sqlite, QObject *parent = nullptr);
    ~ServerLauncher() override; // kills a server still running

    // False when the backend cannot be used (e.g. no PostgreSQL); errorString() says why.
    // Tests then QSKIP, or QFAIL when postgresRequired().
    bool isAvailable() const;
    QString databaseUrl() const;
    // Uses another launcher's database, so that several servers share one (call before start).
    void setDatabaseUrl(const QString &url);
    // Extra flags for `serve`, e.g. {"--max-connections", "4"} (call before start).
    void setServeArguments(const QStringList &arguments);

    // Starts `serve` and waits for its "listening on" line; false (see errorString()) if the
    // server did not come up within the timeout.
    bool start(std::chrono::milliseconds timeout = std::chrono::seconds(30));
    // Sends SIGTERM and waits; true when the server exited by itself with status 0.
    bool stop(std::chrono::milliseconds timeout = std::chrono::seconds(30));
    // Sends SIGKILL and waits until the process is gone.
    void kill();
    bool isRunning() const;

    QUrl baseUrl() const; // http://127.0.0.1:PORT, valid while running
    quint16 port() const;
    qint64 processId() const;
    QString errorString() const;
    QString serverLog() const; // everything the server wrote to stderr so far

    // Admin CLI against the same database; usable while the server runs.
    CliResult runCli(const QStringList &arguments, const QByteArray &standardInput = {}) const;
    bool addUser(const QString &name, const QString &password) const;
    qint64 addBlog(const QString &name, const QString &owner) const; // the blog id, or -1
    bool addMember(qint64 blogId, const QString &user) const;
    bool revokeTokens(const QString &user) const;

    // Path of the inkwell-server binary this build made (or $INKWELL_SERVER_BINARY).
    static QString serverBinary();

private:
    bool createPostgresDatabase();
    void dropPostgresDatabase();
    bool readListeningLine(std::chrono::milliseconds timeout);

    TempDir m_dir;
    std::unique_ptr<QProcess> m_process;
    QString m_databaseUrl;
    QString m_postgresDatabase; // created by this launcher, dropped on destruction
    QStringList m_serveArguments;
    QString m_error;
    QString m_logFile;
    quint16 m_port = 0;
    int m_starts = 0;
};

} // namespace inkwell::test
