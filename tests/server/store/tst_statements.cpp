// How the server store hands values to the database: bound, never part of the SQL text (so no
// log shows them), on SQLite and PostgreSQL alike; blobs/missing in one statement; the
// PostgreSQL password from a file or the environment instead of the URL.
#include "server/store/database.h"
#include "server/store/serverstore.h"
#include "server/store/testdatabase.h"
#include "support/serverlauncher.h"

#include <QCryptographicHash>
#include <QFile>
#include <QMutex>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUrl>

using namespace inkwell;
using namespace inkwell::server::store;
using inkwell::test::failure;

namespace {

// Everything logged through Qt while it lives.
class LogCapture
{
public:
    LogCapture() { s_previous = qInstallMessageHandler(&LogCapture::handle); }
    ~LogCapture() { qInstallMessageHandler(s_previous); }
    LogCapture(const LogCapture &) = delete;
    LogCapture &operator=(const LogCapture &) = delete;

    static QString text()
    {
        const QMutexLocker lock(&s_mutex);
        return s_text;
    }

private:
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
    {
        {
            const QMutexLocker lock(&s_mutex);
            s_text += message + u'\n';
        }
        if (s_previous)
            s_previous(type, context, message);
    }

    static inline QtMessageHandler s_previous = nullptr;
    static inline QMutex s_mutex;
    static inline QString s_text;
};

// Every byte value, NUL included.
QByteArray allBytes()
{
    QByteArray bytes;
    for (int i = 0; i < 256; ++i)
        bytes.append(char(i));
    return bytes;
}

QString sha256(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

// The role that test-env.sh's PostgreSQL lets in only with its password (scram-sha-256).
const QString passwordRole = QStringLiteral("inkwell_password");

} // namespace

class tst_Statements : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { test::addBackendRows(); }

    void valuesRoundTripUnchanged_data();
    void valuesRoundTripUnchanged();
    void failedStatementLogsNoValues();
    void postgresLogShowsNoValues();
    void missingBlobsIsOneStatement();
    void postgresPasswordFromFileOrEnvironment();
};

void tst_Statements::valuesRoundTripUnchanged_data()
{
    QTest::addColumn<bool>("perCall");
    QTest::newRow("cached plan") << false;
    QTest::newRow("planned per call") << true;
}

// Quotes, placeholders and parameter markers inside values, a '?' inside a literal of the SQL,
// bytes of every value and NULL all come back as they went in.
void tst_Statements::valuesRoundTripUnchanged()
{
    QFETCH(bool, perCall);
    INKWELL_TEST_DATABASE(db);
    auto database = Database::open(db.url());
    QVERIFY2(database, qPrintable(failure(database)));
    QSqlDatabase connection = (*database)->connection().value();
    QVERIFY(executeDirect(connection,
                          db.isPostgres()
                                  ? QStringLiteral("CREATE TABLE t (k BIGINT, s TEXT, b BYTEA)")
                                  : QStringLiteral("CREATE TABLE t (k BIGINT, s TEXT, b BLOB)")));
    const QString text = QStringLiteral("it's ? and $1 and '' and \\ \"quoted\" ?; -- ünïcode");
    const QByteArray bytes = allBytes();
    const Plan plan = perCall ? Plan::PerCall : Plan::Cached;
    const QString insert = QStringLiteral("INSERT INTO t (k, s, b) VALUES (?, ?, ?)");
    QVERIFY(execute(connection, insert, QVariantList{1, text, bytes}, plan));
    QVERIFY(execute(connection, insert, QVariantList{2, QVariant(), QByteArray("", 0)}, plan));
    for (int round = 0; round < 2; ++round) { // the second run executes the prepared statement
        Result<Statement> rows =
                execute(connection,
                        QStringLiteral("SELECT k, s, b, 'what?', \"k\" FROM t WHERE k >= ? AND"
                                       " (s = ? OR s IS NULL) ORDER BY k"),
                        QVariantList{1, text}, plan);
        QVERIFY2(rows, qPrintable(failure(rows)));
        QVERIFY(rows->next());
        QCOMPARE(rows->value(0).toLongLong(), 1);
        QCOMPARE(rows->value(1).toString(), text);
        QCOMPARE(rows->value(2).toByteArray(), bytes);
        QCOMPARE(rows->value(3).toString(), QStringLiteral("what?"));
        QCOMPARE(rows->value(4).toInt(), 1);
        QVERIFY(rows->next());
        QCOMPARE(rows->value(0).toLongLong(), 2);
        QVERIFY(rows->value(1).isNull());
        QVERIFY(!rows->value(2).isNull());
        QCOMPARE(rows->value(2).toByteArray(), QByteArray());
        QVERIFY(!rows->next());
    }
    Result<Statement> updated =
            execute(connection, QStringLiteral("UPDATE t SET s = ? WHERE k > ?"),
                    QVariantList{text, 0}, plan);
    QVERIFY2(updated, qPrintable(failure(updated)));
    QCOMPARE(updated->numRowsAffected(), 2);
}

// A statement that fails on a value (a duplicate key, a number that is not one) reports and
// logs the SQL and the database's error, but neither the value nor the other values bound.
void tst_Statements::failedStatementLogsNoValues()
{
    INKWELL_TEST_DATABASE(db);
    auto database = Database::open(db.url());
    QVERIFY2(database, qPrintable(failure(database)));
    QSqlDatabase connection = (*database)->connection().value();
    QVERIFY(executeDirect(connection,
                          QStringLiteral("CREATE TABLE accounts_t (name TEXT UNIQUE,"
                                         " password_hash TEXT, n BIGINT)")));
    const QString marker = QStringLiteral("secret-marker-4711");
    const QString hash = QStringLiteral("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA");
    const QString insert =
            QStringLiteral("INSERT INTO accounts_t (name, password_hash, n) VALUES (?, ?, ?)");
    QVERIFY(execute(connection, insert, {marker, hash, 1}));
    const LogCapture log;
    const Result<Statement> duplicate = execute(connection, insert, {marker, hash, 2});
    QVERIFY(!duplicate);
    QCOMPARE(duplicate.error().code, ErrorCode::DatabaseQuery);
    QString said = duplicate.error().message + u'\n';
    if (db.isPostgres()) { // SQLite turns any text into a number
        const Result<Statement> notANumber =
                execute(connection,
                        QStringLiteral("SELECT name FROM accounts_t WHERE n = CAST(? AS BIGINT) AND"
                                       " password_hash = ?"),
                        {marker, hash});
        QVERIFY(!notANumber);
        said += notANumber.error().message + u'\n';
    }
    said += LogCapture::text();
    QVERIFY2(!said.contains(marker), qPrintable(said));
    QVERIFY2(!said.contains(QStringLiteral("c2FsdA")), qPrintable(said));
    if (db.isPostgres()) {
        // The log names the statement and PostgreSQL's error.
        QVERIFY2(LogCapture::text().contains(insert), qPrintable(said));
        QVERIFY2(LogCapture::text().contains(QStringLiteral("23505")), qPrintable(said));
        QVERIFY2(LogCapture::text().contains(QStringLiteral("22P02")), qPrintable(said));
    }
}

// PostgreSQL logs every failed statement's text (log_min_error_statement = error): the text
// holds placeholders, so the values stay out of the server's log too.
void tst_Statements::postgresLogShowsNoValues()
{
    INKWELL_TEST_DATABASE(db);
    if (!db.isPostgres())
        QSKIP("PostgreSQL's own log");
    auto database = Database::open(db.url());
    QVERIFY2(database, qPrintable(failure(database)));
    QSqlDatabase connection = (*database)->connection().value();
    const QString marker = QStringLiteral("logged-marker-") + db.name();
    for (const Plan plan : {Plan::Cached, Plan::PerCall}) {
        const Result<Statement> failed =
                execute(connection, QStringLiteral("SELECT CAST(? AS TEXT), 1 / (? - 1)"),
                        QVariantList{marker, 1}, plan);
        QVERIFY(!failed);
    }
    // The test cluster logs to data_directory/../log (scripts/test-env.sh).
    QString serverLog;
    {
        QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"),
                                                       QStringLiteral("tst-statements-log"));
        const QUrl url(test::postgresAdminUrl());
        admin.setHostName(url.host());
        admin.setPort(url.port(5432));
        admin.setUserName(url.userName());
        admin.setDatabaseName(url.path().mid(1));
        QVERIFY2(admin.open(), qPrintable(admin.lastError().text()));
        QSqlQuery read(admin);
        QVERIFY2(read.exec(QStringLiteral("SELECT pg_read_file(current_setting('data_directory')"
                                          " || '/../log')")),
                 qPrintable(read.lastError().text()));
        QVERIFY(read.next());
        serverLog = read.value(0).toString();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("tst-statements-log"));
    QVERIFY2(serverLog.contains(QStringLiteral("division by zero")), "the log file was not found");
    QVERIFY2(!serverLog.contains(marker), qPrintable(serverLog.right(2000)));
}

// blobs/missing asks once, however many hashes: the missing ones come back in the request's
// order, each once.
void tst_Statements::missingBlobsIsOneStatement()
{
    INKWELL_TEST_DATABASE(db);
    const auto store = ServerStore::open(db.url());
    QVERIFY2(store, qPrintable(failure(store)));
    QVERIFY((*store)->createAccount(QStringLiteral("ada"), "h"));
    const qint64 blog = (*store)->createBlog(QStringLiteral("Travel"), 1).value();
    QStringList hashes;
    QStringList expected;
    for (int i = 0; i < 500; ++i) {
        const QByteArray data = QByteArray::number(i);
        hashes.append(sha256(data));
        if (i % 3 == 0)
            QVERIFY((*store)->putBlob(blog, hashes.last(), data));
        else
            expected.append(hashes.last());
    }
    hashes.append(hashes.at(1)); // asked twice, answered once
    const quint64 before = statementsExecuted();
    const Result<QStringList> missing = (*store)->missingBlobs(blog, hashes);
    const quint64 statements = statementsExecuted() - before;
    QVERIFY2(missing, qPrintable(failure(missing)));
    QCOMPARE(*missing, expected);
    QCOMPARE(statements, quint64(1));
    // Another blog has none of them.
    const qint64 other = (*store)->createBlog(QStringLiteral("Food"), 1).value();
    QCOMPARE((*store)->missingBlobs(other, hashes.mid(0, 3)).value(), hashes.mid(0, 3));
    QCOMPARE((*store)->missingBlobs(other, {}).value(), QStringList());
}

// A role that must give its password: refused without one, let in with it from a mode-600
// file (not the URL, so not on any command line) or from PGPASSWORD, by the store and by
// inkwell-server itself.
void tst_Statements::postgresPasswordFromFileOrEnvironment()
{
    INKWELL_TEST_DATABASE(db);
    if (!db.isPostgres())
        QSKIP("PostgreSQL passwords");
    const QString password = QStringLiteral("p@ss:w/rd%20 ü'\"");
    QString escaped = password;
    escaped.replace(u'\'', QStringLiteral("''"));
    // Fails harmlessly when an earlier run on the same cluster created it.
    db.adminStatement(QStringLiteral("CREATE ROLE ") + passwordRole + QStringLiteral(" LOGIN"));
    QCOMPARE(db.adminStatement(QStringLiteral("ALTER ROLE ") + passwordRole
                               + QStringLiteral(" PASSWORD '") + escaped + u'\''),
             QString());
    QCOMPARE(db.adminStatement(QStringLiteral("ALTER DATABASE ") + db.name()
                               + QStringLiteral(" OWNER TO ") + passwordRole),
             QString());
    QUrl url(db.url());
    url.setUserName(passwordRole);
    url.setPassword(QString());
    const QString plainUrl = url.toString();
    qunsetenv("PGPASSWORD");
    const auto without = ServerStore::open(plainUrl);
    if (without && !test::postgresRequired())
        QSKIP("this PostgreSQL lets the role in without a password (not scripts/test-env.sh)");
    QVERIFY2(!without, "the role got in without its password");

    const test::TempDir dir;
    const QString file = dir.filePath(QStringLiteral("db-password"));
    {
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(password.toUtf8() + '\n');
    }
    QVERIFY(QFile::setPermissions(file, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther));
    QCOMPARE(ServerStore::withPasswordFile(plainUrl, file).error().code,
             ErrorCode::InvalidArgument); // others may read it
    QVERIFY(QFile::setPermissions(file, QFile::ReadOwner | QFile::WriteOwner));
    const Result<QString> withPassword = ServerStore::withPasswordFile(plainUrl, file);
    QVERIFY2(withPassword, qPrintable(failure(withPassword)));
    const auto fromFile = ServerStore::open(*withPassword);
    QVERIFY2(fromFile, qPrintable(failure(fromFile)));
    QVERIFY((*fromFile)->createAccount(QStringLiteral("ada"), "h"));

    qputenv("PGPASSWORD", password.toUtf8());
    const auto fromEnvironment = ServerStore::open(plainUrl);
    qunsetenv("PGPASSWORD");
    QVERIFY2(fromEnvironment, qPrintable(failure(fromEnvironment)));
    QVERIFY((*fromEnvironment)->accountByName(QStringLiteral("ada")).value().has_value());

    // The server binary: --database-password-file, and PGPASSWORD.
    const auto run = [&](const QStringList &arguments, const QByteArray &environmentPassword) {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("PGPASSWORD"));
        if (!environmentPassword.isEmpty())
            environment.insert(QStringLiteral("PGPASSWORD"),
                               QString::fromUtf8(environmentPassword));
        process.setProcessEnvironment(environment);
        process.start(test::ServerLauncher::serverBinary(), arguments);
        if (!process.waitForFinished(30000))
            return -1;
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    };
    const QStringList blogAdd = {QStringLiteral("blog"),
                                 QStringLiteral("add"),
                                 QStringLiteral("Diary"),
                                 QStringLiteral("--owner"),
                                 QStringLiteral("ada"),
                                 QStringLiteral("--database"),
                                 plainUrl};
    QCOMPARE(run(blogAdd, {}), 3); // the database refuses
    QCOMPARE(run(blogAdd + QStringList{QStringLiteral("--database-password-file"), file}, {}), 0);
    QCOMPARE(run(blogAdd, password.toUtf8()), 0);
}

QTEST_GUILESS_MAIN(tst_Statements)
#include "tst_statements.moc"
