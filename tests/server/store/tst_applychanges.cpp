// ServerStore::applyChanges (one transaction per pushed batch) and the SQLite statement cache.
#include "protocol/codec.h"
#include "server/store/database.h"
#include "server/store/pushbatch.h"
#include "server/store/serverstore.h"
#include "server/store/testdatabase.h"

#include <QRandomGenerator>
#include <QSet>
#include <QTest>

using namespace inkwell;
using namespace inkwell::server::store;
using inkwell::protocol::Change;
using inkwell::protocol::ItemStatus;
using inkwell::test::guid;

namespace {

Change change(const char *opId, int post, qint64 baseRev, const char *title)
{
    model::PostFields fields;
    fields.title = QString::fromLatin1(title);
    return Change{QString::fromLatin1(opId), guid(post), baseRev, false, fields};
}

struct Fixture
{
    std::shared_ptr<ServerStore> store;
    qint64 blog = 0;
};

std::optional<Fixture> makeFixture(const QString &url)
{
    Result<std::shared_ptr<ServerStore>> store = ServerStore::open(url);
    if (!store)
        return std::nullopt;
    const qint64 account = (*store)->createAccount(QStringLiteral("ada"), "hash").value();
    return Fixture{*store, (*store)->createBlog(QStringLiteral("Travel"), account).value()};
}

} // namespace

class tst_ApplyChanges : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { test::addBackendRows(); }

    void batchFollowsTheRuleInRequestOrder();
    void batchGivesTheSameResultsAsItemByItem_data();
    void batchGivesTheSameResultsAsItemByItem();
    void batchAnswersReplaysAndConflictsFromStoredState();
    void unlockedWriteAfterAnotherPushWritesNothing();
    void databaseErrorInBatchAppliesNothing();
    void pullPageEndsWhereExactSizesSayForAnyBudget();
    void preparedStatementsOutliveRollbackAndTheirLimit();
    void sameStatementOpenTwiceKeepsBothResults();
    void cachedStatementHoldsNoReadLock();
};

void tst_ApplyChanges::batchFollowsTheRuleInRequestOrder()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    // Later changes see the earlier ones of the same batch, exactly as separate pushes would.
    const auto outcomes = f->store->applyChanges(
            f->blog, QStringLiteral("ada"),
            {change("a", 1, 0, "one"), change("b", 1, 1, "two"), change("a", 1, 0, "one"),
             change("c", 1, 1, "stale"), change("d", 2, 0, "other"), change("e", 3, 5, "gone")});
    QVERIFY2(outcomes, qPrintable(outcomes ? QString() : outcomes.error().message));
    QCOMPARE(outcomes->size(), 6);
    const QList<ItemStatus> statuses{ItemStatus::Applied, ItemStatus::Applied,
                                     ItemStatus::Applied, ItemStatus::Conflict,
                                     ItemStatus::Applied, ItemStatus::Rejected};
    const QList<qint64> revs{1, 2, 1, 2, 3, 0};
    for (qsizetype i = 0; i < outcomes->size(); ++i) {
        QCOMPARE(outcomes->at(i).result.status, statuses.at(i));
        QCOMPARE(outcomes->at(i).result.rev, revs.at(i));
    }
    QVERIFY(outcomes->at(3).conflict);
    QCOMPARE(outcomes->at(3).conflict->fields.title, QStringLiteral("two"));
    QCOMPARE(f->store->lastRevision(f->blog).value(), 3);
    const PullPage page = f->store->pull(f->blog, 0, 10).value();
    QCOMPARE(page.changes.size(), 2);
    QCOMPARE(page.changes.at(0).rev, 2);
    QCOMPARE(page.changes.at(1).rev, 3);
    QVERIFY(f->store->applyChanges(f->blog, QStringLiteral("ada"), {})->isEmpty());
}

namespace {

// A push mixing every case: op_ids drawn from a small pool (replays, reuse for another post),
// base revisions right, stale or invented, deletions, several changes to one post.
QList<Change> mixedChanges(quint32 seed, int count)
{
    QRandomGenerator random(seed);
    QList<Change> changes;
    for (int i = 0; i < count; ++i) {
        const QByteArray opId = "op-" + QByteArray::number(random.bounded(count / 2 + 1));
        Change c = change(opId.constData(), random.bounded(4), random.bounded(8), "t");
        c.fields.title = QStringLiteral("title %1").arg(i);
        c.fields.body = QStringLiteral("body %1").arg(random.bounded(3));
        c.deleted = random.bounded(8) == 0;
        changes.append(c);
    }
    return changes;
}

QString describe(const ApplyOutcome &outcome)
{
    QString text = QStringLiteral("%1 %2 %3 rev %4 %5")
                           .arg(outcome.result.opId, outcome.result.guid)
                           .arg(int(outcome.result.status))
                           .arg(outcome.result.rev)
                           .arg(int(outcome.result.error.code));
    if (outcome.conflict)
        text += QStringLiteral(" conflict %1 %2 %3")
                        .arg(outcome.conflict->rev)
                        .arg(outcome.conflict->fields.title)
                        .arg(outcome.conflict->deleted);
    return text;
}

QStringList describe(const QList<model::Revision> &posts)
{
    QStringList lines;
    for (const model::Revision &post : posts)
        lines.append(QStringLiteral("%1 rev %2 %3 %4 %5")
                             .arg(post.guid)
                             .arg(post.rev)
                             .arg(post.fields.title, post.fields.body)
                             .arg(post.deleted));
    return lines;
}

} // namespace

void tst_ApplyChanges::batchGivesTheSameResultsAsItemByItem_data()
{
    QTest::addColumn<quint32>("seed");
    for (quint32 seed : {1u, 2u, 3u, 4u, 5u, 6u})
        QTest::addRow("seed %u", seed) << seed;
}

void tst_ApplyChanges::batchGivesTheSameResultsAsItemByItem()
{
    QFETCH(quint32, seed);
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    const qint64 account = f->store->accountByName(QStringLiteral("ada")).value()->id;
    const qint64 single = f->store->createBlog(QStringLiteral("Single"), account).value();
    // Both blogs first meet the same stored posts and op_ids, then the same push.
    const QList<Change> stored = mixedChanges(seed + 100, 8);
    const QList<Change> pushed = mixedChanges(seed, 40);
    for (const qint64 blog : {f->blog, single}) {
        for (const Change &c : stored)
            QVERIFY(f->store->applyChange(blog, QStringLiteral("ada"), c));
    }
    const auto batch = f->store->applyChanges(f->blog, QStringLiteral("ada"), pushed);
    QVERIFY2(batch, qPrintable(batch ? QString() : batch.error().message));
    QSet<int> seen;
    for (qsizetype i = 0; i < pushed.size(); ++i) {
        const auto one = f->store->applyChange(single, QStringLiteral("ada"), pushed[i]);
        QVERIFY(one);
        QCOMPARE(describe(batch->at(i)), describe(*one));
        seen.insert(int(one->result.status));
    }
    QCOMPARE(seen.size(), 3); // applied (new and replayed), conflict and rejected all occur
    QCOMPARE(f->store->lastRevision(f->blog).value(), f->store->lastRevision(single).value());
    QCOMPARE(describe(f->store->pull(f->blog, 0, 500)->changes),
             describe(f->store->pull(single, 0, 500)->changes));
}

void tst_ApplyChanges::batchAnswersReplaysAndConflictsFromStoredState()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    QVERIFY(f->store->applyChanges(f->blog, QStringLiteral("ada"),
                                   {change("a", 1, 0, "one"), change("b", 2, 0, "two")}));
    // One push: a replay, a reused op_id, a stale edit, a good edit and a new post.
    const auto outcomes =
            f->store->applyChanges(f->blog, QStringLiteral("ada"),
                                   {change("a", 1, 0, "one"), change("b", 1, 1, "not b's post"),
                                    change("c", 2, 0, "stale"), change("d", 2, 2, "two, edited"),
                                    change("e", 3, 0, "three")});
    QVERIFY(outcomes);
    const QList<ItemStatus> statuses{ItemStatus::Applied, ItemStatus::Rejected,
                                     ItemStatus::Conflict, ItemStatus::Applied,
                                     ItemStatus::Applied};
    const QList<qint64> revs{1, 0, 2, 3, 4};
    for (qsizetype i = 0; i < outcomes->size(); ++i) {
        QCOMPARE(outcomes->at(i).result.status, statuses.at(i));
        QCOMPARE(outcomes->at(i).result.rev, revs.at(i));
    }
    QCOMPARE(outcomes->at(1).result.error.code, ErrorCode::InvalidArgument);
    QVERIFY(outcomes->at(2).conflict);
    QCOMPARE(outcomes->at(2).conflict->fields.title, QStringLiteral("two"));
    // Only the applied changes were written, and a replay of the whole push changes nothing.
    QCOMPARE(f->store->lastRevision(f->blog).value(), 4);
    const auto again =
            f->store->applyChanges(f->blog, QStringLiteral("ada"),
                                   {change("d", 2, 2, "two, edited"), change("e", 3, 0, "three")});
    QVERIFY(again);
    QCOMPARE(again->at(0).result.rev, 3);
    QCOMPARE(again->at(1).result.rev, 4);
    QCOMPARE(f->store->lastRevision(f->blog).value(), 4);
}

void tst_ApplyChanges::unlockedWriteAfterAnotherPushWritesNothing()
{
    INKWELL_TEST_DATABASE(db);
    if (!db.isPostgres())
        QSKIP("PostgreSQL only: SQLite pushes hold the database's write lock from the read on");
    auto f = makeFixture(db.url());
    QVERIFY(f);
    auto database = Database::open(db.url());
    QVERIFY(database);
    QSqlDatabase connection = (*database)->connection().value();
    const QList<Change> mine{change("mine", 1, 0, "mine")};
    PushBatch late(f->blog, QStringLiteral("ada"));
    QVERIFY(late.load(connection, Driver::Postgres, mine));
    QCOMPARE(late.apply(mine.first()).result.status, ItemStatus::Applied);
    // Another push commits between this push's read and its write.
    QVERIFY(f->store->applyChange(f->blog, QStringLiteral("ada"),
                                  change("theirs", 1, 0, "theirs")));
    const Result<bool> written = late.write(connection, Driver::Postgres);
    QVERIFY(written);
    QVERIFY(!*written);
    QCOMPARE(f->store->lastRevision(f->blog).value(), 1);
    QCOMPARE(f->store->pull(f->blog, 0, 10)->changes.first().fields.title,
             QStringLiteral("theirs"));
    // Through the store, the same push is read again and answered against the new state.
    const auto retried = f->store->applyChange(f->blog, QStringLiteral("ada"), mine.first());
    QVERIFY(retried);
    QCOMPARE(retried->result.status, ItemStatus::Conflict);
    QCOMPARE(retried->conflict->fields.title, QStringLiteral("theirs"));
}

void tst_ApplyChanges::databaseErrorInBatchAppliesNothing()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
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
    const auto failed = f->store->applyChanges(
            f->blog, QStringLiteral("ada"), {change("ok", 1, 0, "one"), change("boom", 2, 0, "x")});
    QVERIFY(!failed);
    QCOMPARE(failed.error().code, ErrorCode::DatabaseQuery);
    QCOMPARE(f->store->lastRevision(f->blog).value(), 0);
    QVERIFY(f->store->pull(f->blog, 0, 10)->changes.isEmpty());
    // The retried push applies from the first free revision.
    const auto retried =
            f->store->applyChanges(f->blog, QStringLiteral("ada"), {change("ok", 1, 0, "one")});
    QVERIFY(retried);
    QCOMPARE(retried->at(0).result.rev, 1);
}

void tst_ApplyChanges::pullPageEndsWhereExactSizesSayForAnyBudget()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    // Text that JSON escapes or widens: control characters, quotes, non-ASCII, a non-BMP emoji.
    const QString awkward =
            QStringLiteral("\x01\t\"\\ é 中 ") + QString::fromUtf8("\xF0\x9F\x98\x80");
    QList<Change> changes;
    for (int i = 1; i <= 6; ++i) {
        Change c = change(QByteArray::number(i).constData(), i, 0, "t");
        c.fields.title = awkward.repeated(i);
        c.fields.body = (i % 2 ? awkward : QStringLiteral("plain ")).repeated(20 * i);
        c.fields.tags = QStringList{awkward, QStringLiteral("tag")};
        changes.append(c);
    }
    QVERIFY(f->store->applyChanges(f->blog, awkward, changes));
    const QList<model::Revision> all = f->store->pull(f->blog, 0, 100)->changes;
    QCOMPARE(all.size(), 6);
    qint64 total = 0;
    for (const model::Revision &revision : all)
        total += protocol::encodedSize(revision);
    for (qint64 budget = 1; budget <= total + 10; budget += 7) {
        qsizetype expected = 0;
        qint64 bytes = 0;
        while (expected < all.size()
               && (expected == 0 || bytes + protocol::encodedSize(all[expected]) <= budget))
            bytes += protocol::encodedSize(all[expected++]);
        const PullPage page = f->store->pull(f->blog, 0, 100, budget).value();
        QCOMPARE(page.changes.size(), expected);
        QCOMPARE(page.more, expected < all.size());
    }
}

void tst_ApplyChanges::preparedStatementsOutliveRollbackAndTheirLimit()
{
    INKWELL_TEST_DATABASE(db);
    auto database = Database::open(db.url());
    QVERIFY(database);
    QSqlDatabase connection = (*database)->connection().value();
    QVERIFY(executeDirect(connection, QStringLiteral("CREATE TABLE numbers (n BIGINT)")));
    QVERIFY(execute(connection, QStringLiteral("INSERT INTO numbers (n) VALUES (?)"), {5}));
    // More distinct statements than a connection keeps prepared: the rest run inlined.
    for (int round = 0; round < 2; ++round) {
        for (int i = 0; i < 80; ++i) {
            bool found = false;
            Result<Statement> row = queryRow(
                    connection, QStringLiteral("SELECT n + %1, ? FROM numbers WHERE n = ?").arg(i),
                    {QStringLiteral("it's \\ \"quoted\""), 5}, &found);
            QVERIFY2(row, qPrintable(row ? QString() : row.error().message));
            QVERIFY(found);
            QCOMPARE(row->value(0).toLongLong(), 5 + i);
            QCOMPARE(row->value(1).toString(), QStringLiteral("it's \\ \"quoted\""));
        }
    }
    // A statement first prepared inside a transaction that then fails stays usable.
    const QString sql = QStringLiteral("SELECT count(*) FROM numbers WHERE n > ?");
    const Result<void> failed = (*database)->transaction([&](QSqlDatabase &inside) -> Result<void> {
        if (Result<Statement> counted = execute(inside, sql, {0}); !counted)
            return counted.error();
        Result<Statement> missing = execute(inside, QStringLiteral("SELECT n FROM no_such_table"));
        return missing ? Result<void>() : Result<void>(missing.error());
    });
    QVERIFY(!failed);
    bool found = false;
    Result<Statement> counted = queryRow(connection, sql, {0}, &found);
    QVERIFY2(counted, qPrintable(counted ? QString() : counted.error().message));
    QCOMPARE(counted->value(0).toInt(), 1);
}

void tst_ApplyChanges::sameStatementOpenTwiceKeepsBothResults()
{
    INKWELL_TEST_DATABASE(db);
    if (db.isPostgres()) // QPSQL cannot read two forward-only results at once anyway
        QSKIP("SQLite only: PostgreSQL statements are prepared on the server, not cached");
    auto database = Database::open(db.url());
    QVERIFY(database);
    QSqlDatabase connection = (*database)->connection().value();
    QVERIFY(executeDirect(connection, QStringLiteral("CREATE TABLE numbers (n INTEGER)")));
    for (int n = 1; n <= 4; ++n)
        QVERIFY(execute(connection, QStringLiteral("INSERT INTO numbers (n) VALUES (?)"), {n}));
    const QString sql = QStringLiteral("SELECT n FROM numbers WHERE n > ? ORDER BY n");
    for (int round = 0; round < 3; ++round) { // later rounds run the cached statement
        Result<Statement> outer = execute(connection, sql, {2});
        QVERIFY(outer && outer->next());
        {
            Result<Statement> inner = execute(connection, sql, {0});
            QVERIFY(inner && inner->next());
            QCOMPARE(inner->value(0).toInt(), 1);
        }
        QCOMPARE(outer->value(0).toInt(), 3);
        QVERIFY(outer->next());
        QCOMPARE(outer->value(0).toInt(), 4);
        QVERIFY(!outer->next());
    }
}

void tst_ApplyChanges::cachedStatementHoldsNoReadLock()
{
    INKWELL_TEST_DATABASE(db);
    if (db.isPostgres())
        QSKIP("SQLite only: PostgreSQL statements are prepared on the server, not cached");
    auto store = makeFixture(db.url());
    QVERIFY(store);
    QVERIFY(store->store->applyChange(store->blog, QStringLiteral("ada"), change("a", 1, 0, "x")));
    // A pull leaves its SELECT half read in the cache; a reader still in it would keep the
    // checkpoint below from finishing (busy = 1).
    QCOMPARE(store->store->pull(store->blog, 0, 1)->changes.size(), 1);
    auto other = Database::open(db.url());
    QVERIFY(other);
    QSqlDatabase connection = (*other)->connection().value();
    bool found = false;
    Result<Statement> checkpoint =
            queryRow(connection, QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"), {}, &found);
    QVERIFY(checkpoint && found);
    QCOMPARE(checkpoint->value(0).toInt(), 0);
}

QTEST_GUILESS_MAIN(tst_ApplyChanges)
#include "tst_applychanges.moc"
