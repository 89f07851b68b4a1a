// PresenceBook (who has which post open) and LiveHub (waiters, their cap, wake-ups, the relay).
#include "server/live/livehub.h"
#include "server/live/presencebook.h"

#include <QTest>

#include <atomic>

using namespace inkwell;
using namespace inkwell::server::live;
using namespace std::chrono_literals;

namespace {

const QString postA = QStringLiteral("6f1c2b9e-8a4d-4c3e-9b2a-1d2e3f4a5b6c");
const QString postB = QStringLiteral("7a2d3c0f-9b5e-4d4f-8c3b-2e3f4a5b6c7d");
const QString editing = QStringLiteral("editing");
const QString anna = QStringLiteral("anna");
const QString bob = QStringLiteral("bob");

PresenceBook::Limits limits(int perBlog = 256, int perUser = 8)
{
    PresenceBook::Limits l;
    l.ttl = 30s;
    l.maxPerBlog = perBlog;
    l.maxPerUser = perUser;
    return l;
}

class RecordingRelay final : public Relay
{
public:
    void publish(const QByteArray &payload) override { payloads.append(payload); }
    QList<QByteArray> payloads;
};

} // namespace

class tst_PresenceBook : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tokenMovesWithTheSetNotWithRenewals();
    void entriesLeaveOutTheCallerAndCountDown();
    void expiredEntriesGo();
    void membersAndBlogsAreBounded();
    void equalSetsGiveEqualTokens();
    void hubWakesTheBlogsWaitersOnly();
    void hubCapsWaiters();
    void hubExpiryWakesWaiters();
    void hubRelaysChangesAndAppliesOthers();
};

void tst_PresenceBook::tokenMovesWithTheSetNotWithRenewals()
{
    PresenceBook book(limits());
    const auto t0 = Clock::now();
    const QString empty = book.token(1);
    QCOMPARE(book.put(1, anna, "c1", postA, editing, t0), PresenceBook::Outcome::Changed);
    const QString one = book.token(1);
    QVERIFY(one != empty);
    QCOMPARE(book.put(1, anna, "c1", postA, editing, t0 + 10s), PresenceBook::Outcome::Unchanged);
    QCOMPARE(book.token(1), one);
    QCOMPARE(book.put(1, anna, "c1", postB, editing, t0 + 11s), PresenceBook::Outcome::Changed);
    QVERIFY(book.token(1) != one);
    QCOMPARE(book.clear(1, anna, "c1"), PresenceBook::Outcome::Changed);
    QCOMPARE(book.token(1), empty);
    QCOMPARE(book.clear(1, anna, "c1"), PresenceBook::Outcome::Unchanged);
}

void tst_PresenceBook::entriesLeaveOutTheCallerAndCountDown()
{
    PresenceBook book(limits());
    const auto t0 = Clock::now();
    QVERIFY(book.put(1, anna, "c1", postA, editing, t0) == PresenceBook::Outcome::Changed);
    QVERIFY(book.put(1, bob, "c2", postB, editing, t0) == PresenceBook::Outcome::Changed);
    QVERIFY(book.put(2, bob, "c2", postA, editing, t0) == PresenceBook::Outcome::Changed);
    const auto seenByAnna = book.entries(1, anna, t0 + 12s);
    QCOMPARE(seenByAnna.size(), 1);
    QCOMPARE(seenByAnna.at(0).user, bob);
    QCOMPARE(seenByAnna.at(0).guid, postB);
    QCOMPARE(seenByAnna.at(0).state, editing);
    QCOMPARE(seenByAnna.at(0).secondsLeft, 18);
    QCOMPARE(book.entries(1, QStringLiteral("carol"), t0).size(), 2);
    QCOMPARE(book.entries(3, anna, t0).size(), 0);
}

void tst_PresenceBook::expiredEntriesGo()
{
    PresenceBook book(limits());
    const auto t0 = Clock::now();
    QVERIFY(book.put(1, anna, "c1", postA, editing, t0) == PresenceBook::Outcome::Changed);
    QVERIFY(book.put(2, bob, "c2", postA, editing, t0 + 20s) == PresenceBook::Outcome::Changed);
    QCOMPARE(*book.nextExpiry(), t0 + 30s);
    QVERIFY(book.expire(t0 + 29s).isEmpty());
    QCOMPARE(book.expire(t0 + 30s), QList<qint64>{1});
    QCOMPARE(book.size(1), 0);
    QCOMPARE(book.size(2), 1);
    QCOMPARE(*book.nextExpiry(), t0 + 50s);
}

void tst_PresenceBook::membersAndBlogsAreBounded()
{
    PresenceBook book(limits(4, 2));
    const auto t0 = Clock::now();
    // A member's third client pushes out its oldest entry.
    QVERIFY(book.put(1, anna, "a1", postA, editing, t0) == PresenceBook::Outcome::Changed);
    QVERIFY(book.put(1, anna, "a2", postA, editing, t0 + 1s) == PresenceBook::Outcome::Changed);
    QVERIFY(book.put(1, anna, "a3", postB, editing, t0 + 2s) == PresenceBook::Outcome::Changed);
    QCOMPARE(book.size(1), 2);
    QCOMPARE(book.clear(1, anna, "a1"), PresenceBook::Outcome::Unchanged);
    // The blog holds at most four: a new member is refused, not someone else evicted.
    QVERIFY(book.put(1, bob, "b1", postA, editing, t0) == PresenceBook::Outcome::Changed);
    QVERIFY(book.put(1, QStringLiteral("carol"), "c1", postA, editing, t0)
            == PresenceBook::Outcome::Changed);
    QCOMPARE(book.put(1, QStringLiteral("dan"), "d1", postA, editing, t0),
             PresenceBook::Outcome::Full);
    QCOMPARE(book.size(1), 4);
    // Renewing or moving an entry that exists still works when full.
    QCOMPARE(book.put(1, bob, "b1", postB, editing, t0 + 3s), PresenceBook::Outcome::Changed);
}

void tst_PresenceBook::equalSetsGiveEqualTokens()
{
    PresenceBook first(limits());
    PresenceBook second(limits());
    const auto t0 = Clock::now();
    QVERIFY(first.put(1, anna, "a", postA, editing, t0) == PresenceBook::Outcome::Changed);
    QVERIFY(first.put(1, bob, "b", postB, editing, t0) == PresenceBook::Outcome::Changed);
    QVERIFY(second.put(1, bob, "b", postB, editing, t0 + 5s) == PresenceBook::Outcome::Changed);
    QVERIFY(second.put(1, anna, "a", postA, editing, t0 + 7s) == PresenceBook::Outcome::Changed);
    QCOMPARE(first.token(1), second.token(1));
}

void tst_PresenceBook::hubWakesTheBlogsWaitersOnly()
{
    LiveHub hub(LiveHub::Options{});
    std::atomic<int> woken1 = 0;
    std::atomic<int> woken2 = 0;
    const quint64 one = hub.subscribe(1, [&] { ++woken1; });
    const quint64 two = hub.subscribe(2, [&] { ++woken2; });
    hub.blogChanged(1);
    QCOMPARE(woken1.load(), 1);
    QCOMPARE(woken2.load(), 0);
    QCOMPARE(hub.putPresence(2, anna, "a", postA, editing), PresenceBook::Outcome::Changed);
    QCOMPARE(woken2.load(), 1);
    // A renewal changes nothing anyone sees: no wake-up.
    QCOMPARE(hub.putPresence(2, anna, "a", postA, editing), PresenceBook::Outcome::Unchanged);
    QCOMPARE(woken2.load(), 1);
    hub.unsubscribe(one);
    hub.blogChanged(1);
    QCOMPARE(woken1.load(), 1);
    hub.unsubscribe(two);
}

void tst_PresenceBook::hubCapsWaiters()
{
    LiveHub::Options options;
    options.maxWaiters = 3;
    options.maxWaitersPerAccount = 2;
    LiveHub hub(options);
    auto first = hub.reserveWaiter(1);
    auto second = hub.reserveWaiter(1);
    QVERIFY(first && second);
    QVERIFY(!hub.reserveWaiter(1)); // the account's share
    auto other = hub.reserveWaiter(2);
    QVERIFY(other);
    QVERIFY(!hub.reserveWaiter(3)); // the server's
    QCOMPARE(hub.waiters(), 3);
    first.reset();
    QCOMPARE(hub.waiters(), 2);
    auto again = hub.reserveWaiter(1); // the account's share has room again
    QVERIFY(again);
    QVERIFY(!hub.reserveWaiter(2));
}

void tst_PresenceBook::hubExpiryWakesWaiters()
{
    LiveHub::Options options;
    options.presence.ttl = 1s;
    LiveHub hub(options);
    std::atomic<int> woken = 0;
    QCOMPARE(hub.putPresence(1, anna, "a", postA, editing), PresenceBook::Outcome::Changed);
    const QString present = hub.presence(1, bob).presenceToken;
    const quint64 id = hub.subscribe(1, [&] { ++woken; });
    QTRY_COMPARE_WITH_TIMEOUT(woken.load(), 1, 5000);
    QVERIFY(hub.presence(1, bob).presence.isEmpty());
    QVERIFY(hub.presence(1, bob).presenceToken != present);
    hub.unsubscribe(id);
}

void tst_PresenceBook::hubRelaysChangesAndAppliesOthers()
{
    auto relay = std::make_shared<RecordingRelay>();
    LiveHub sender(LiveHub::Options{});
    sender.setRelay(relay);
    sender.blogChanged(7);
    QCOMPARE(sender.putPresence(7, anna, "a", postA, editing), PresenceBook::Outcome::Changed);
    // An immediate renewal is not sent again; clearing is.
    QCOMPARE(sender.putPresence(7, anna, "a", postA, editing), PresenceBook::Outcome::Unchanged);
    sender.clearPresence(7, anna, "a");
    QCOMPARE(relay->payloads.size(), 3);
    QCOMPARE(relay->payloads.at(0), QByteArray("7"));

    LiveHub receiver(LiveHub::Options{});
    std::atomic<int> woken = 0;
    const quint64 id = receiver.subscribe(7, [&] { ++woken; });
    receiver.applyRemote(relay->payloads.at(0));
    QCOMPARE(woken.load(), 1);
    receiver.applyRemote(relay->payloads.at(1));
    QCOMPARE(woken.load(), 2);
    const auto seen = receiver.presence(7, bob);
    QCOMPARE(seen.presence.size(), 1);
    QCOMPARE(seen.presence.at(0).user, anna);
    QCOMPARE(seen.presenceToken, [&] {
        LiveHub same(LiveHub::Options{});
        (void)same.putPresence(7, anna, "a", postA, editing);
        return same.presence(7, bob).presenceToken;
    }());
    receiver.applyRemote(relay->payloads.at(2));
    QCOMPARE(woken.load(), 3);
    QVERIFY(receiver.presence(7, bob).presence.isEmpty());
    receiver.applyRemote("{\"b\":\"x\"}"); // malformed: ignored
    receiver.applyRemote("not json");
    QCOMPARE(woken.load(), 3);
    receiver.unsubscribe(id);
}

QTEST_GUILESS_MAIN(tst_PresenceBook)
#include "tst_presencebook.moc"
