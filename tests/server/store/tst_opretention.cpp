// Bounded retention of applied op_ids: ServerStore::pruneAppliedOps and OpPruner.
#include "server/store/oppruner.h"
#include "server/store/serverstore.h"
#include "server/store/testdatabase.h"

#include <QElapsedTimer>
#include <QTest>

using namespace inkwell;
using namespace inkwell::server::store;
using inkwell::protocol::Change;
using inkwell::protocol::ItemStatus;

namespace {

Change change(const QString &opId, const QString &guid, qint64 baseRev, const QString &title)
{
    model::PostFields fields;
    fields.title = title;
    return Change{opId, guid, baseRev, false, fields};
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

// Moves the op_ids' applied time `days` into the past.
QString age(const test::TestDatabase &db, const QStringList &opIds, int days)
{
    const qint64 then = QDateTime::currentDateTimeUtc().addDays(-days).toMSecsSinceEpoch();
    return db.exec(QStringLiteral("UPDATE applied_ops SET applied_at = %1 WHERE op_id IN ('%2')")
                           .arg(then)
                           .arg(opIds.join(QStringLiteral("', '"))));
}

} // namespace

class tst_OpRetention : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { test::addBackendRows(); }

    void pruneDeletesOnlyOpsPastTheRetentionInBatches();
    void recentOpStillReplaysAfterPruning();
    void prunedRetryComesBackAsConflictWithItsOwnEdit();
    void prunerPrunesWhenStartedAndStopsPromptly();
};

void tst_OpRetention::pruneDeletesOnlyOpsPastTheRetentionInBatches()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    QList<Change> changes;
    for (int i = 0; i < 5; ++i)
        changes.append(change(QStringLiteral("op-%1").arg(i), QStringLiteral("post-%1").arg(i), 0,
                              QStringLiteral("t")));
    QVERIFY(f->store->applyChanges(f->blog, QStringLiteral("ada"), changes));
    const QString aged =
            age(db, {QStringLiteral("op-0"), QStringLiteral("op-1"), QStringLiteral("op-2")}, 40);
    QVERIFY2(aged.isEmpty(), qPrintable(aged));
    const QDateTime before = QDateTime::currentDateTimeUtc().addDays(-30);
    QCOMPARE(f->store->pruneAppliedOps(before, 2).value(), 2);
    QCOMPARE(f->store->pruneAppliedOps(before, 2).value(), 1);
    QCOMPARE(f->store->pruneAppliedOps(before, 2).value(), 0);
    // The posts themselves stay; only the op_id records went.
    QCOMPARE(f->store->pull(f->blog, 0, 10)->changes.size(), 5);
    QCOMPARE(f->store->applyChange(f->blog, QStringLiteral("ada"), changes.at(4))->result.status,
             ItemStatus::Applied);
}

void tst_OpRetention::recentOpStillReplaysAfterPruning()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    const Change recent =
            change(QStringLiteral("recent"), QStringLiteral("p"), 0, QStringLiteral("one"));
    QVERIFY(f->store->applyChange(f->blog, QStringLiteral("ada"), recent));
    QVERIFY(f->store->applyChange(
            f->blog, QStringLiteral("ada"),
            change(QStringLiteral("old"), QStringLiteral("q"), 0, QStringLiteral("x"))));
    QVERIFY(age(db, {QStringLiteral("old")}, 31).isEmpty());
    QCOMPARE(f->store->pruneAppliedOps(QDateTime::currentDateTimeUtc().addDays(-30), 100).value(),
             1);
    const auto replay = f->store->applyChange(f->blog, QStringLiteral("ada"), recent);
    QVERIFY(replay);
    QCOMPARE(replay->result.status, ItemStatus::Applied);
    QCOMPARE(replay->result.rev, 1);
    QCOMPARE(f->store->lastRevision(f->blog).value(), 2);
}

void tst_OpRetention::prunedRetryComesBackAsConflictWithItsOwnEdit()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    const Change create =
            change(QStringLiteral("c"), QStringLiteral("p"), 0, QStringLiteral("one"));
    const Change edit = change(QStringLiteral("e"), QStringLiteral("p"), 1, QStringLiteral("two"));
    QVERIFY(f->store->applyChanges(f->blog, QStringLiteral("ada"), {create, edit}));
    QVERIFY(age(db, {QStringLiteral("c"), QStringLiteral("e")}, 60).isEmpty());
    QCOMPARE(f->store->pruneAppliedOps(QDateTime::currentDateTimeUtc().addDays(-30), 100).value(),
             2);
    // Both retries are answered by the rule again: a conflict whose server version is the
    // client's own last edit, and nothing is written.
    for (const Change &retry : {create, edit}) {
        const auto outcome = f->store->applyChange(f->blog, QStringLiteral("ada"), retry);
        QVERIFY(outcome);
        QCOMPARE(outcome->result.status, ItemStatus::Conflict);
        QVERIFY(outcome->conflict);
        QCOMPARE(outcome->conflict->rev, 2);
        QCOMPARE(outcome->conflict->fields, edit.fields);
    }
    QCOMPARE(f->store->lastRevision(f->blog).value(), 2);
}

void tst_OpRetention::prunerPrunesWhenStartedAndStopsPromptly()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    const Change old = change(QStringLiteral("old"), QStringLiteral("p"), 0, QStringLiteral("x"));
    QVERIFY(f->store->applyChange(f->blog, QStringLiteral("ada"), old));
    QVERIFY(age(db, {QStringLiteral("old")}, 2).isEmpty());
    OpPruner::Options options;
    options.retention = std::chrono::hours(24);
    options.interval = std::chrono::hours(1); // only the pass at start runs in this test
    options.batchSize = 1;
    QElapsedTimer stopping;
    {
        const OpPruner pruner(f->store, options);
        QTRY_COMPARE(pruner.passes(), 1);
        stopping.start();
    }
    QVERIFY(stopping.elapsed() < 5000); // did not wait for the next interval
    QCOMPARE(f->store->applyChange(f->blog, QStringLiteral("ada"), old)->result.status,
             ItemStatus::Conflict);
}

QTEST_GUILESS_MAIN(tst_OpRetention)
#include "tst_opretention.moc"
