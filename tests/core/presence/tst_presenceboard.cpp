// PresenceBoard: colleagues' entries per blog, named once and sorted, gone when their time is up.
#include "presence/presenceboard.h"

#include <QSignalSpy>
#include <QTest>

using namespace inkwell;
using namespace std::chrono_literals;
using presence::PresenceBoard;
using protocol::PresenceEntry;

namespace {

const QString PostA = QStringLiteral("11111111-1111-4111-8111-111111111111");
const QString PostB = QStringLiteral("22222222-2222-4222-8222-222222222222");

PresenceEntry entry(const QString &guid, const QString &user, int secondsLeft = 30)
{
    return {guid, user, QStringLiteral("editing"), secondsLeft};
}

// A clock the test moves by hand.
struct ManualClock
{
    std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now();
    PresenceBoard::Clock function()
    {
        return [this] { return now; };
    }
};

} // namespace

class TestPresenceBoard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void namesEachEditorOnceSorted()
    {
        PresenceBoard board;
        QSignalSpy changed(&board, &PresenceBoard::changed);
        // Ben on two devices, and names in no particular order.
        board.update(1,
                     {entry(PostA, QStringLiteral("ben")), entry(PostA, QStringLiteral("Anna")),
                      entry(PostA, QStringLiteral("ben"), 12),
                      entry(PostB, QStringLiteral("carl"))});
        QCOMPARE(board.editors(1, PostA),
                 QStringList({QStringLiteral("Anna"), QStringLiteral("ben")}));
        QCOMPARE(board.editors(1, PostB), QStringList{QStringLiteral("carl")});
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toStringList(), QStringList({PostA, PostB}));
    }

    void keepsBlogsApart()
    {
        PresenceBoard board;
        board.update(1, {entry(PostA, QStringLiteral("anna"))});
        board.update(2, {entry(PostB, QStringLiteral("ben"))});
        QCOMPARE(board.editors(1, PostA), QStringList{QStringLiteral("anna")});
        QVERIFY(board.editors(2, PostA).isEmpty());
        QVERIFY(board.editors(1, PostB).isEmpty());
        // An answer of blog 2 without Ben leaves blog 1 alone.
        board.update(2, {});
        QVERIFY(board.editors(2, PostB).isEmpty());
        QCOMPARE(board.editors(1, PostA), QStringList{QStringLiteral("anna")});
    }

    void eachAnswerReplacesTheBlogsEntries()
    {
        PresenceBoard board;
        board.update(1,
                     {entry(PostA, QStringLiteral("anna")), entry(PostB, QStringLiteral("ben"))});
        QSignalSpy changed(&board, &PresenceBoard::changed);
        board.update(1, {entry(PostA, QStringLiteral("anna"), 25)});
        QCOMPARE(board.editors(1, PostA), QStringList{QStringLiteral("anna")});
        QVERIFY(board.editors(1, PostB).isEmpty());
        // Only the post whose editors changed is announced, not the renewed one.
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toStringList(), QStringList{PostB});
        board.update(1, {entry(PostA, QStringLiteral("anna"), 20)});
        QCOMPARE(changed.size(), 1);
    }

    void expiresBySecondsLeftWithoutAnotherAnswer()
    {
        ManualClock clock;
        PresenceBoard board;
        board.setClock(clock.function());
        board.update(1,
                     {entry(PostA, QStringLiteral("anna"), 5),
                      entry(PostA, QStringLiteral("ben"), 20),
                      entry(PostB, QStringLiteral("carl"), 0)});
        // seconds_left 0: already gone.
        QVERIFY(board.editors(1, PostB).isEmpty());
        QSignalSpy changed(&board, &PresenceBoard::changed);
        clock.now += 4s;
        board.expire();
        QCOMPARE(changed.size(), 0);
        QCOMPARE(board.editors(1, PostA),
                 QStringList({QStringLiteral("anna"), QStringLiteral("ben")}));
        clock.now += 2s;
        // Past its time an entry is not shown, even before the timer fired.
        QCOMPARE(board.editors(1, PostA), QStringList{QStringLiteral("ben")});
        board.expire();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toStringList(), QStringList{PostA});
        clock.now += 15s;
        board.expire();
        QCOMPARE(changed.size(), 2);
        QVERIFY(board.editors(1, PostA).isEmpty());
        QVERIFY(board.isEmpty());
    }

    void aServerCannotKeepAnEntryPastTheLifetime()
    {
        ManualClock clock;
        PresenceBoard board;
        board.setClock(clock.function());
        board.update(1, {entry(PostA, QStringLiteral("anna"), 3600)});
        clock.now += std::chrono::seconds(protocol::kPresenceTtlSeconds);
        QVERIFY(board.editors(1, PostA).isEmpty());
    }

    void itsTimerRemovesAnEntryOnItsOwn()
    {
        // The real clock and the board's own timer: a one-second entry goes by itself.
        PresenceBoard board;
        QSignalSpy changed(&board, &PresenceBoard::changed);
        board.update(
                1,
                {entry(PostA, QStringLiteral("anna"), 1), entry(PostB, QStringLiteral("ben"), 30)});
        QCOMPARE(changed.size(), 1);
        QVERIFY(changed.wait(5000));
        QCOMPARE(changed.last().at(0).toStringList(), QStringList{PostA});
        QVERIFY(board.editors(1, PostA).isEmpty());
        QCOMPARE(board.editors(1, PostB), QStringList{QStringLiteral("ben")});
    }

    void clearForgetsEveryBlog()
    {
        PresenceBoard board;
        board.update(1, {entry(PostA, QStringLiteral("anna"))});
        board.update(2, {entry(PostB, QStringLiteral("ben"))});
        QSignalSpy changed(&board, &PresenceBoard::changed);
        board.clear();
        QCOMPARE(changed.size(), 1);
        QStringList guids = changed.at(0).at(0).toStringList();
        guids.sort();
        QCOMPARE(guids, QStringList({PostA, PostB}));
        QVERIFY(board.isEmpty());
        board.clear();
        QCOMPARE(changed.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestPresenceBoard)
#include "tst_presenceboard.moc"
