// The statement layer of the local store (ThreadConnection / Statement over SQLite's API):
// values keep their types both ways, text is stored as UTF-8, errors carry SQLite's code and a
// read error ends next() and is reported by status().
#include "store/threadconnection.h"
#include "support/tempdir.h"

#include <QTest>

using namespace inkwell;
using namespace inkwell::store;

class TestStatement : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ThreadConnection> openConnection()
    {
        auto connection =
                std::make_unique<ThreadConnection>(m_dir.filePath(QStringLiteral("statement.db")));
        const auto opened = connection->open();
        if (!opened)
            qWarning("%s", qPrintable(opened.error().message));
        return connection;
    }

    test::TempDir m_dir;

private Q_SLOTS:
    void init()
    {
        auto connection = openConnection();
        QVERIFY(connection->exec(QStringLiteral("DROP TABLE IF EXISTS t")));
        QVERIFY(connection->exec(QStringLiteral(
                "CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n TEXT NOT NULL)")));
    }

    void valuesRoundTripWithTheirTypes()
    {
        auto connection = openConnection();
        const QString text = QStringLiteral("Grüße, 世界 👋\r\nline");
        const QByteArray bytes("\0\x01\xff binary", 10);
        auto insert = connection->statement(QStringLiteral("INSERT INTO t VALUES (?, ?, ?, ?, ?)"));
        QVERIFY(insert);
        QVERIFY(insert->exec({qint64(1) << 40, 2.5, text, bytes, QString()}, QStringLiteral("x")));
        QCOMPARE(insert->changes(), 1);

        auto select = connection->statement(
                QStringLiteral("SELECT i, r, s, b, n, NULL, length(s), typeof(n) FROM t"));
        QVERIFY(select);
        QVERIFY(select->exec({}, QStringLiteral("reading")));
        QVERIFY(select->next());
        QCOMPARE(select->value(0).typeId(), QMetaType::LongLong);
        QCOMPARE(select->integer(0), qint64(1) << 40);
        QCOMPARE(select->value(1).toDouble(), 2.5);
        QCOMPARE(select->text(2), text);
        QCOMPARE(select->value(2).toString(), text);
        QCOMPARE(select->blob(3), bytes);
        QCOMPARE(select->value(3).typeId(), QMetaType::QByteArray);
        // A null QString binds as "" (NOT NULL text columns), an invalid QVariant as NULL.
        QCOMPARE(select->text(4), QString(""));
        QVERIFY(!select->isNull(4));
        QVERIFY(select->isNull(5));
        QVERIFY(!select->value(5).isValid());
        QCOMPARE(select->text(5), QString(""));
        QCOMPARE(select->integer(6), text.size() - 1); // SQLite counts the emoji as 1 character
        QCOMPARE(select->text(7), QStringLiteral("text"));
        QVERIFY(!select->next());
        QVERIFY(select->status(QStringLiteral("reading")));
    }

    void nullVariantBindsSqlNull()
    {
        auto connection = openConnection();
        auto insert = connection->statement(QStringLiteral("INSERT INTO t (i, n) VALUES (?, 'x')"));
        QVERIFY(insert);
        QVERIFY(insert->exec({QVariant()}, QStringLiteral("x")));
        auto count = connection->scalar(QStringLiteral("SELECT count(*) FROM t WHERE i IS NULL"));
        QVERIFY(count);
        QCOMPARE(count->toLongLong(), 1);
    }

    void cachedStatementRunsAgainWithNewValues()
    {
        auto connection = openConnection();
        for (int i = 0; i < 3; ++i) {
            auto insert =
                    connection->statement(QStringLiteral("INSERT INTO t (i, n) VALUES (?, ?)"));
            QVERIFY(insert);
            QVERIFY(insert->exec({i, QString::number(i)}, QStringLiteral("x")));
        }
        auto select =
                connection->statement(QStringLiteral("SELECT n FROM t WHERE i >= ? ORDER BY i"));
        QVERIFY(select);
        QVERIFY(select->exec({1}, QStringLiteral("x")));
        QStringList seen;
        while (select->next())
            seen.append(select->text(0));
        QCOMPARE(seen, QStringList({QStringLiteral("1"), QStringLiteral("2")}));
        // The same statement again, read only in part: the next exec starts from the beginning.
        QVERIFY(select->exec({0}, QStringLiteral("x")));
        QVERIFY(select->next());
        QCOMPARE(select->text(0), QStringLiteral("0"));
        QVERIFY(select->exec({2}, QStringLiteral("x")));
        QVERIFY(select->next());
        QCOMPARE(select->text(0), QStringLiteral("2"));
    }

    void constraintViolationIsAClearError()
    {
        auto connection = openConnection();
        auto insert = connection->statement(QStringLiteral("INSERT INTO t (n) VALUES (?)"));
        QVERIFY(insert);
        const auto done = insert->exec({QVariant()}, QStringLiteral("storing a row"));
        QVERIFY(!done);
        QCOMPARE(done.error().code, ErrorCode::DatabaseQuery);
        QVERIFY2(done.error().message.startsWith(QStringLiteral("storing a row: NOT NULL")),
                 qPrintable(done.error().message));
        QVERIFY2(done.error().message.contains(QStringLiteral("(sqlite 1299)")),
                 qPrintable(done.error().message)); // SQLITE_CONSTRAINT_NOTNULL
    }

    void wrongNumberOfValuesIsRefused()
    {
        auto connection = openConnection();
        auto insert = connection->statement(QStringLiteral("INSERT INTO t (i, n) VALUES (?, ?)"));
        QVERIFY(insert);
        const auto done = insert->exec({1}, QStringLiteral("storing a row"));
        QVERIFY(!done);
        QVERIFY2(done.error().message.contains(QStringLiteral("1 values for 2 placeholders")),
                 qPrintable(done.error().message));
        auto count = connection->scalar(QStringLiteral("SELECT count(*) FROM t"));
        QVERIFY(count);
        QCOMPARE(count->toLongLong(), 0);
    }

    void errorWhileReadingEndsNextAndIsReported()
    {
        auto connection = openConnection();
        QVERIFY(connection->exec(QStringLiteral("INSERT INTO t (s, n) VALUES ('[1]', 'a'), "
                                                "('not json', 'b')")));
        // The second row (in rowid order) fails inside the read: json() raises "malformed JSON".
        auto select = connection->statement(QStringLiteral("SELECT json(s) FROM t"));
        QVERIFY(select);
        QVERIFY(select->exec({}, QStringLiteral("reading")));
        QVERIFY(select->next());
        QCOMPARE(select->text(0), QStringLiteral("[1]"));
        QVERIFY(!select->next());
        QVERIFY(!select->next()); // stays ended
        const auto status = select->status(QStringLiteral("reading rows"));
        QVERIFY(!status);
        QVERIFY2(status.error().message.startsWith(QStringLiteral("reading rows: malformed JSON")),
                 qPrintable(status.error().message));
    }

    void badSqlIsAnErrorAtPrepare()
    {
        auto connection = openConnection();
        const auto statement = connection->statement(QStringLiteral("SELEC 1"));
        QVERIFY(!statement);
        QCOMPARE(statement.error().code, ErrorCode::DatabaseQuery);
        QVERIFY2(statement.error().message.contains(QStringLiteral("syntax error")),
                 qPrintable(statement.error().message));
        const auto scalar = connection->scalar(QStringLiteral("SELECT * FROM no_such_table"));
        QVERIFY(!scalar);
        QVERIFY2(scalar.error().message.contains(QStringLiteral("no such table")),
                 qPrintable(scalar.error().message));
    }
};

QTEST_GUILESS_MAIN(TestStatement)
#include "tst_statement.moc"
