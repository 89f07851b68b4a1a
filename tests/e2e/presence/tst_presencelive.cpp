// Presence against the real server: what one member reports typing in, another member's live
// answers carry to their board (the editor's path: SyncController -> PresenceBoard); a member of
// another blog never sees it; it goes when the writer leaves the post, and expires when the
// writer drops off without a word (the server runs with a 2 s presence lifetime).
#include "e2e/server/apiclient.h"
#include "net/threadedtransport.h"
#include "presence/presenceboard.h"
#include "presence/presencereporter.h"
#include "store/localstore.h"
#include "support/serverlauncher.h"
#include "support/tempdir.h"
#include "sync/synccontroller.h"

#include <QSignalSpy>
#include <QTest>

using namespace inkwell;
using namespace inkwell::test;
using namespace std::chrono_literals;

namespace {

constexpr int kTimeoutMs = 10000;
constexpr int kServerTtlSeconds = 2;

// A member's editor as far as presence goes: the sync controller with its live channel, whose
// presence feeds a board.
struct Colleague
{
    TempDir dir;
    store::LocalStore store{dir.filePath(QStringLiteral("client.db"))};
    sync::SyncController controller{&store,
                                    [] { return std::make_unique<net::ThreadedTransport>(); }};
    presence::PresenceBoard board;
    QList<qint64> answeredBlogs;

    bool start(const QUrl &server, const QString &token, qint64 blog)
    {
        if (!store.open())
            return false;
        QObject::connect(&controller, &sync::SyncController::presenceChanged, &board,
                         [this](qint64 id, const QList<protocol::PresenceEntry> &presence) {
                             answeredBlogs.append(id);
                             board.update(id, presence);
                         });
        sync::LiveChannel::Options options;
        options.pollTimeout = 2s;
        controller.setLiveOptions(options);
        controller.setLiveUpdates(sync::SyncController::LiveUpdates::On);
        controller.setAccount({server, token, {blog}});
        return QTest::qWaitFor(
                [&] { return controller.liveState() == sync::LiveChannel::State::Connected; },
                kTimeoutMs);
    }
};

QString login(ServerLauncher &server, const QString &user)
{
    ApiClient api(server.baseUrl());
    return api.login(user, QStringLiteral("password")) ? QString::fromLatin1(api.token())
                                                       : QString();
}

} // namespace

class TestPresenceLive : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void membersSeeItOthersNeverAndItEndsWithTheWriter()
    {
        ServerLauncher server;
        server.setServeArguments(
                {QStringLiteral("--presence-ttl"), QString::number(kServerTtlSeconds)});
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        for (const char *user : {"anna", "ben", "eve"})
            QVERIFY(server.addUser(QLatin1String(user), QStringLiteral("password")));
        const qint64 team = server.addBlog(QStringLiteral("Team"), QStringLiteral("anna"));
        const qint64 other = server.addBlog(QStringLiteral("Eve's"), QStringLiteral("eve"));
        QVERIFY(team > 0 && other > 0);
        QVERIFY(server.addMember(team, QStringLiteral("ben")));
        const QString annaToken = login(server, QStringLiteral("anna"));
        const QString eveToken = login(server, QStringLiteral("eve"));
        QVERIFY(!annaToken.isEmpty() && !eveToken.isEmpty());

        Colleague ben;
        QVERIFY2(ben.start(server.baseUrl(), login(server, QStringLiteral("ben")), team),
                 qPrintable(server.serverLog()));
        Colleague eve;
        QVERIFY(eve.start(server.baseUrl(), eveToken, other));

        net::ThreadedTransport annaTransport;
        presence::PresenceReporter anna(&annaTransport);
        presence::PresenceReporter::Options options;
        options.renewInterval = 500ms; // within the test server's short lifetime
        anna.setOptions(options);
        anna.setAccount({server.baseUrl(), annaToken, {team}});
        anna.setOnline(true);
        QTRY_COMPARE_WITH_TIMEOUT(anna.support(), presence::PresenceReporter::Support::Supported,
                                  kTimeoutMs);

        // Anna types in a post of the team blog: Ben sees her, by name, on that post only.
        const QString post = newGuid();
        anna.edited(team, post);
        QTRY_COMPARE_WITH_TIMEOUT(ben.board.editors(team, post),
                                  QStringList{QStringLiteral("anna")}, kTimeoutMs);
        QVERIFY(ben.board.editors(team, newGuid()).isEmpty());
        // Renewed while she types: still there after several lifetimes.
        for (int i = 0; i < 6; ++i) {
            QTest::qWait(500);
            anna.edited(team, post);
        }
        QCOMPARE(ben.board.editors(team, post), QStringList{QStringLiteral("anna")});

        // Eve, in another blog, gets answers for her own blog without Anna, and the team blog's
        // presence is no business of hers (404, as for any blog she is not in).
        eve.answeredBlogs.clear();
        QTRY_VERIFY_WITH_TIMEOUT(eve.answeredBlogs.contains(other), kTimeoutMs);
        QVERIFY(eve.board.isEmpty());
        QVERIFY(!eve.answeredBlogs.contains(team));
        ApiClient eveApi(server.baseUrl());
        eveApi.setToken(eveToken.toLatin1());
        QCOMPARE(eveApi.send("GET",
                             QStringLiteral("/api/v1/blogs/%1/live?rev=0&presence=x&timeout=1")
                                     .arg(team))
                         .status,
                 404);
        QCOMPARE(eveApi.send("PUT", QStringLiteral("/api/v1/blogs/%1/presence").arg(team),
                             protocol::encode(protocol::PresenceUpdate{post}))
                         .status,
                 404);

        // Anna leaves the post: gone from Ben's board at the next answer.
        anna.closed();
        QTRY_VERIFY_WITH_TIMEOUT(ben.board.editors(team, post).isEmpty(), kTimeoutMs);

        // She types again, then drops off the network without a word: her entry expires.
        anna.edited(team, post);
        QTRY_COMPARE_WITH_TIMEOUT(ben.board.editors(team, post),
                                  QStringList{QStringLiteral("anna")}, kTimeoutMs);
        anna.setOnline(false);
        QTRY_VERIFY_WITH_TIMEOUT(ben.board.editors(team, post).isEmpty(), kTimeoutMs);
    }
};

QTEST_GUILESS_MAIN(TestPresenceLive)
#include "tst_presencelive.moc"
