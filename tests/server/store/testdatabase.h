#pragma once

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QTest>
#include <QUrl>
#include <QUuid>

#include "model/result.h"
#include "support/tempdir.h"

namespace inkwell::test {

// A fresh, empty server database for one test: a SQLite file in a temporary folder, or a new
// PostgreSQL database (CREATE DATABASE inkwell_<random>) on the server of INKWELL_TEST_POSTGRES,
// dropped again at the end. Used by the server store and API tests.
class TestDatabase
{
public:
    explicit TestDatabase(const QString &backend) : m_backend(backend)
    {
        if (backend == QLatin1String("sqlite")) {
            m_url = QStringLiteral("sqlite:") + sqlitePath();
            return;
        }
        const QString admin = postgresAdminUrl();
        if (admin.isEmpty()) {
            m_skipReason = QStringLiteral("INKWELL_TEST_POSTGRES is not set");
            return;
        }
        m_name = QStringLiteral("inkwell_") + QUuid::createUuid().toString(QUuid::Id128).left(16);
        // FILE_COPY (PostgreSQL 15+) copies template1's files in one go: a few times faster
        // on the test cluster (fsync off) than the default, which writes every page to the WAL.
        if (!adminExec(QStringLiteral("CREATE DATABASE ") + m_name
                       + QStringLiteral(" STRATEGY = FILE_COPY"))
            && !adminExec(QStringLiteral("CREATE DATABASE ") + m_name))
            return;
        QUrl url(admin);
        url.setPath(u'/' + m_name);
        m_url = url.toString();
    }

    ~TestDatabase()
    {
        if (!m_name.isEmpty() && !m_url.isEmpty())
            adminExec(QStringLiteral("DROP DATABASE IF EXISTS ") + m_name
                      + QStringLiteral(" WITH (FORCE)"));
    }

    TestDatabase(const TestDatabase &) = delete;
    TestDatabase &operator=(const TestDatabase &) = delete;

    // Empty when the backend is not available (see skipReason()).
    QString url() const { return m_url; }
    // PostgreSQL: the test database's name.
    QString name() const { return m_name; }
    QString skipReason() const { return m_skipReason; }
    bool isPostgres() const { return m_backend == QLatin1String("postgres"); }
    // The SQLite backend's database file.
    QString sqlitePath() const { return m_dir.filePath(QStringLiteral("server.db")); }

    // Runs one statement on a private connection to the test database (e.g. to tamper with
    // the schema version); returns the error text or an empty string.
    QString exec(const QString &sql) const
    {
        const QString name = QStringLiteral("inkwell-testdb-exec");
        QString error;
        {
            QSqlDatabase db = isPostgres()
                    ? QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name)
                    : QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            if (isPostgres())
                configure(db, QUrl(m_url));
            else
                db.setDatabaseName(sqlitePath());
            if (!db.open()) {
                error = db.lastError().text();
            } else {
                QSqlQuery query(db);
                if (!query.exec(sql))
                    error = query.lastError().text();
            }
        }
        QSqlDatabase::removeDatabase(name);
        return error;
    }

    // PostgreSQL: runs one statement as the administrator of INKWELL_TEST_POSTGRES (e.g. to
    // create a role); returns the error text or an empty string.
    QString adminStatement(const QString &sql) { return adminExec(sql) ? QString() : m_skipReason; }

private:
    static void configure(QSqlDatabase &db, const QUrl &url)
    {
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName());
        db.setPassword(url.password());
        db.setDatabaseName(url.path().mid(1));
    }

    bool adminExec(const QString &sql)
    {
        const QString name = QStringLiteral("inkwell-testdb-admin");
        bool ok = false;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
            configure(db, QUrl(postgresAdminUrl()));
            if (!db.open()) {
                m_skipReason = QStringLiteral("cannot reach PostgreSQL: ") + db.lastError().text();
            } else {
                QSqlQuery query(db);
                ok = query.exec(sql);
                if (!ok)
                    m_skipReason = QStringLiteral("PostgreSQL: ") + query.lastError().text();
            }
        }
        QSqlDatabase::removeDatabase(name);
        return ok;
    }

    QString m_backend;
    TempDir m_dir;
    QString m_name;
    QString m_url;
    QString m_skipReason;
};

// The error message of a failed result (empty on success), for QVERIFY2.
template<typename T>
QString failure(const Result<T> &result)
{
    return result ? QString() : result.error().message;
}

// The guid of test post n: a valid version-4 UUID, the same for every test that names post n.
inline QString guid(int n)
{
    return QStringLiteral("00000000-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0'));
}

// Adds the "sqlite" and "postgres" rows of initTestCase_data().
inline void addBackendRows()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgres") << QStringLiteral("postgres");
}

} // namespace inkwell::test

// Opens a TestDatabase for the current global backend row into `var`, skipping (or failing,
// when INKWELL_REQUIRE_POSTGRES=1) if the backend is unavailable.
#define INKWELL_TEST_DATABASE(var) \
    QFETCH_GLOBAL(QString, backend); \
    inkwell::test::TestDatabase var(backend); \
    if (var.url().isEmpty()) { \
        if (inkwell::test::postgresRequired()) \
            QFAIL(qPrintable(var.skipReason())); \
        QSKIP(qPrintable(var.skipReason())); \
    }
