#include "server/store/serverstore.h"

#include "protocol/codec.h"
#include "server/store/database.h"
#include "server/store/testdatabase.h"
#include "sqlite/walcheckpointer.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

using namespace inkwell;
using namespace inkwell::server::store;
using inkwell::protocol::Change;
using inkwell::protocol::ItemStatus;
using inkwell::test::guid;

namespace {

template<typename T>
QString failure(const Result<T> &result)
{
    return result ? QString() : result.error().message;
}

model::PostFields fields(const QString &title)
{
    model::PostFields f;
    f.title = title;
    f.body = QStringLiteral("Body of ") + title;
    f.tags = {QStringLiteral("tag")};
    return f;
}

Change change(const QString &opId, const QString &postGuid, qint64 baseRev, const QString &title)
{
    return Change{opId, postGuid, baseRev, false, fields(title)};
}

// A store with one account ("ada") owning one blog.
struct Fixture
{
    std::shared_ptr<ServerStore> store;
    qint64 account = 0;
    qint64 blog = 0;
};

std::optional<Fixture> makeFixture(const QString &url)
{
    Result<std::shared_ptr<ServerStore>> store = ServerStore::open(url);
    if (!store)
        return std::nullopt;
    Fixture fixture{*store, 0, 0};
    fixture.account = fixture.store->createAccount(QStringLiteral("ada"), "hash").value();
    fixture.blog = fixture.store->createBlog(QStringLiteral("Travel"), fixture.account).value();
    return fixture;
}

// The fixture's store and a second one on the same database, standing in for a second server
// process.
Result<std::vector<std::shared_ptr<ServerStore>>> twoProcesses(const Fixture &fixture,
                                                               const QString &url)
{
    Result<std::shared_ptr<ServerStore>> second = ServerStore::open(url);
    if (!second)
        return second.error();
    return std::vector<std::shared_ptr<ServerStore>>{fixture.store, *second};
}

// Runs statements on a private connection to the SQLite file at path; the first column of the
// last one's first row (an invalid QVariant on any error).
QVariant runOnSqliteFile(const QString &path, const QStringList &statements)
{
    const QString name = QStringLiteral("tst-serverstore-file");
    QVariant value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            bool ok = true;
            for (const QString &sql : statements)
                ok = ok && query.exec(sql);
            if (ok && query.next())
                value = query.value(0);
        }
    }
    QSqlDatabase::removeDatabase(name);
    return value;
}

} // namespace

class tst_ServerStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { test::addBackendRows(); }

    void migratesEmptyDatabaseAndReopens();
    void refusesNewerSchema();
    void refusesUnmigratedDatabaseWhenAskedTo();
    void insertThenUpdateBumpsRevisions();
    void staleBaseRevConflictsWithServerVersion();
    void replayedOpIdReturnsRecordedResult();
    void reusedOpIdForAnotherPostIsRejected();
    void unknownPostWithBaseRevIsRejected();
    void failedChangeLeavesNothingBehind();
    void tombstoneKeepsFieldsAndTravels();
    void pullPagesThroughManyChangesInOrder();
    void pullPageStopsAtItsByteBudget();
    void futureCursorRequiresResync();
    void blogsAreIsolated();
    void preparingAConnectionWritesNothing();
    void blobsAreIdempotentAndScoped();
    void awkwardTextAndBytesRoundTrip();
    void tokensExpireAndRevoke();
    void concurrentWritersCommitInRevisionOrder();
    void concurrentEditsOfOnePostLoseNoUpdate();
    void writeAheadLogIsCheckpointedInTheBackground();
    void fullDiskFailsThePushAndKeepsEverything();
    void newSqliteFilesUseLargePagesOldOnesKeepTheirs();
};

void tst_ServerStore::migratesEmptyDatabaseAndReopens()
{
    INKWELL_TEST_DATABASE(db);
    {
        const Result<std::shared_ptr<ServerStore>> store = ServerStore::open(db.url());
        QVERIFY2(store, qPrintable(failure(store)));
        QCOMPARE((*store)->schemaVersion().value(), ServerStore::latestSchemaVersion());
        QVERIFY((*store)->createAccount(QStringLiteral("ada"), "h"));
    }
    const Result<std::shared_ptr<ServerStore>> again =
            ServerStore::open(db.url(), OpenMode::RequireCurrentSchema);
    QVERIFY2(again, qPrintable(failure(again)));
    QVERIFY((*again)->migrate());
    const auto account = (*again)->accountByName(QStringLiteral("ada"));
    QVERIFY(account && account->has_value());
    QCOMPARE((*again)->createAccount(QStringLiteral("ada"), "h").error().code, ErrorCode::Conflict);
}

void tst_ServerStore::refusesNewerSchema()
{
    INKWELL_TEST_DATABASE(db);
    QVERIFY(ServerStore::open(db.url()));
    const QString error = db.exec(QStringLiteral("INSERT INTO schema_migrations VALUES (%1, 0)")
                                          .arg(ServerStore::latestSchemaVersion() + 1));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    for (const OpenMode mode : {OpenMode::Migrate, OpenMode::RequireCurrentSchema}) {
        const Result<std::shared_ptr<ServerStore>> store = ServerStore::open(db.url(), mode);
        QVERIFY(!store);
        QCOMPARE(store.error().code, ErrorCode::DatabaseTooNew);
    }
}

void tst_ServerStore::refusesUnmigratedDatabaseWhenAskedTo()
{
    INKWELL_TEST_DATABASE(db);
    const Result<std::shared_ptr<ServerStore>> store =
            ServerStore::open(db.url(), OpenMode::RequireCurrentSchema);
    QVERIFY(!store);
    QVERIFY(store.error().message.contains(QLatin1String("needs migrating")));
}

void tst_ServerStore::insertThenUpdateBumpsRevisions()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    const auto first = f->store->applyChange(f->blog, QStringLiteral("ada"),
                                             change(QStringLiteral("op1"), guid(1), 0, "one"));
    QVERIFY2(first, qPrintable(failure(first)));
    QCOMPARE(first->result.status, ItemStatus::Applied);
    QCOMPARE(first->result.rev, 1);
    const auto second = f->store->applyChange(f->blog, QStringLiteral("bob"),
                                              change(QStringLiteral("op2"), guid(1), 1, "two"));
    QCOMPARE(second->result.status, ItemStatus::Applied);
    QCOMPARE(second->result.rev, 2);
    QCOMPARE(f->store->lastRevision(f->blog).value(), 2);
    const PullPage page = f->store->pull(f->blog, 0, 10).value();
    QCOMPARE(page.changes.size(), 1);
    const model::Revision &post = page.changes.at(0);
    QCOMPARE(post.rev, 2);
    QCOMPARE(post.fields, fields(QStringLiteral("two")));
    QCOMPARE(post.createdBy, QStringLiteral("ada"));
    QCOMPARE(post.modifiedBy, QStringLiteral("bob"));
    QVERIFY(qAbs(post.modifiedAt.secsTo(QDateTime::currentDateTimeUtc())) < 60);
}

void tst_ServerStore::staleBaseRevConflictsWithServerVersion()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    QVERIFY(f->store->applyChange(f->blog, "ada", change("a", guid(1), 0, "base")));
    QVERIFY(f->store->applyChange(f->blog, "ada", change("b", guid(1), 1, "theirs")));
    const auto stale = f->store->applyChange(f->blog, "bob", change("c", guid(1), 1, "mine"));
    QVERIFY(stale);
    QCOMPARE(stale->result.status, ItemStatus::Conflict);
    QCOMPARE(stale->result.rev, 2);
    QVERIFY(stale->conflict);
    QCOMPARE(stale->conflict->fields, fields(QStringLiteral("theirs")));
    QCOMPARE(stale->conflict->rev, 2);
    QCOMPARE(stale->conflict->modifiedBy, QStringLiteral("ada"));
    // A second create of an existing guid conflicts too, and nothing was written.
    const auto recreate = f->store->applyChange(f->blog, "bob", change("d", guid(1), 0, "again"));
    QCOMPARE(recreate->result.status, ItemStatus::Conflict);
    QCOMPARE(f->store->lastRevision(f->blog).value(), 2);
}

void tst_ServerStore::replayedOpIdReturnsRecordedResult()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    const Change create = change("op-create", guid(1), 0, "one");
    QCOMPARE(f->store->applyChange(f->blog, "ada", create)->result.rev, 1);
    QVERIFY(f->store->applyChange(f->blog, "ada", change("op-edit", guid(1), 1, "two")));
    // The create is retried after a lost response: same answer, no new revision.
    const auto replay = f->store->applyChange(f->blog, "ada", create);
    QCOMPARE(replay->result.status, ItemStatus::Applied);
    QCOMPARE(replay->result.rev, 1);
    QVERIFY(!replay->conflict);
    QCOMPARE(f->store->lastRevision(f->blog).value(), 2);
}

void tst_ServerStore::reusedOpIdForAnotherPostIsRejected()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    QVERIFY(f->store->applyChange(f->blog, "ada", change("op", guid(1), 0, "one")));
    const auto reused = f->store->applyChange(f->blog, "ada", change("op", guid(2), 0, "two"));
    QCOMPARE(reused->result.status, ItemStatus::Rejected);
    QCOMPARE(reused->result.error.code, ErrorCode::InvalidArgument);
    QCOMPARE(f->store->pull(f->blog, 0, 10)->changes.size(), 1);
}

void tst_ServerStore::unknownPostWithBaseRevIsRejected()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    const auto outcome = f->store->applyChange(f->blog, "ada", change("op", guid(9), 4, "x"));
    QCOMPARE(outcome->result.status, ItemStatus::Rejected);
    QCOMPARE(outcome->result.error.code, ErrorCode::NotFound);
    QCOMPARE(f->store->lastRevision(f->blog).value(), 0);
}

void tst_ServerStore::failedChangeLeavesNothingBehind()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    // Make the last write of a change (recording its op_id) fail for one op_id.
    const QStringList statements = db.isPostgres()
            ? QStringList{QStringLiteral("CREATE FUNCTION boom() RETURNS trigger AS $$ BEGIN"
                                         " IF NEW.op_id = 'boom' THEN RAISE EXCEPTION 'injected';"
                                         " END IF; RETURN NEW; END $$ LANGUAGE plpgsql"),
                          QStringLiteral("CREATE TRIGGER boom BEFORE INSERT ON applied_ops"
                                         " FOR EACH ROW EXECUTE FUNCTION boom()")}
            : QStringList{QStringLiteral("CREATE TRIGGER boom BEFORE INSERT ON applied_ops"
                                         " WHEN NEW.op_id = 'boom' BEGIN"
                                         " SELECT RAISE(ABORT, 'injected'); END")};
    for (const QString &statement : statements) {
        const QString error = db.exec(statement);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    QVERIFY(f->store->applyChange(f->blog, "ada", change("ok", guid(1), 0, "one")));
    const auto failed = f->store->applyChange(f->blog, "ada", change("boom", guid(1), 1, "two"));
    QVERIFY(!failed);
    QCOMPARE(failed.error().code, ErrorCode::DatabaseQuery);
    const auto created = f->store->applyChange(f->blog, "ada", change("boom", guid(2), 0, "new"));
    QVERIFY(!created);
    // Neither the post row nor the blog's revision counter moved.
    QCOMPARE(f->store->lastRevision(f->blog).value(), 1);
    const PullPage page = f->store->pull(f->blog, 0, 10).value();
    QCOMPARE(page.changes.size(), 1);
    QCOMPARE(page.changes.at(0).fields.title, QStringLiteral("one"));
    QCOMPARE(page.changes.at(0).rev, 1);
    // The next change gets the next revision: no gap was burnt.
    QCOMPARE(f->store->applyChange(f->blog, "ada", change("ok2", guid(1), 1, "two"))->result.rev,
             2);
}

void tst_ServerStore::tombstoneKeepsFieldsAndTravels()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    QVERIFY(f->store->applyChange(f->blog, "ada", change("a", guid(1), 0, "keep")));
    const auto deleted = f->store->applyChange(f->blog, "bob", Change{"b", guid(1), 1, true, {}});
    QCOMPARE(deleted->result.status, ItemStatus::Applied);
    const PullPage page = f->store->pull(f->blog, 1, 10).value();
    QCOMPARE(page.changes.size(), 1);
    QVERIFY(page.changes.at(0).deleted);
    QCOMPARE(page.changes.at(0).fields, fields(QStringLiteral("keep")));
    // Restoring with edits is an ordinary update on top of the tombstone.
    const auto restored = f->store->applyChange(f->blog, "ada", change("c", guid(1), 2, "back"));
    QCOMPARE(restored->result.status, ItemStatus::Applied);
    QVERIFY(!f->store->pull(f->blog, 2, 10)->changes.at(0).deleted);
}

void tst_ServerStore::pullPagesThroughManyChangesInOrder()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    const int posts = 120;
    for (int i = 1; i <= posts; ++i)
        QVERIFY(f->store->applyChange(f->blog, "ada", change(QString::number(i), guid(i), 0, "p")));
    // Edit a few early posts so they move to the end of the history.
    for (int i = 1; i <= 5; ++i)
        QVERIFY(f->store->applyChange(f->blog, "ada",
                                      change("e" + QString::number(i), guid(i), i, "q")));
    QSet<QString> seen;
    qint64 cursor = 0;
    qint64 lastRev = 0;
    int pages = 0;
    for (bool more = true; more && pages < 100; ++pages) {
        const Result<PullPage> page = f->store->pull(f->blog, cursor, 7);
        QVERIFY2(page, qPrintable(failure(page)));
        QVERIFY(page->changes.size() <= 7);
        for (const model::Revision &revision : page->changes) {
            QVERIFY(revision.rev > lastRev);
            lastRev = revision.rev;
            seen.insert(revision.guid);
        }
        cursor = page->cursor;
        more = page->more;
    }
    QCOMPARE(seen.size(), posts);
    QCOMPARE(cursor, qint64(posts + 5));
    QCOMPARE(pages, (posts + 6) / 7);
    const PullPage rest = f->store->pull(f->blog, cursor, 7).value();
    QVERIFY(rest.changes.isEmpty());
    QVERIFY(!rest.more);
    QCOMPARE(rest.cursor, cursor);
}

void tst_ServerStore::pullPageStopsAtItsByteBudget()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    for (int i = 1; i <= 10; ++i) {
        Change big = change(QString::number(i), guid(i), 0, "big");
        big.fields.body = QString(1000, u'x');
        QVERIFY(f->store->applyChange(f->blog, "ada", big));
    }
    const qint64 one = protocol::encodedSize(f->store->pull(f->blog, 0, 1)->changes.at(0));
    const PullPage three = f->store->pull(f->blog, 0, 100, 3 * one).value();
    QCOMPARE(three.changes.size(), 3);
    QVERIFY(three.more);
    QCOMPARE(three.cursor, 3);
    // A budget smaller than one row still moves forward by one row.
    const PullPage tiny = f->store->pull(f->blog, 3, 100, 10).value();
    QCOMPARE(tiny.changes.size(), 1);
    QCOMPARE(tiny.cursor, 4);
    QVERIFY(tiny.more);
    const PullPage rest = f->store->pull(f->blog, 4, 100, 100 * one).value();
    QCOMPARE(rest.changes.size(), 6);
    QVERIFY(!rest.more);
}

void tst_ServerStore::futureCursorRequiresResync()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    QVERIFY(f->store->applyChange(f->blog, "ada", change("a", guid(1), 0, "one")));
    QVERIFY(f->store->pull(f->blog, 1, 10));
    const Result<PullPage> ahead = f->store->pull(f->blog, 2, 10);
    QVERIFY(!ahead);
    QCOMPARE(ahead.error().code, ErrorCode::ResyncRequired);
}

void tst_ServerStore::blogsAreIsolated()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    const qint64 bob = f->store->createAccount("bob", "h").value();
    const qint64 other = f->store->createBlog("Food", bob).value();
    QVERIFY(f->store->applyChange(f->blog, "ada", change("a", guid(1), 0, "ada's")));
    // The same guid in another blog is another post with its own revision counter.
    const auto theirs = f->store->applyChange(other, "bob", change("a", guid(1), 0, "bob's"));
    QCOMPARE(theirs->result.status, ItemStatus::Applied);
    QCOMPARE(theirs->result.rev, 1);
    QCOMPARE(f->store->pull(other, 0, 10)->changes.at(0).fields.title, QStringLiteral("bob's"));
    QCOMPARE(f->store->pull(f->blog, 0, 10)->changes.at(0).fields.title, QStringLiteral("ada's"));
    QVERIFY(!f->store->isMember(other, f->account).value());
    QCOMPARE(f->store->blogsOf(f->account)->size(), 1);
    QVERIFY(f->store->addMember(other, f->account));
    QVERIFY(f->store->addMember(other, f->account));
    QCOMPARE(f->store->blogsOf(f->account)->size(), 2);
    QCOMPARE(f->store->applyChange(4242, "ada", change("z", guid(2), 0, "x")).error().code,
             ErrorCode::NotFound);
}

void tst_ServerStore::preparingAConnectionWritesNothing()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    // On a thread of its own, as the server's handler threads do it at start.
    Result<void> prepared;
    std::thread([&] { prepared = f->store->prepareConnection(); }).join();
    QVERIFY2(prepared, qPrintable(failure(prepared)));
    QCOMPARE(f->store->lastRevision(f->blog).value(), 0);
    QVERIFY(f->store->pull(f->blog, 0, 10)->changes.isEmpty());
    QVERIFY(f->store->blogsOf(f->account)->size() == 1);
}

void tst_ServerStore::blobsAreIdempotentAndScoped()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    const qint64 other = f->store->createBlog("Other", f->account).value();
    const QString hash(64, u'a');
    const QByteArray data = QByteArray::fromHex("0001") + "binary" + QByteArray::fromHex("ff00");
    QVERIFY(f->store->putBlob(f->blog, hash, data));
    QVERIFY(f->store->putBlob(f->blog, hash, data));
    QCOMPARE(f->store->blob(f->blog, hash)->value(), data);
    QVERIFY(f->store->hasBlob(f->blog, hash).value());
    QVERIFY(!f->store->hasBlob(other, hash).value());
    QVERIFY(!f->store->blob(other, hash)->has_value());
    const QString absent(64, u'b');
    QCOMPARE(f->store->missingBlobs(f->blog, {absent, hash, absent}).value(), QStringList{absent});
}

void tst_ServerStore::awkwardTextAndBytesRoundTrip()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    model::PostFields awkward;
    awkward.title = QStringLiteral("'; DROP TABLE posts; -- \\ \"quoted\" ? $1 $$");
    awkward.body = QStringLiteral("Ümlaut, emoji \U0001F600, tab\t, backslash \\x41, E'\\\\'");
    awkward.tags = {QStringLiteral("?"), QStringLiteral("it's")};
    const QString author = QStringLiteral("o'brien?");
    const auto applied =
            f->store->applyChange(f->blog, author, Change{"op'?", guid(1), 0, false, awkward});
    QVERIFY2(applied, qPrintable(failure(applied)));
    QCOMPARE(applied->result.status, ItemStatus::Applied);
    const model::Revision stored = f->store->pull(f->blog, 0, 10)->changes.value(0);
    QCOMPARE(stored.fields, awkward);
    QCOMPARE(stored.createdBy, author);
    QCOMPARE(f->store->applyChange(f->blog, author, Change{"op'?", guid(1), 0, false, awkward})
                     ->result.rev,
             1);
    QByteArray bytes;
    for (int i = 0; i < 256; ++i)
        bytes.append(char(i));
    bytes += bytes;
    const QString hash(64, u'c');
    QVERIFY(f->store->putBlob(f->blog, hash, bytes));
    QCOMPARE(f->store->blob(f->blog, hash)->value(), bytes);
    QVERIFY(f->store->putBlob(f->blog, QString(64, u'd'), QByteArray()));
    QCOMPARE(f->store->blob(f->blog, QString(64, u'd'))->value(), QByteArray());
}

void tst_ServerStore::tokensExpireAndRevoke()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    const QDateTime later = QDateTime::currentDateTimeUtc().addDays(1);
    QVERIFY(f->store->storeToken(QByteArray(32, 'a'), f->account, later));
    QVERIFY(f->store->storeToken(QByteArray(32, 'b'), f->account, later));
    const auto grant = f->store->tokenGrant(QByteArray(32, 'a')).value();
    QVERIFY(grant);
    QCOMPARE(grant->accountName, QStringLiteral("ada"));
    QCOMPARE(grant->expiresAt.toMSecsSinceEpoch(), later.toMSecsSinceEpoch());
    QVERIFY(!grant->revoked);
    QVERIFY(!f->store->tokenGrant(QByteArray(32, 'c'))->has_value());
    QVERIFY(f->store->revokeToken(QByteArray(32, 'a')));
    QVERIFY(f->store->tokenGrant(QByteArray(32, 'a'))->value().revoked);
    QCOMPARE(f->store->revokeTokensOf(f->account).value(), 1);
    QVERIFY(f->store->tokenGrant(QByteArray(32, 'b'))->value().revoked);
}

void tst_ServerStore::concurrentWritersCommitInRevisionOrder()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    const auto opened = twoProcesses(*f, db.url());
    QVERIFY2(opened, qPrintable(failure(opened)));
    const std::vector<std::shared_ptr<ServerStore>> &stores = *opened;
    constexpr int writers = 4;
    constexpr int writesEach = 25;
    std::atomic<int> failures{0};
    std::atomic<bool> done{false};
    QSet<QString> pulled;
    std::vector<qint64> pulledRevs;
    // A reader pulls continuously while writers commit: it must never skip a revision.
    std::thread reader([&] {
        qint64 cursor = 0;
        for (int round = 0; round < 100000; ++round) {
            const bool last = done.load();
            const Result<PullPage> page = f->store->pull(f->blog, cursor, 10);
            if (!page) {
                ++failures;
                return;
            }
            for (const model::Revision &r : page->changes) {
                pulled.insert(r.guid + u'@' + QString::number(r.rev));
                pulledRevs.push_back(r.rev);
            }
            cursor = page->cursor;
            if (last && !page->more)
                return;
        }
    });
    std::vector<std::thread> threads;
    for (int w = 0; w < writers; ++w) {
        threads.emplace_back([&, w] {
            // New posts only, so every revision stays visible and a skip would show.
            for (int i = 0; i < writesEach; ++i) {
                const auto outcome =
                        stores[w % 2]->applyChange(f->blog, "ada",
                                                   change(QStringLiteral("w%1-%2").arg(w).arg(i),
                                                          guid(w * 1000 + i + 1), 0, "x"));
                if (!outcome || outcome->result.status != ItemStatus::Applied) {
                    ++failures;
                    return;
                }
            }
        });
    }
    for (std::thread &t : threads)
        t.join();
    done = true;
    reader.join();
    QCOMPARE(failures.load(), 0);
    QCOMPARE(f->store->lastRevision(f->blog).value(), qint64(writers * writesEach));
    QCOMPARE(qint64(pulledRevs.size()), qint64(writers * writesEach));
    for (size_t i = 0; i < pulledRevs.size(); ++i)
        QCOMPARE(pulledRevs[i], qint64(i + 1));
}

// Writers (two stores: two server processes) edit the same post at once, each from the revision
// it last saw. On PostgreSQL a push reads the post before it locks anything and must not write
// over an edit that committed in between; SQLite holds its write lock from the read on. Either
// way no update is lost: every applied edit's base is the revision applied just before it, and
// every other edit is a conflict that names a newer revision and carries it.
void tst_ServerStore::concurrentEditsOfOnePostLoseNoUpdate()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    const auto opened = twoProcesses(*f, db.url());
    QVERIFY2(opened, qPrintable(failure(opened)));
    const std::vector<std::shared_ptr<ServerStore>> &stores = *opened;
    const QString post = guid(1);
    const auto created = f->store->applyChange(f->blog, "ada", change("create", post, 0, "0"));
    QVERIFY(created && created->result.status == ItemStatus::Applied);
    constexpr int writers = 4;
    constexpr int editsEach = 25;
    std::atomic<int> failures{0};
    std::mutex appliedMutex;
    std::map<qint64, qint64> baseOfApplied; // rev -> the base rev the edit was pushed with
    std::vector<std::thread> threads;
    for (int w = 0; w < writers; ++w) {
        threads.emplace_back([&, w] {
            qint64 seen = created->result.rev;
            for (int i = 0; i < editsEach; ++i) {
                const QString id = QStringLiteral("w%1-%2").arg(w).arg(i);
                const auto outcome =
                        stores[w % 2]->applyChange(f->blog, "ada", change(id, post, seen, id));
                if (!outcome) {
                    ++failures;
                    return;
                }
                const protocol::ItemResult &result = outcome->result;
                if (result.status == ItemStatus::Applied) {
                    const std::lock_guard lock(appliedMutex);
                    if (!baseOfApplied.emplace(result.rev, seen).second) {
                        ++failures; // two edits applied as the same revision
                        return;
                    }
                } else if (result.status != ItemStatus::Conflict || result.rev <= seen
                           || !outcome->conflict || outcome->conflict->rev != result.rev) {
                    ++failures;
                    return;
                }
                seen = result.rev;
            }
        });
    }
    for (std::thread &t : threads)
        t.join();
    QCOMPARE(failures.load(), 0);
    QVERIFY(!baseOfApplied.empty());
    qint64 previous = created->result.rev;
    for (const auto &[rev, base] : baseOfApplied) {
        QCOMPARE(base, previous);
        previous = rev;
    }
    QCOMPARE(f->store->lastRevision(f->blog).value(), previous);
    const auto page = f->store->pull(f->blog, 0, 10);
    QVERIFY(page && page->changes.size() == 1);
    QCOMPARE(page->changes.first().rev, previous);
}

// SQLite: commits do not checkpoint the write-ahead log themselves (see sqlite::WalCheckpointer);
// the checkpointer's thread must still copy it into the database file, so the file gets the data
// and the log is reused instead of growing with every request.
void tst_ServerStore::writeAheadLogIsCheckpointedInTheBackground()
{
    INKWELL_TEST_DATABASE(db);
    if (db.isPostgres())
        QSKIP("PostgreSQL checkpoints on its own");
    auto f = makeFixture(db.url());
    QVERIFY(f);
    const QString path = db.sqlitePath();
    constexpr int Blobs = 4;
    // Past the checkpointer's threshold of log pages in one transaction.
    constexpr qint64 BlobBytes =
            qint64(sqlite::WalCheckpointer::Pages + 200) * Database::SqlitePageSize;
    const qint64 before = QFileInfo(path).size();
    qint64 largestLog = 0;
    for (int i = 0; i < Blobs; ++i) {
        QByteArray data(BlobBytes, char('a' + i));
        const QString hash = QString(64, QLatin1Char('0' + i));
        const auto put = f->store->putBlob(f->blog, hash, data);
        QVERIFY2(put, qPrintable(failure(put)));
        // Only a checkpoint moves data into the database file.
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(path).size() >= before + (i + 1) * BlobBytes, 10000);
        largestLog = std::max(largestLog, QFileInfo(path + QStringLiteral("-wal")).size());
    }
    // How much the log holds at a time depends on when the background checkpoint gets the CPU: on
    // a busy machine the next write can start before a checkpoint is through, and the log grows
    // by that write instead of starting again. So the size is reported, not checked; what is
    // checked above is that every write reached the database file without any checkpoint of ours.
    qInfo("largest write-ahead log: %lld bytes for %d writes of %lld bytes", largestLog, Blobs,
          BlobBytes);
    QCOMPARE(f->store->blob(f->blog, QString(64, QLatin1Char('3')))->value(),
             QByteArray(BlobBytes, 'd'));
}

// SQLite: a push that meets a full disk fails as a whole with DatabaseFull (503 on the wire, which
// clients retry) and leaves the blog as it was; once there is room the same push applies.
void tst_ServerStore::fullDiskFailsThePushAndKeepsEverything()
{
    INKWELL_TEST_DATABASE(db);
    if (db.isPostgres())
        QSKIP("a full disk is simulated with SQLite's max_page_count");
    auto f = makeFixture(db.url());
    QVERIFY(f);
    QVERIFY(f->store->applyChange(f->blog, "ada", change("first", guid(1), 0, "kept")));
    // The store's connection of this thread: a database that may not grow behaves like a full
    // disk (SQLITE_FULL).
    const QString path = db.sqlitePath();
    QSqlDatabase connection;
    for (const QString &name : QSqlDatabase::connectionNames()) {
        const QSqlDatabase candidate = QSqlDatabase::database(name, false);
        if (name.startsWith(QLatin1String("inkwell-server-")) && candidate.databaseName() == path)
            connection = candidate;
    }
    QVERIFY(connection.isOpen());
    QSqlQuery pragma(connection);
    QVERIFY(pragma.exec(QStringLiteral("PRAGMA page_count")) && pragma.next());
    const int pages = pragma.value(0).toInt();
    QVERIFY(pragma.exec(QStringLiteral("PRAGMA max_page_count = %1").arg(pages + 2)));
    pragma.finish();

    QList<Change> push;
    for (int i = 0; i < 50; ++i) {
        model::PostFields big = fields(QStringLiteral("big %1").arg(i));
        big.body = QString(20000, QLatin1Char('a' + i % 26));
        push.append(Change{QStringLiteral("big-%1").arg(i), guid(100 + i), 0, false, big});
    }
    push.append(change("edit", guid(1), 1, "edited"));
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
    const auto full = f->store->applyChanges(f->blog, "ada", push);
    QVERIFY(!full);
    QCOMPARE(full.error().code, ErrorCode::DatabaseFull);
    QCOMPARE(f->store->lastRevision(f->blog).value(), 1);
    const PullPage before = f->store->pull(f->blog, 0, 100).value();
    QCOMPARE(before.changes.size(), 1);
    QCOMPARE(before.changes.at(0).fields, fields(QStringLiteral("kept")));

    QVERIFY(pragma.exec(QStringLiteral("PRAGMA max_page_count = 1073741823")));
    pragma.finish();
    const auto applied = f->store->applyChanges(f->blog, "ada", push);
    QVERIFY2(applied, qPrintable(failure(applied)));
    QCOMPARE(applied->size(), push.size());
    for (const ApplyOutcome &outcome : *applied)
        QCOMPARE(outcome.result.status, ItemStatus::Applied);
    QCOMPARE(f->store->lastRevision(f->blog).value(), 1 + push.size());
}

// SQLite: a new database file gets Database::SqlitePageSize pages; a file made with the old default
// of 4 KiB (every server database before) keeps its pages and still opens, migrates and takes
// pushes.
void tst_ServerStore::newSqliteFilesUseLargePagesOldOnesKeepTheirs()
{
    INKWELL_TEST_DATABASE(db);
    if (db.isPostgres())
        QSKIP("page sizes are SQLite's");
    {
        auto f = makeFixture(db.url());
        QVERIFY(f);
        QVERIFY(f->store->applyChange(f->blog, "ada", change("first", guid(1), 0, "first")));
    }
    QCOMPARE(runOnSqliteFile(db.sqlitePath(), {QStringLiteral("PRAGMA page_size")}).toInt(),
             Database::SqlitePageSize);

    const test::TempDir dir;
    const QString oldFile = dir.filePath(QStringLiteral("old.db"));
    const QVariant made = runOnSqliteFile(oldFile,
                                          {QStringLiteral("PRAGMA page_size = 4096"),
                                           QStringLiteral("PRAGMA journal_mode = WAL"),
                                           QStringLiteral("CREATE TABLE unrelated (x INTEGER)"),
                                           QStringLiteral("PRAGMA page_size")});
    QCOMPARE(made.toInt(), 4096);
    {
        auto f = makeFixture(QStringLiteral("sqlite:") + oldFile);
        QVERIFY(f);
        QVERIFY(f->store->applyChange(f->blog, "ada", change("first", guid(1), 0, "first")));
        QCOMPARE(f->store->pull(f->blog, 0, 10).value().changes.size(), 1);
    }
    QCOMPARE(runOnSqliteFile(oldFile, {QStringLiteral("PRAGMA page_size")}).toInt(), 4096);
}

QTEST_GUILESS_MAIN(tst_ServerStore)
#include "tst_serverstore.moc"
