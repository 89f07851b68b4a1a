#include "model/post.h"
#include "sqlite/walcheckpointer.h"
#include "store/attachmentrepository.h"
#include "store/localstore.h"
#include "store/postrepository.h"
#include "store/syncrepository.h"
#include "store/threadconnection.h"
#include "storetestutil.h"
#include "support/tempdir.h"

#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <memory>
#include <sqlite3.h>

using namespace inkwell;
using namespace inkwell::store;
using inkwell::test::fields;

namespace {

// The first column of the first row of sql on a connection, as text; empty on an error.
QString firstValue(sqlite3 *db, const QString &sql)
{
    sqlite3_stmt *statement = nullptr;
    if (!db
        || sqlite3_prepare_v2(db, sql.toUtf8().constData(), -1, &statement, nullptr) != SQLITE_OK)
        return {};
    QString value;
    if (sqlite3_step(statement) == SQLITE_ROW)
        value = QString::fromUtf8(
                reinterpret_cast<const char *>(sqlite3_column_text(statement, 0)));
    sqlite3_finalize(statement);
    return value;
}

// Lets the store's file (on the calling thread's connection) grow by at most pages pages.
bool letGrowBy(LocalStore &store, int pages)
{
    sqlite3 *db = store.threadConnectionHandle();
    const int count = firstValue(db, QStringLiteral("PRAGMA page_count")).toInt();
    const int limit = count + pages;
    return count > 0
            && firstValue(db, QStringLiteral("PRAGMA max_page_count = %1").arg(limit)).toInt()
            == limit;
}

} // namespace

class TestLocalStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void opensNewDatabaseWithConnectionSettings();
    void callsBeforeOpenFail();
    void writeCommitsAllOrNothing();
    void nestedWriteFailureUndoesOnlyItsPart();
    void notifiesChangedGuidsAfterCommit();
    void doesNotNotifyRolledBackWork();
    void notifiesAcrossThreadsQueued();
    void twoThreadsWriteAtOnce();
    void threadConnectionClosesWhenThreadEnds();
    void diskFullGivesDatabaseFullAndKeepsSavedPosts();
    void databaseErrorInsideWriteFailsTheWholeWrite();
    void writeAheadLogIsCheckpointedInTheBackground();
    void checkpointerThreadStartsWithTheFirstFullLog();

private:
    test::TempDir m_dir;
};

void TestLocalStore::opensNewDatabaseWithConnectionSettings()
{
    LocalStore store(m_dir.filePath(QStringLiteral("settings.db")));
    QVERIFY(store.open());
    QVERIFY(store.isOpen());
    sqlite3 *db = store.threadConnectionHandle();
    QVERIFY(db);
    auto pragma = [db](const char *name) {
        return firstValue(db, QStringLiteral("PRAGMA ") + QLatin1String(name));
    };
    QCOMPARE(pragma("journal_mode"), QStringLiteral("wal"));
    QCOMPARE(pragma("foreign_keys").toInt(), 1);
    QCOMPARE(pragma("synchronous").toInt(), 1); // NORMAL
    QCOMPARE(pragma("busy_timeout").toInt(), 10000);
    QCOMPARE(pragma("temp_store").toInt(), 2); // MEMORY
    QCOMPARE(pragma("user_version").toInt(), LocalStore::SchemaVersion);
    QVERIFY(store.checkIntegrity());
}

void TestLocalStore::callsBeforeOpenFail()
{
    LocalStore store(m_dir.filePath(QStringLiteral("unopened.db")));
    auto created = store.posts().create(QString(), fields(QStringLiteral("x")));
    QVERIFY(!created);
    QCOMPARE(created.error().code, ErrorCode::DatabaseOpen);
    QVERIFY(!QFile::exists(store.path()));
}

void TestLocalStore::writeCommitsAllOrNothing()
{
    LocalStore store(m_dir.filePath(QStringLiteral("atomic.db")));
    QVERIFY(store.open());
    QString first;
    auto failed = store.write([&]() -> Result<void> {
        auto post = store.posts().create(QString(), fields(QStringLiteral("one")));
        if (!post)
            return post.error();
        first = post->guid;
        if (auto cursor = store.sync().setCursor(QStringLiteral("s"), QStringLiteral("b"), 7);
            !cursor)
            return cursor;
        return Error{ErrorCode::Cancelled, QStringLiteral("changed my mind")};
    });
    QVERIFY(!failed);
    QCOMPARE(failed.error().code, ErrorCode::Cancelled);
    QCOMPARE(store.posts().post(first).error().code, ErrorCode::NotFound);
    QCOMPARE(*store.sync().cursor(QStringLiteral("s"), QStringLiteral("b")), 0);

    auto done = store.write([&]() -> Result<void> {
        auto post = store.posts().create(QString(), fields(QStringLiteral("two")));
        if (!post)
            return post.error();
        first = post->guid;
        return store.sync().setCursor(QStringLiteral("s"), QStringLiteral("b"), 7);
    });
    QVERIFY(done);
    QVERIFY(store.posts().post(first));
    QCOMPARE(*store.sync().cursor(QStringLiteral("s"), QStringLiteral("b")), 7);
}

void TestLocalStore::nestedWriteFailureUndoesOnlyItsPart()
{
    LocalStore store(m_dir.filePath(QStringLiteral("nested.db")));
    QVERIFY(store.open());
    QSignalSpy changed(&store, &LocalStore::postsChanged);
    QString kept;
    QString undone;
    ErrorCode innerError = ErrorCode::None;
    auto done = store.write([&]() -> Result<void> {
        kept = store.posts().create(QString(), fields(QStringLiteral("kept")))->guid;
        auto inner = store.write([&]() -> Result<void> {
            undone = store.posts().create(QString(), fields(QStringLiteral("undone")))->guid;
            return Error{ErrorCode::Cancelled, QStringLiteral("inner")};
        });
        innerError = inner.error().code;
        return {};
    });
    QVERIFY(done);
    QCOMPARE(innerError, ErrorCode::Cancelled);
    QVERIFY(store.posts().post(kept));
    QCOMPARE(store.posts().post(undone).error().code, ErrorCode::NotFound);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toStringList(), QStringList{kept});
}

void TestLocalStore::notifiesChangedGuidsAfterCommit()
{
    LocalStore store(m_dir.filePath(QStringLiteral("notify.db")));
    QVERIFY(store.open());
    QSignalSpy changed(&store, &LocalStore::postsChanged);
    QStringList guids;
    bool committedWhenNotified = true;
    qsizetype signalsBeforeCommit = -1;
    connect(&store, &LocalStore::postsChanged, this, [&](const QStringList &list) {
        // A listener that reads at once must already see the committed rows.
        for (const QString &guid : list)
            committedWhenNotified = committedWhenNotified && store.posts().post(guid).hasValue();
    });
    auto done = store.write([&]() -> Result<void> {
        for (int i = 0; i < 3; ++i)
            guids << store.posts().create(QString(), fields(QString::number(i)))->guid;
        (void)store.posts().update(guids.at(0), fields(QStringLiteral("again")));
        signalsBeforeCommit = changed.count();
        return {};
    });
    QVERIFY(done);
    QCOMPARE(signalsBeforeCommit, 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toStringList(), guids); // each guid once
    QVERIFY(committedWhenNotified);

    QVERIFY(store.posts().update(guids.at(1), fields(QStringLiteral("edited"))));
    QCOMPARE(changed.count(), 2);
    QCOMPARE(changed.at(1).at(0).toStringList(), QStringList{guids.at(1)});
    QVERIFY(store.posts().update(guids.at(1), fields(QStringLiteral("edited")))); // no-op
    QCOMPARE(changed.count(), 2);
}

void TestLocalStore::doesNotNotifyRolledBackWork()
{
    LocalStore store(m_dir.filePath(QStringLiteral("rollback.db")));
    QVERIFY(store.open());
    QSignalSpy changed(&store, &LocalStore::postsChanged);
    QSignalSpy added(&store, &LocalStore::attachmentsAdded);
    auto failed = store.write([&]() -> Result<void> {
        (void)store.posts().create(QString(), fields(QStringLiteral("gone")));
        (void)store.attachments().add(QByteArrayLiteral("bytes"));
        return Error{ErrorCode::Cancelled, QString()};
    });
    QVERIFY(!failed);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(added.count(), 0);
    QCOMPARE(store.posts().count(PostQuery()).value(), 0);
}

void TestLocalStore::notifiesAcrossThreadsQueued()
{
    LocalStore store(m_dir.filePath(QStringLiteral("threads-notify.db")));
    QVERIFY(store.open());
    QList<QStringList> received;
    bool onGuiThread = true;
    connect(&store, &LocalStore::postsChanged, this, [&](const QStringList &guids) {
        onGuiThread = onGuiThread && QThread::currentThread() == thread();
        received.append(guids);
    });
    QString committed;
    std::unique_ptr<QThread> worker(QThread::create([&] {
        // Rolled back first, committed second: only the second may arrive.
        (void)store.write([&]() -> Result<void> {
            (void)store.posts().create(QString(), fields(QStringLiteral("rolled back")));
            return Error{ErrorCode::Cancelled, QString()};
        });
        committed = store.posts().create(QString(), fields(QStringLiteral("kept")))->guid;
    }));
    worker->start();
    QVERIFY(worker->wait(30000));
    QVERIFY(received.isEmpty()); // queued: delivered by this thread's event loop
    QTRY_COMPARE(received.size(), 1);
    QCOMPARE(received.at(0), QStringList{committed});
    QVERIFY(onGuiThread);
}

void TestLocalStore::twoThreadsWriteAtOnce()
{
    const QString path = m_dir.filePath(QStringLiteral("concurrent.db"));
    LocalStore store(path);
    LocalStore other(path); // a second store on the same file behaves like a second process
    QVERIFY(store.open());
    QVERIFY(other.open());
    constexpr int perThread = 150;
    QStringList failures[2];
    QStringList guids[2];
    auto writer = [&](LocalStore *target, int index) {
        return QThread::create([target, index, &failures, &guids] {
            for (int i = 0; i < perThread; ++i) {
                auto done = target->write([&]() -> Result<void> {
                    auto post = target->posts().create(
                            QStringLiteral("blog"),
                            fields(QStringLiteral("t%1 p%2").arg(index).arg(i)));
                    if (!post)
                        return post.error();
                    guids[index] << post->guid;
                    auto edited = target->posts().update(
                            post->guid, fields(QStringLiteral("t%1 p%2 edited").arg(index).arg(i)));
                    return edited ? Result<void>() : Result<void>(edited.error());
                });
                if (!done) {
                    failures[index] << done.error().message;
                    guids[index].removeLast();
                }
            }
        });
    };
    std::unique_ptr<QThread> first(writer(&store, 0));
    std::unique_ptr<QThread> second(writer(&other, 1));
    first->start();
    second->start();
    QVERIFY(first->wait(120000));
    QVERIFY(second->wait(120000));
    QCOMPARE(failures[0], QStringList());
    QCOMPARE(failures[1], QStringList());
    QCOMPARE(store.posts().count(PostQuery()).value(), 2 * perThread);
    for (int index : {0, 1}) {
        QCOMPARE(guids[index].size(), perThread);
        for (const QString &guid : std::as_const(guids[index])) {
            auto post = store.posts().post(guid);
            QVERIFY(post);
            QVERIFY(post->fields.title.endsWith(QLatin1String(" edited")));
            QCOMPARE(post->editCounter, 2);
        }
    }
    QVERIFY(store.checkIntegrity());
}

void TestLocalStore::threadConnectionClosesWhenThreadEnds()
{
    LocalStore store(m_dir.filePath(QStringLiteral("thread-close.db")));
    QVERIFY(store.open());
    sqlite3 *mine = store.threadConnectionHandle();
    QVERIFY(mine);
    const int open = ThreadConnection::openCount();
    sqlite3 *theirs = nullptr;
    int openInWorker = 0;
    std::unique_ptr<QThread> worker(QThread::create([&] {
        (void)store.posts().count(PostQuery());
        theirs = store.threadConnectionHandle();
        openInWorker = ThreadConnection::openCount();
    }));
    worker->start();
    QVERIFY(worker->wait(30000));
    QVERIFY(theirs);
    QVERIFY(theirs != mine);
    QCOMPARE(openInWorker, open + 1);
    QCOMPARE(ThreadConnection::openCount(), open); // closed with its thread
    QCOMPARE(store.threadConnectionHandle(), mine);
    store.releaseThreadConnection();
    QVERIFY(!store.threadConnectionHandle());
    QCOMPARE(ThreadConnection::openCount(), open - 1);
    QVERIFY(store.posts().count(PostQuery())); // reopened lazily
    QVERIFY(store.threadConnectionHandle());
}

void TestLocalStore::diskFullGivesDatabaseFullAndKeepsSavedPosts()
{
    LocalStore store(m_dir.filePath(QStringLiteral("full.db")));
    QVERIFY(store.open());
    QStringList saved;
    for (int i = 0; i < 20; ++i)
        saved << store.posts().create(QString(), fields(QStringLiteral("saved %1").arg(i)))->guid;
    // A database that may not grow any more behaves like a full disk (SQLITE_FULL).
    QVERIFY(letGrowBy(store, 2));
    const QString big(512 * 1024, u'x');
    auto post = store.posts().create(QString(), fields(QStringLiteral("big"), big));
    QVERIFY(!post);
    QCOMPARE(post.error().code, ErrorCode::DatabaseFull);
    auto updated = store.posts().update(saved.at(3), fields(QStringLiteral("grown"), big));
    QCOMPARE(updated.error().code, ErrorCode::DatabaseFull);
    auto image = store.attachments().add(QByteArray(512 * 1024, 'i'), QStringLiteral("image/png"));
    QCOMPARE(image.error().code, ErrorCode::DatabaseFull);

    QCOMPARE(store.posts().count(PostQuery()).value(), saved.size());
    QCOMPARE(store.posts().post(saved.at(3))->fields.title, QStringLiteral("saved 3"));
    QVERIFY(store.checkIntegrity());
    // Once there is room again the store works: nothing is stuck in a half-open transaction.
    QCOMPARE(firstValue(store.threadConnectionHandle(),
                        QStringLiteral("PRAGMA max_page_count = 1000000"))
                     .toInt(),
             1000000);
    QVERIFY(store.posts().create(QString(), fields(QStringLiteral("big"), big)));
}

// A caller that ignores a repository's database error must not commit half of its work.
void TestLocalStore::databaseErrorInsideWriteFailsTheWholeWrite()
{
    LocalStore store(m_dir.filePath(QStringLiteral("poisoned.db")));
    QVERIFY(store.open());
    QVERIFY(store.posts().create(QString(), fields(QStringLiteral("saved"))));
    QVERIFY(letGrowBy(store, 2));
    QSignalSpy changed(&store, &LocalStore::postsChanged);
    ErrorCode ignored = ErrorCode::None;
    auto done = store.write([&]() -> Result<void> {
        (void)store.posts().create(QString(), fields(QStringLiteral("small")));
        auto big = store.posts().create(QString(),
                                        fields(QStringLiteral("big"), QString(512 * 1024, u'x')));
        ignored = big ? ErrorCode::None : big.error().code;
        return {}; // carries on as if nothing happened
    });
    QCOMPARE(ignored, ErrorCode::DatabaseFull);
    QVERIFY(!done);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(store.posts().count(PostQuery()).value(), 1);
    QVERIFY(store.checkIntegrity());
}

// Commits no longer checkpoint the write-ahead log themselves (see WalCheckpointer): the
// checkpointer's thread must still copy it into the database file, so the file gets the data and
// the log is reused instead of growing with every transaction.
void TestLocalStore::writeAheadLogIsCheckpointedInTheBackground()
{
    const QString path = m_dir.filePath(QStringLiteral("checkpointed.db"));
    LocalStore store(path);
    QVERIFY(store.open());
    constexpr int Transactions = 4;
    constexpr qint64 ImageBytes = 1024 * 1024;
    // Each transaction leaves more pages in the log than the checkpointer waits for.
    constexpr int ImagesPerTransaction =
            int(qint64(sqlite::WalCheckpointer::Pages) * LocalStore::PageSize / ImageBytes) + 2;
    qint64 written = 0;
    qint64 largestLog = 0;
    for (int t = 0; t < Transactions; ++t) {
        const auto done = store.write([&]() -> Result<void> {
            for (int i = 0; i < ImagesPerTransaction; ++i) {
                QByteArray image(ImageBytes, char('a' + t));
                image.replace(0, 8, QByteArray::number(t * 100 + i).rightJustified(8, '0'));
                if (auto added = store.attachments().add(image, QStringLiteral("image/png"));
                    !added)
                    return added.error();
            }
            return {};
        });
        QVERIFY(done);
        written += ImagesPerTransaction * ImageBytes;
        // Only a checkpoint moves data into the database file.
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(path).size() >= written, 10000);
        largestLog = std::max(largestLog, QFileInfo(path + QStringLiteral("-wal")).size());
    }
    // How much the log holds at a time depends on when the background checkpoint gets the CPU: on
    // a busy machine the next transaction can start before a checkpoint is through, and the log
    // grows by it instead of starting again. So the size is reported, not checked; what is checked
    // above is that every transaction reached the database file without any checkpoint of ours.
    qInfo("largest write-ahead log: %lld bytes for %d transactions of %lld bytes", largestLog,
          Transactions, ImagesPerTransaction * ImageBytes);
}

// A process that never fills the log (a CLI command with little to do) never starts the thread.
void TestLocalStore::checkpointerThreadStartsWithTheFirstFullLog()
{
    const QString path = m_dir.filePath(QStringLiteral("lazy-checkpointer.db"));
    sqlite::WalCheckpointer checkpointer(path); // outlives the connection below
    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open_v2(path.toUtf8().constData(), &db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr),
             SQLITE_OK);
    const auto run = [db](const QString &sql) {
        return sqlite3_exec(db, sql.toUtf8().constData(), nullptr, nullptr, nullptr);
    };
    QCOMPARE(run(QStringLiteral("PRAGMA journal_mode = WAL")), SQLITE_OK);
    QCOMPARE(run(QStringLiteral("CREATE TABLE t (b BLOB)")), SQLITE_OK);
    checkpointer.install(db);
    QCOMPARE(run(QStringLiteral("INSERT INTO t VALUES (randomblob(1000))")), SQLITE_OK);
    QVERIFY(!checkpointer.started());
    const int pageSize = firstValue(db, QStringLiteral("PRAGMA page_size")).toInt();
    QVERIFY(pageSize > 0);
    QCOMPARE(run(QStringLiteral("INSERT INTO t VALUES (randomblob(%1))")
                         .arg((sqlite::WalCheckpointer::Pages + 100) * pageSize)),
             SQLITE_OK);
    QVERIFY(checkpointer.started());
    QTRY_VERIFY_WITH_TIMEOUT(checkpointer.checkpoints() >= 1, 10000);
    QCOMPARE(sqlite3_close(db), SQLITE_OK);
}

QTEST_GUILESS_MAIN(TestLocalStore)
#include "tst_localstore.moc"
