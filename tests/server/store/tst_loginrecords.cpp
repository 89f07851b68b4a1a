// Login throttling counts, known login addresses, and the retention of tokens and login records
// in ServerStore and OpPruner, on SQLite and PostgreSQL.
#include "server/store/oppruner.h"
#include "server/store/serverstore.h"
#include "server/store/testdatabase.h"

#include <QSet>
#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace inkwell;
using namespace inkwell::server::store;

namespace {

struct Fixture
{
    std::shared_ptr<ServerStore> store;
    qint64 account = 0;
};

std::optional<Fixture> makeFixture(const QString &url)
{
    Result<std::shared_ptr<ServerStore>> store = ServerStore::open(url);
    if (!store)
        return std::nullopt;
    return Fixture{*store, (*store)->createAccount(QStringLiteral("ada"), "hash").value()};
}

const QDateTime start(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC);

// Lets an attempt through while the key has counted fewer than `limit`.
std::function<int(int, const LoginFailures &)> below(int limit)
{
    return [limit](int, const LoginFailures &failures) { return failures.count < limit ? 0 : 7; };
}

// The count of `key`, however old its last attempt.
int countOf(const ServerStore &store, const QString &key)
{
    return store.loginFailures(key, QDateTime::fromMSecsSinceEpoch(0, Qt::UTC)).value().count;
}

} // namespace

class tst_LoginRecords : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { test::addBackendRows(); }

    void attemptsAreCountedOnEveryKeyUnlessOneMustWait();
    void countsRestartAfterTheWindowAndCanBeTakenBack();
    void parallelAttemptsNeverPassTheLimit();
    void knownAddressesAreBoundedPerAccountAndExpire();
    void prunerDeletesEndedTokensAndIdleLoginRecordsOnly();
};

void tst_LoginRecords::attemptsAreCountedOnEveryKeyUnlessOneMustWait()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    const QStringList keys{QStringLiteral("pair:x"), QStringLiteral("addr:x")};
    const QDateTime forget = start.addSecs(-900);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(f->store->countLoginAttempt(keys, start.addSecs(i), forget, below(3)).value(), 0);
    QCOMPARE(countOf(*f->store, keys.at(0)), 3);
    QCOMPARE(f->store->loginFailures(keys.at(1), forget)->lastFailureAt, start.addSecs(2));
    // One key at its limit refuses the attempt, and then no key counts it.
    const QStringList more{QStringLiteral("pair:y"), QStringLiteral("addr:x")};
    QCOMPARE(f->store->countLoginAttempt(more, start.addSecs(3), forget, below(3)).value(), 7);
    QCOMPARE(countOf(*f->store, more.at(0)), 0);
    QCOMPARE(countOf(*f->store, more.at(1)), 3);
    // The callback gets each key by its index in `keys` (and may be asked more than once).
    QList<int> asked;
    QVERIFY(f->store->countLoginAttempt(more, start.addSecs(4), forget,
                                        [&](int key, const LoginFailures &failures) {
                                            asked.append(key * 100 + failures.count);
                                            return 0;
                                        }));
    QCOMPARE(QSet<int>(asked.begin(), asked.end()), (QSet<int>{0, 103}));
    QCOMPARE(countOf(*f->store, more.at(1)), 4);
}

void tst_LoginRecords::countsRestartAfterTheWindowAndCanBeTakenBack()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    const QStringList keys{QStringLiteral("user:ada")};
    for (int i = 0; i < 3; ++i)
        QVERIFY(f->store->countLoginAttempt(keys, start.addSecs(i), start.addSecs(-900),
                                            below(10)));
    QCOMPARE(f->store->loginFailures(keys.at(0), start.addSecs(-900))->count, 3);
    QCOMPARE(f->store->loginFailures(keys.at(0), start.addSecs(2))->count, 0); // forgotten
    QCOMPARE(countOf(*f->store, QStringLiteral("user:bob")), 0);
    // An attempt long after the last one starts counting afresh.
    const QDateTime much = start.addSecs(5000);
    QVERIFY(f->store->countLoginAttempt(keys, much, much.addSecs(-900), below(10)));
    QCOMPARE(countOf(*f->store, keys.at(0)), 1);
    QVERIFY(f->store->uncountLoginAttempt(keys));
    QCOMPARE(countOf(*f->store, keys.at(0)), 0);
    QVERIFY(f->store->uncountLoginAttempt(keys)); // never below 0
    QCOMPARE(countOf(*f->store, keys.at(0)), 0);
    QVERIFY(f->store->countLoginAttempt(keys, much, much.addSecs(-900), below(10)));
    QVERIFY(f->store->clearLoginFailures(keys.at(0)));
    QCOMPARE(countOf(*f->store, keys.at(0)), 0);
}

void tst_LoginRecords::parallelAttemptsNeverPassTheLimit()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    // A second store on the same database stands in for a second server process.
    const std::shared_ptr<ServerStore> other = ServerStore::open(db.url()).value();
    const QStringList keys{QStringLiteral("pair:x"), QStringLiteral("addr:x"),
                           QStringLiteral("user:ada")};
    constexpr int attempts = 24;
    constexpr int limit = 5;
    std::atomic<int> admitted{0};
    std::atomic<int> refused{0};
    std::atomic<int> errors{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < attempts; ++i) {
        const ServerStore &store = i % 2 ? *other : *f->store;
        threads.emplace_back([&] {
            const Result<int> wait =
                    store.countLoginAttempt(keys, start, start.addSecs(-900), below(limit));
            if (!wait)
                ++errors;
            else
                ++(*wait == 0 ? admitted : refused);
        });
    }
    for (std::thread &t : threads)
        t.join();
    QCOMPARE(errors.load(), 0);
    QCOMPARE(admitted.load(), limit);
    QCOMPARE(refused.load(), attempts - limit);
    for (const QString &key : keys)
        QCOMPARE(countOf(*f->store, key), limit);
}

void tst_LoginRecords::knownAddressesAreBoundedPerAccountAndExpire()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    const int kept = ServerStore::knownLoginAddressesPerAccount;
    for (int i = 0; i < kept + 2; ++i)
        QVERIFY(f->store->rememberLoginAddress(f->account, QStringLiteral("10.0.0.%1").arg(i),
                                               start.addSecs(i)));
    const QDateTime now = start.addSecs(60);
    // The oldest two made room for the newest.
    QVERIFY(!f->store->isKnownLoginAddress("ada", "10.0.0.0", now).value());
    QVERIFY(!f->store->isKnownLoginAddress("ada", "10.0.0.1", now).value());
    for (int i = 2; i < kept + 2; ++i)
        QVERIFY(f->store->isKnownLoginAddress("ada", QStringLiteral("10.0.0.%1").arg(i), now)
                        .value());
    // Signing in again from an address keeps it known.
    QVERIFY(f->store->rememberLoginAddress(f->account, "10.0.0.2", now));
    QVERIFY(f->store->rememberLoginAddress(f->account, "10.0.0.99", now.addSecs(1)));
    QVERIFY(f->store->isKnownLoginAddress("ada", "10.0.0.2", now).value());
    QVERIFY(!f->store->isKnownLoginAddress("ada", "10.0.0.3", now).value());
    // Only for that account, and only for knownLoginAddressDays.
    QVERIFY(!f->store->isKnownLoginAddress("bob", "10.0.0.2", now).value());
    const QDateTime late = now.addDays(ServerStore::knownLoginAddressDays);
    QVERIFY(f->store->isKnownLoginAddress("ada", "10.0.0.99", late).value());
    QVERIFY(!f->store->isKnownLoginAddress("ada", "10.0.0.2", late).value());
}

void tst_LoginRecords::prunerDeletesEndedTokensAndIdleLoginRecordsOnly()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QByteArray expiredLongAgo(32, 'a'), expiredLately(32, 'b'), live(32, 'c'),
            revokedLongAgo(32, 'd'), revokedLately(32, 'e');
    QVERIFY(f->store->storeToken(expiredLongAgo, f->account, now.addDays(-8)));
    QVERIFY(f->store->storeToken(expiredLately, f->account, now.addDays(-6)));
    for (const QByteArray &token : {live, revokedLongAgo, revokedLately})
        QVERIFY(f->store->storeToken(token, f->account, now.addDays(30)));
    QVERIFY(f->store->revokeToken(revokedLongAgo));
    QVERIFY(f->store->revokeToken(revokedLately));
    const QString aged =
            db.exec(QStringLiteral("UPDATE tokens SET revoked_at = %1 WHERE token_hash = '%2'")
                            .arg(now.addDays(-8).toMSecsSinceEpoch())
                            .arg(QString::fromLatin1(revokedLongAgo.toHex())));
    QVERIFY2(aged.isEmpty(), qPrintable(aged));
    const QStringList idle{QStringLiteral("addr:idle"), QStringLiteral("pair:idle")};
    const QStringList busy{QStringLiteral("addr:busy")};
    QVERIFY(f->store->countLoginAttempt(idle, now.addSecs(-25 * 3600), now.addDays(-2), below(9)));
    QVERIFY(f->store->countLoginAttempt(busy, now.addSecs(-23 * 3600), now.addDays(-2), below(9)));
    const int days = ServerStore::knownLoginAddressDays;
    QVERIFY(f->store->rememberLoginAddress(f->account, "10.0.0.1", now.addDays(-days - 1)));
    QVERIFY(f->store->rememberLoginAddress(f->account, "10.0.0.2", now.addDays(-days + 1)));

    OpPruner::Options options; // the defaults: tokens kept 7 days past their end, counts 1 day
    options.interval = std::chrono::hours(1);
    options.batchSize = 1; // every kind of row needs more than one batch
    const OpPruner pruner(f->store, options);
    QTRY_COMPARE(pruner.passes(), 1);
    const Result<qint64> again = pruner.pruneOnce();
    QVERIFY(again);
    QCOMPARE(*again, 0);

    QVERIFY(!f->store->tokenGrant(expiredLongAgo)->has_value());
    QVERIFY(!f->store->tokenGrant(revokedLongAgo)->has_value());
    for (const QByteArray &token : {expiredLately, live, revokedLately})
        QVERIFY(f->store->tokenGrant(token)->has_value());
    QCOMPARE(f->store->tokenGrant(revokedLately)->value().revoked, true);
    QCOMPARE(countOf(*f->store, idle.at(0)), 0);
    QCOMPARE(countOf(*f->store, idle.at(1)), 0);
    QCOMPARE(countOf(*f->store, busy.at(0)), 1);
    // Asked as of two days before the pruning, the expired address would still be known: it
    // is gone, while the live one stays.
    const QDateTime then = now.addDays(-2);
    QVERIFY(!f->store->isKnownLoginAddress("ada", "10.0.0.1", then).value());
    QVERIFY(f->store->isKnownLoginAddress("ada", "10.0.0.2", then).value());
}

QTEST_GUILESS_MAIN(tst_LoginRecords)
#include "tst_loginrecords.moc"
