// ServerStore::applyChanges (one transaction per pushed batch) and the SQLite statement cache.
#include "protocol/codec.h"
#include "server/store/database.h"
#include "server/store/serverstore.h"
#include "server/store/testdatabase.h"

#include <QTest>

using namespace inkwell;
using namespace inkwell::server::store;
using inkwell::protocol::Change;
using inkwell::protocol::ItemStatus;

namespace {

QString guid(int n)
{
    return QStringLiteral("00000000-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0'));
}

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
    void databaseErrorInBatchAppliesNothing();
    void pullPageEndsWhereExactSizesSayForAnyBudget();
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

void tst_ApplyChanges::sameStatementOpenTwiceKeepsBothResults()
{
    INKWELL_TEST_DATABASE(db);
    if (db.isPostgres()) // QPSQL cannot read two forward-only results at once anyway
        QSKIP("SQLite only: PostgreSQL statements are not cached");
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
        QSKIP("SQLite only: PostgreSQL statements are not cached");
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
