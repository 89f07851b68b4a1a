#include "store/localstore.h"
#include "store/postrepository.h"
#include "storetestutil.h"
#include "support/tempdir.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QTest>

using namespace inkwell;
using namespace inkwell::store;
using inkwell::test::fields;

class TestCrashSafety : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killedWriterLeavesAllOrNothing_data();
    void killedWriterLeavesAllOrNothing();

private:
    test::TempDir m_dir;
};

void TestCrashSafety::killedWriterLeavesAllOrNothing_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QByteArray>("signal");
    QTest::addColumn<bool>("expectAll");
    QTest::newRow("killed in the middle")
            << QStringLiteral("hang") << QByteArray("middle") << false;
    QTest::newRow("killed after commit")
            << QStringLiteral("commit") << QByteArray("committed") << true;
}

// The helper writes one large transaction (more than SQLite's page cache, so pages reach the
// WAL file before the commit) and is killed with SIGKILL when it says so on stdout.
void TestCrashSafety::killedWriterLeavesAllOrNothing()
{
    QFETCH(QString, mode);
    QFETCH(QByteArray, signal);
    QFETCH(bool, expectAll);
    constexpr int committedBefore = 10;
    constexpr int transactionPosts = 2000;
    const QString path = m_dir.filePath(mode + QStringLiteral(".db"));
    {
        LocalStore store(path);
        QVERIFY(store.open());
        for (int i = 0; i < committedBefore; ++i)
            QVERIFY(store.posts().create(QStringLiteral("blog"), fields(QStringLiteral("before"))));
    }

    QProcess writer;
    writer.start(QStringLiteral(STORE_HELPER),
                 {QStringLiteral("write"), path, QString::number(transactionPosts), mode});
    QVERIFY(writer.waitForStarted(30000));
    QByteArray output;
    const QDeadlineTimer deadline(120000);
    while (!output.contains(signal) && !deadline.hasExpired()
           && writer.state() == QProcess::Running) {
        writer.waitForReadyRead(1000);
        output += writer.readAllStandardOutput();
    }
    QVERIFY2(output.contains(signal), output.constData());
    writer.kill(); // SIGKILL
    QVERIFY(writer.waitForFinished(30000));
    QCOMPARE(writer.exitStatus(), QProcess::CrashExit);

    LocalStore store(path);
    QVERIFY(store.open());
    QVERIFY(store.checkIntegrity());
    const qint64 expected = committedBefore + (expectAll ? transactionPosts : 0);
    QCOMPARE(store.posts().count(PostQuery()).value(), expected);
    QCOMPARE(store.posts().search(QStringLiteral("killed"), PostQuery())->isEmpty(), !expectAll);
}

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "tst_crashsafety.moc"
