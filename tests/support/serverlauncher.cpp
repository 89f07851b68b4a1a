#include "support/serverlauncher.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <csignal>

#include <sys/prctl.h>

namespace inkwell::test {

namespace {

constexpr auto cliTimeout = std::chrono::seconds(60);

// Runs one statement on the PostgreSQL server of `url` (connected to its admin database).
QString runPostgresAdmin(const QUrl &url, const QString &statement)
{
    const QString name =
            QStringLiteral("serverlauncher-%1").arg(QRandomGenerator::global()->generate64());
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName());
        db.setPassword(url.password());
        db.setDatabaseName(url.path().mid(1));
        if (!db.open()) {
            error = db.lastError().text();
        } else {
            QSqlQuery query(db);
            if (!query.exec(statement))
                error = query.lastError().text();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return error;
}

} // namespace

ServerLauncher::ServerLauncher(Backend backend, QObject *parent) : QObject(parent)
{
    m_logFile = m_dir.filePath(QStringLiteral("server.log"));
    if (backend == Backend::Sqlite)
        m_databaseUrl =
                QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("inkwell.sqlite"));
    else
        createPostgresDatabase();
}

ServerLauncher::~ServerLauncher()
{
    if (isRunning())
        kill();
    dropPostgresDatabase();
}

bool ServerLauncher::createPostgresDatabase()
{
    const QString admin = postgresAdminUrl();
    if (admin.isEmpty()) {
        m_error =
                QStringLiteral("INKWELL_TEST_POSTGRES is not set (run under scripts/test-env.sh)");
        return false;
    }
    const QString name = QStringLiteral("inkwell_e2e_%1")
                                 .arg(qulonglong(QRandomGenerator::global()->generate64()), 16, 16,
                                      QLatin1Char('0'));
    const QString error = runPostgresAdmin(QUrl(admin), QStringLiteral("CREATE DATABASE ") + name);
    if (!error.isEmpty()) {
        m_error = QStringLiteral("cannot create PostgreSQL database: ") + error;
        return false;
    }
    m_postgresDatabase = name;
    QUrl url(admin);
    url.setPath(u'/' + name);
    m_databaseUrl = url.toString();
    return true;
}

void ServerLauncher::dropPostgresDatabase()
{
    if (m_postgresDatabase.isEmpty())
        return;
    const QString error = runPostgresAdmin(
            QUrl(postgresAdminUrl()),
            QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_postgresDatabase));
    if (!error.isEmpty())
        qWarning("ServerLauncher: cannot drop %s: %s", qPrintable(m_postgresDatabase),
                 qPrintable(error));
    m_postgresDatabase.clear();
}

bool ServerLauncher::isAvailable() const
{
    return !m_databaseUrl.isEmpty() && m_dir.isValid();
}

QString ServerLauncher::databaseUrl() const
{
    return m_databaseUrl;
}

void ServerLauncher::setDatabaseUrl(const QString &url)
{
    m_databaseUrl = url;
}

void ServerLauncher::setServeArguments(const QStringList &arguments)
{
    m_serveArguments = arguments;
}

QString ServerLauncher::serverBinary()
{
    const QString fromEnvironment = qEnvironmentVariable("INKWELL_SERVER_BINARY");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
#ifdef INKWELL_SERVER_BINARY
    return QStringLiteral(INKWELL_SERVER_BINARY);
#else
    return {};
#endif
}

bool ServerLauncher::start(std::chrono::milliseconds timeout)
{
    if (!isAvailable())
        return false;
    if (isRunning()) {
        m_error = QStringLiteral("the server is already running");
        return false;
    }
    m_port = 0;
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(serverBinary());
    m_process->setArguments(QStringList{QStringLiteral("serve"), QStringLiteral("--database"),
                                        m_databaseUrl, QStringLiteral("--listen"),
                                        QStringLiteral("127.0.0.1:0")}
                            + m_serveArguments);
    m_process->setStandardErrorFile(m_logFile, QIODevice::Append);
    // A test that aborts (a QFATAL, a test function timeout) runs no destructor: the server
    // gets SIGTERM when the thread that started it ends, so it never outlives the test.
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    m_process->start(QIODevice::ReadOnly);
    ++m_starts;
    if (!m_process->waitForStarted(int(timeout.count()))) {
        m_error =
                QStringLiteral("cannot start %1: %2").arg(serverBinary(), m_process->errorString());
        return false;
    }
    if (!readListeningLine(timeout)) {
        if (isRunning())
            kill();
        return false;
    }
    return true;
}

bool ServerLauncher::readListeningLine(std::chrono::milliseconds timeout)
{
    static const QRegularExpression listening(QStringLiteral("^listening on (.+):(\\d+)$"));
    const QDeadlineTimer deadline(timeout);
    QByteArray seen;
    while (!deadline.hasExpired()) {
        if (!m_process->canReadLine()
            && !m_process->waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())))) {
            if (m_process->state() == QProcess::NotRunning)
                break;
            continue;
        }
        while (m_process->canReadLine()) {
            const QByteArray line = m_process->readLine();
            seen += line;
            const auto match = listening.match(QString::fromUtf8(line).trimmed());
            if (match.hasMatch()) {
                m_port = quint16(match.captured(2).toUInt());
                return true;
            }
        }
    }
    m_error = QStringLiteral("the server did not print \"listening on\" (%1); stdout: %2; log: %3")
                      .arg(m_process->state() == QProcess::NotRunning
                                   ? QStringLiteral("it exited with %1").arg(m_process->exitCode())
                                   : QStringLiteral("timeout"),
                           QString::fromUtf8(seen), serverLog());
    return false;
}

bool ServerLauncher::stop(std::chrono::milliseconds timeout)
{
    if (!isRunning())
        return false;
    ::kill(pid_t(m_process->processId()), SIGTERM);
    if (!m_process->waitForFinished(int(timeout.count()))) {
        m_error = QStringLiteral("the server did not exit within %1 ms after SIGTERM")
                          .arg(timeout.count());
        kill();
        return false;
    }
    if (m_process->exitStatus() != QProcess::NormalExit || m_process->exitCode() != 0) {
        m_error = QStringLiteral("the server exited with %1 after SIGTERM; log: %2")
                          .arg(m_process->exitCode())
                          .arg(serverLog());
        return false;
    }
    return true;
}

void ServerLauncher::kill()
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
    m_process->kill();
    m_process->waitForFinished(int(std::chrono::milliseconds(cliTimeout).count()));
}

bool ServerLauncher::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

QUrl ServerLauncher::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_port);
    return url;
}

quint16 ServerLauncher::port() const
{
    return m_port;
}

qint64 ServerLauncher::processId() const
{
    return m_process ? m_process->processId() : 0;
}

QString ServerLauncher::errorString() const
{
    return m_error;
}

QString ServerLauncher::serverLog() const
{
    QFile file(m_logFile);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

ServerLauncher::CliResult ServerLauncher::runCli(const QStringList &arguments,
                                                 const QByteArray &standardInput) const
{
    CliResult result;
    QProcess process;
    process.start(serverBinary(),
                  arguments + QStringList{QStringLiteral("--database"), m_databaseUrl});
    if (!process.waitForStarted(int(std::chrono::milliseconds(cliTimeout).count()))) {
        result.standardError = process.errorString().toUtf8();
        return result;
    }
    process.write(standardInput);
    process.closeWriteChannel();
    if (!process.waitForFinished(int(std::chrono::milliseconds(cliTimeout).count()))) {
        process.kill();
        process.waitForFinished();
        result.standardError = "timed out";
        return result;
    }
    result.standardOutput = process.readAllStandardOutput();
    result.standardError = process.readAllStandardError();
    if (process.exitStatus() == QProcess::NormalExit)
        result.exitCode = process.exitCode();
    return result;
}

bool ServerLauncher::addUser(const QString &name, const QString &password) const
{
    const CliResult result =
            runCli({QStringLiteral("user"), QStringLiteral("add"), name}, password.toUtf8() + '\n');
    if (result.exitCode != 0)
        qWarning("user add failed: %s", result.standardError.constData());
    return result.exitCode == 0;
}

qint64 ServerLauncher::addBlog(const QString &name, const QString &owner) const
{
    const CliResult result = runCli({QStringLiteral("blog"), QStringLiteral("add"), name,
                                     QStringLiteral("--owner"), owner});
    bool ok = false;
    const qint64 id = result.standardOutput.trimmed().toLongLong(&ok);
    if (result.exitCode != 0 || !ok) {
        qWarning("blog add failed: %s", result.standardError.constData());
        return -1;
    }
    return id;
}

bool ServerLauncher::addMember(qint64 blogId, const QString &user) const
{
    const CliResult result = runCli(
            {QStringLiteral("member"), QStringLiteral("add"), QString::number(blogId), user});
    if (result.exitCode != 0)
        qWarning("member add failed: %s", result.standardError.constData());
    return result.exitCode == 0;
}

bool ServerLauncher::revokeTokens(const QString &user) const
{
    const CliResult result = runCli({QStringLiteral("token"), QStringLiteral("revoke"), user});
    if (result.exitCode != 0)
        qWarning("token revoke failed: %s", result.standardError.constData());
    return result.exitCode == 0;
}

} // namespace inkwell::test
