// End-to-end attacks on the real binary over 127.0.0.0/8, each while honest clients keep syncing:
// anonymous connections announcing large blob bodies, a login flood, slow-header connections.
// Every attack is bounded in time and connections; figures are printed (qInfo) and the limits
// asserted generously. INKWELL_ATTACK_FULL=1 (`make load`) runs each attack for longer.
#include "attackload.h"
#include "serverfixture.h"

#include "protocol/codec.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <map>

using namespace inkwell;
using namespace inkwell::test;

namespace {

constexpr int honestClients = 10;
constexpr int blobAttackers = 300;
constexpr qint64 announcedBlobBytes = 32 * 1024 * 1024;
constexpr int floodConnections = 20;
constexpr int slowConnections = 300;
constexpr int headerTimeoutSeconds = 2; // set on the server's command line
constexpr int connectionsPerAddress = 32; // set on the server's command line
constexpr qint64 rssGrowthLimitKiB = 64 * 1024;
constexpr double honestP99LimitMs = 100;

// Under AddressSanitizer (the asan preset builds the server the same way) freed memory sits in
// quarantine and every request is slower: memory and latency are printed, not checked.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool checkMemoryAndLatency = false;
#else
constexpr bool checkMemoryAndLatency = true;
#endif

bool fullSize()
{
    return qEnvironmentVariableIntValue("INKWELL_ATTACK_FULL") != 0;
}

// How long each attack lasts: a few seconds in `make test`, half a minute in `make load`.
std::chrono::milliseconds attackDuration()
{
    return fullSize() ? std::chrono::seconds(30) : std::chrono::seconds(4);
}

// The long options `inkwell-server --help` lists, so that the suite names a missing limit
// instead of failing to start a server that does not know it.
QStringList serverOptions()
{
    QProcess help;
    help.start(ServerLauncher::serverBinary(), {QStringLiteral("--help")});
    if (!help.waitForFinished(30000))
        return {};
    QStringList options;
    static const QRegularExpression option(QStringLiteral("--([a-z][a-z-]+)"));
    for (auto it = option.globalMatch(QString::fromUtf8(help.readAllStandardOutput()));
         it.hasNext();)
        options.append(it.next().captured(1));
    return options;
}

QString histogram(const std::map<int, int> &counts)
{
    QStringList parts;
    for (const auto &[status, count] : counts)
        parts.append(QStringLiteral("%1:%2")
                             .arg(status == 0 ? QStringLiteral("none") : QString::number(status))
                             .arg(count));
    return parts.join(u' ');
}

QString mib(qint64 kib)
{
    return QString::number(double(kib) / 1024.0, 'f', 1) + QStringLiteral(" MiB");
}

void printHonest(const char *scenario, const LatencyFigures &figures)
{
    qInfo("%s: honest requests %d, failed %d, p50 %.1f ms, p99 %.1f ms, max %.1f ms", scenario,
          figures.requests, figures.failures, figures.p50, figures.p99, figures.max);
    for (const QString &failure : figures.firstFailures)
        qInfo("%s: honest failure: %s", scenario, qPrintable(failure));
}

// Connections each attacking slot makes: one in `make test`; in `make load` a closed one is
// replaced for as long as the attack lasts.
int connectionsPerSlot()
{
    return fullSize() ? 40 : 1;
}

// Runs the event loop (attackers, samplers) for the attack's length.
void runAttackFor(std::chrono::milliseconds duration)
{
    QTest::qWait(int(duration.count()));
}

} // namespace

class TestServerAttack : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void anonymousBlobBodiesHoldNoMemory();
    void loginFloodLeavesSyncAndTheOwnerAlone();
    void slowHeadersFromOneAddressLeaveOthersServed();

private:
    // Starts a server with `arguments` (those it knows), the owner alice and honest accounts.
    bool startServer(const QStringList &arguments);
    QStringList known(const QStringList &arguments) const;

    QStringList m_options;
    std::unique_ptr<ServerFixture> m_fixture;
    QList<HonestAccount> m_honest;
};

void TestServerAttack::initTestCase()
{
    raiseOpenFileLimit();
    m_options = serverOptions();
    QVERIFY2(!m_options.isEmpty(), "inkwell-server --help listed no options");
    qInfo("attack size: %s, %d s per attack", fullSize() ? "full" : "short",
          int(std::chrono::duration_cast<std::chrono::seconds>(attackDuration()).count()));
}

void TestServerAttack::cleanup()
{
    m_honest.clear();
    m_fixture.reset();
}

QStringList TestServerAttack::known(const QStringList &arguments) const
{
    QStringList result;
    for (qsizetype i = 0; i + 1 < arguments.size(); i += 2) {
        if (m_options.contains(arguments[i].mid(2)))
            result << arguments[i] << arguments[i + 1];
        else
            qWarning("this inkwell-server has no %s: the attack runs against its default",
                     qPrintable(arguments[i]));
    }
    return result;
}

bool TestServerAttack::startServer(const QStringList &arguments)
{
    QString why;
    m_fixture = ServerFixture::create(&why, known(arguments));
    if (!m_fixture) {
        qWarning("%s", qPrintable(why));
        return false;
    }
    for (int i = 0; i < honestClients; ++i) {
        const QString user = QStringLiteral("honest%1").arg(i);
        if (!m_fixture->server->addUser(user, QStringLiteral("honestpass%1").arg(i)))
            return false;
        const qint64 blog = m_fixture->server->addBlog(QStringLiteral("Blog %1").arg(i), user);
        // Logged in with a client of its own, which goes away: the load opens its own connections.
        const auto client = m_fixture->clientFor(user, QStringLiteral("honestpass%1").arg(i));
        if (blog <= 0 || !client)
            return false;
        m_honest.append({client->token(), blog});
    }
    return true;
}

// 1. Anonymous connections (no token or a wrong one) announce 32 MiB blob bodies and send part
// of them, slowly: the server must refuse them before buffering, so its memory stays flat.
void TestServerAttack::anonymousBlobBodiesHoldNoMemory()
{
    QVERIFY(startServer({}));
    const qint64 pid = m_fixture->server->processId();
    HonestLoad honest(m_fixture->server->baseUrl(), m_honest, false);
    honest.start();
    QTRY_VERIFY_WITH_TIMEOUT(honest.answered() >= 2 * honestClients, 10000);
    const qint64 rssBefore = residentKiB(pid);
    QVERIFY(rssBefore > 0);

    QByteArray wrongToken = m_fixture->client->token();
    wrongToken.replace(0, 8, "AAAAAAAA");
    const QByteArray firstPart(1024 * 1024, 'x'); // sent at once; the rest trickles
    const QByteArray trickle(16 * 1024, 'y');
    RssSampler rss(pid);
    const qint64 attackStart = honest.now();
    PeerSlots attackers(blobAttackers, connectionsPerSlot(), std::chrono::seconds(1), [&](int i) {
        // One address each (127.1.x.y), so that no per-address limit hides the body handling.
        const QHostAddress from(QStringLiteral("127.1.%1.%2").arg(i / 200).arg(i % 200 + 1));
        auto peer = std::make_unique<RawPeer>(from, m_fixture->server->port(), honest.clock());
        const QByteArray hash =
                QCryptographicHash::hash(QByteArray::number(i), QCryptographicHash::Sha256).toHex();
        QByteArray request = "PUT /api/v1/blogs/" + QByteArray::number(m_fixture->blogId)
                + "/blobs/" + hash + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        if (i % 2 == 1)
            request += "Authorization: Bearer " + wrongToken + "\r\n";
        request += "Content-Type: application/octet-stream\r\nContent-Length: "
                + QByteArray::number(announcedBlobBytes) + "\r\n\r\n";
        peer->onConnected = [request, &firstPart](RawPeer &p) { p.write(request + firstPart); };
        return peer;
    });
    QTimer trickler;
    QObject::connect(&trickler, &QTimer::timeout, [&] {
        for (RawPeer *peer : attackers.open()) {
            if (peer->isConnected() && peer->bytesToWrite() < trickle.size()
                && peer->sent + trickle.size() < announcedBlobBytes)
                peer->write(trickle);
        }
    });
    trickler.start(100);
    // The last second opens no new connection, so that every one had time to be answered.
    runAttackFor(attackDuration() - std::chrono::seconds(1));
    attackers.stopReopening();
    runAttackFor(std::chrono::seconds(1));
    trickler.stop();
    const qint64 attackEnd = honest.now();
    // On a loaded machine the last answers may come after the attack's time: wait (bounded) until
    // every attacker has its answer or a closed connection before counting them.
    (void)QTest::qWaitFor(
            [&] {
                return std::all_of(attackers.all().begin(), attackers.all().end(),
                                   [](const auto &peer) {
                                       return !peer->statuses.isEmpty() || peer->closedMs >= 0;
                                   });
            },
            30000);
    const qint64 rssPeak = rss.peakKiB();

    std::map<int, int> answers;
    int closedUnanswered = 0;
    int openUnanswered = 0;
    qint64 delivered = 0; // bytes the kernel took from the attackers
    qint64 slowestAnswerMs = 0; // from connecting to the answer
    for (const auto &peer : attackers.all()) {
        delivered += peer->sent - peer->bytesToWrite();
        if (!peer->statuses.isEmpty()) {
            ++answers[peer->statuses.constFirst()];
            slowestAnswerMs = std::max(slowestAnswerMs, peer->answeredMs - peer->connectedMs);
        } else if (peer->closedMs >= 0)
            ++closedUnanswered;
        else
            ++openUnanswered;
        peer->abort();
    }
    QVERIFY(honest.stop());
    const LatencyFigures figures = honest.figures(attackStart, attackEnd);
    const qint64 rssAfter = residentKiB(pid);
    qInfo("blob bodies: %d anonymous connections at a time (%d in all) announcing %lld bytes "
          "sent %s",
          blobAttackers, int(attackers.all().size()), announcedBlobBytes,
          qPrintable(mib(delivered / 1024)));
    qInfo("blob bodies: server RSS before %s, peak %s (+%s), after %s", qPrintable(mib(rssBefore)),
          qPrintable(mib(rssPeak)), qPrintable(mib(rssPeak - rssBefore)),
          qPrintable(mib(rssAfter)));
    qInfo("blob bodies: attackers answered %s (the slowest %lld ms after connecting); closed "
          "unanswered %d; open unanswered %d",
          qPrintable(histogram(answers)), slowestAnswerMs, closedUnanswered, openUnanswered);
    printHonest("blob bodies", figures);

    if (checkMemoryAndLatency)
        QVERIFY2(rssPeak - rssBefore < rssGrowthLimitKiB,
                 qPrintable(QStringLiteral("the server grew by %1").arg(mib(rssPeak - rssBefore))));
    QCOMPARE(figures.failures, 0);
    QVERIFY(figures.requests > 0);
    QCOMPARE(openUnanswered, 0); // every attacker was refused or closed
    for (const auto &[status, count] : answers)
        QVERIFY2(status == 401 || status == 503,
                 qPrintable(QStringLiteral("%1 attackers got %2").arg(count).arg(status)));
}

// 2. Twenty connections from another address try wrong passwords for the owner's name as fast
// as they are answered: sync stays quick and the owner still logs in from their usual address.
void TestServerAttack::loginFloodLeavesSyncAndTheOwnerAlone()
{
    QVERIFY(startServer({})); // the owner alice logged in from 127.0.0.1 already
    HonestLoad honest(m_fixture->server->baseUrl(), m_honest, false);
    honest.start();
    QTRY_VERIFY_WITH_TIMEOUT(honest.answered() >= 2 * honestClients, 10000);

    const QByteArray body = protocol::encode(
            protocol::LoginRequest{QStringLiteral("alice"), QStringLiteral("not-her-password")});
    const QByteArray attempt = "POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                               "Content-Type: application/json\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    constexpr int maxAttemptsPerConnection = 2000;
    constexpr int maxConnectionsPerSlot = 200; // a connection the server closed is replaced
    bool flooding = true;
    std::map<int, int> answers;
    const qint64 attackStart = honest.now();
    PeerSlots flood(
            floodConnections, maxConnectionsPerSlot, std::chrono::milliseconds(0), [&](int) {
                auto peer = std::make_unique<RawPeer>(QHostAddress(QStringLiteral("127.0.0.2")),
                                                      m_fixture->server->port(), honest.clock());
                peer->onConnected = [&](RawPeer &p) { p.write(attempt); };
                peer->onAnswer = [&](RawPeer &p, int status) {
                    ++answers[status];
                    if (flooding && p.statuses.size() < maxAttemptsPerConnection)
                        p.write(attempt);
                };
                return peer;
            });
    // The owner signs in again from 127.0.0.1 (new connections) three times during the flood.
    QStringList ownerLogins;
    bool ownerAlwaysIn = true;
    for (int i = 0; i < 3; ++i) {
        runAttackFor(attackDuration() / 4);
        ApiClient owner(m_fixture->server->baseUrl());
        QElapsedTimer ownerTimer;
        ownerTimer.start();
        const bool in = owner.login(QStringLiteral("alice"), QStringLiteral("alicepass1"));
        ownerLogins.append(QStringLiteral("HTTP %1 in %2 ms%3")
                                   .arg(owner.lastReply().status)
                                   .arg(ownerTimer.elapsed())
                                   .arg(in ? QString()
                                           : QStringLiteral(" (%1)").arg(
                                                   QString::fromUtf8(owner.lastReply().body))));
        ownerAlwaysIn = ownerAlwaysIn && in;
    }
    runAttackFor(attackDuration() / 4);
    flooding = false;
    flood.stopReopening();
    const qint64 attackEnd = honest.now();
    int closedByServer = 0;
    for (const auto &peer : flood.all())
        closedByServer += peer->closedMs >= 0 ? 1 : 0;
    flood.abortAll();
    QVERIFY(honest.stop());
    const LatencyFigures figures = honest.figures(attackStart, attackEnd);
    int attempts = 0;
    for (const auto &[status, count] : answers)
        attempts += count;
    qInfo("login flood: %d connections at a time from 127.0.0.2 (%d in all, %d closed by the "
          "server), %d attempts answered %s",
          floodConnections, int(flood.all().size()), closedByServer, attempts,
          qPrintable(histogram(answers)));
    qInfo("login flood: the owner's logins from 127.0.0.1 during the flood: %s",
          qPrintable(ownerLogins.join(QStringLiteral(", "))));
    printHonest("login flood", figures);

    QVERIFY2(ownerAlwaysIn, qPrintable(ownerLogins.join(QStringLiteral(", "))));
    QCOMPARE(figures.failures, 0);
    QVERIFY(figures.requests > 0);
    if (checkMemoryAndLatency)
        QVERIFY2(figures.p99 < honestP99LimitMs,
                 qPrintable(QStringLiteral("honest p99 %1 ms").arg(figures.p99)));
    QVERIFY(attempts > floodConnections); // the flood did run
}

// 3. Slow-header connections from one address (a byte now and then, never a whole header):
// those beyond the per-address limit are refused at once, the rest closed at the header
// deadline, and clients from other addresses open new connections and are served meanwhile.
void TestServerAttack::slowHeadersFromOneAddressLeaveOthersServed()
{
    QVERIFY(startServer({QStringLiteral("--header-timeout"), QString::number(headerTimeoutSeconds),
                         QStringLiteral("--max-connections-per-address"),
                         QString::number(connectionsPerAddress)}));
    QElapsedTimer clock;
    clock.start();
    PeerSlots slow(slowConnections, connectionsPerSlot(), std::chrono::milliseconds(500), [&](int) {
        auto peer = std::make_unique<RawPeer>(QHostAddress(QStringLiteral("127.0.0.2")),
                                              m_fixture->server->port(), clock);
        peer->onConnected = [](RawPeer &p) { p.write("GET /healthz HTTP/1.1\r\nX-Slow: "); };
        return peer;
    });
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(slow.all().cbegin(), slow.all().cend(),
                                         [](const auto &peer) {
                                             return peer->connectedMs >= 0 || peer->closedMs >= 0;
                                         }),
                             10000);
    QTimer trickler;
    QObject::connect(&trickler, &QTimer::timeout, [&] {
        for (RawPeer *peer : slow.open())
            peer->write("a");
    });
    trickler.start(200);

    // New clients (new connections for every request) from 127.0.0.1 while the slow ones hold.
    HonestLoad honest(m_fixture->server->baseUrl(), m_honest, true);
    const qint64 attackStart = honest.now();
    honest.start();
    if (fullSize())
        runAttackFor(attackDuration());
    slow.stopReopening();
    // The header deadline closes every slow connection; past it plus a margin, stop waiting.
    const QDeadlineTimer deadline(std::chrono::seconds(headerTimeoutSeconds + 5));
    while (!slow.allClosed() && !deadline.hasExpired())
        QTest::qWait(50);
    trickler.stop();
    const qint64 attackEnd = honest.now();
    QVERIFY(honest.stop());
    const LatencyFigures figures = honest.figures(attackStart, attackEnd);

    int refused = 0; // answered 503, or closed well before the header deadline
    int stillOpen = 0;
    std::map<int, int> answers;
    qint64 longestHeldMs = 0;
    QList<std::pair<qint64, int>> heldEvents; // (time, +1 opened / -1 closed) of held ones
    for (const auto &peer : slow.all()) {
        const int status = peer->statuses.value(0);
        ++answers[status];
        if (peer->closedMs < 0) {
            ++stillOpen;
        } else if (status == 503 || peer->connectedMs < 0
                   || peer->closedMs - peer->connectedMs < headerTimeoutSeconds * 1000 / 2) {
            ++refused;
        } else {
            heldEvents.append({peer->connectedMs, +1});
            heldEvents.append({peer->closedMs, -1});
            longestHeldMs = std::max(longestHeldMs, peer->closedMs - peer->connectedMs);
        }
    }
    slow.abortAll();
    std::sort(heldEvents.begin(), heldEvents.end()); // a close before an open at the same time
    int held = 0;
    int mostHeldAtOnce = 0;
    for (const auto &[at, change] : std::as_const(heldEvents)) {
        held += change;
        mostHeldAtOnce = std::max(mostHeldAtOnce, held);
    }
    const int heldToDeadline = int(heldEvents.size() / 2);
    qInfo("slow headers: %d connections at a time from 127.0.0.2 (%d in all): %d refused at "
          "once, %d closed by the header deadline (at most %d at once, the longest after %lld "
          "ms), %d still open; answers %s",
          slowConnections, int(slow.all().size()), refused, heldToDeadline, mostHeldAtOnce,
          longestHeldMs, stillOpen, qPrintable(histogram(answers)));
    printHonest("slow headers", figures);

    QCOMPARE(figures.failures, 0);
    QVERIFY(figures.requests >= honestClients);
    QCOMPARE(stillOpen, 0);
    // Two more than the limit: the client may see a close a moment after the server freed the slot.
    QVERIFY2(mostHeldAtOnce <= connectionsPerAddress + 2,
             qPrintable(
                     QStringLiteral("%1 slow connections were held at once").arg(mostHeldAtOnce)));
    QVERIFY(refused >= int(slow.all().size()) - heldToDeadline);
    QVERIFY2(longestHeldMs < (headerTimeoutSeconds + 3) * 1000,
             qPrintable(QStringLiteral("a slow connection was held %1 ms").arg(longestHeldMs)));
}

QTEST_GUILESS_MAIN(TestServerAttack)
#include "tst_serverattack.moc"
