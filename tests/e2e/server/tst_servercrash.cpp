// End-to-end: SIGKILL of the real server in the middle of pushes. After a restart on the same
// database every acknowledged change is there exactly as acknowledged, and every other row is
// one complete version that a client sent: nothing half-written.
#include "serverfixture.h"

#include "protocol/codec.h"

#include <QHash>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QTest>

using namespace inkwell;
using namespace inkwell::test;

namespace {

constexpr int requestsInFlight = 6;
constexpr int acknowledgementsBeforeKill = 25;

struct Acknowledged
{
    qint64 rev = 0;
    model::PostFields fields;
};

} // namespace

class TestServerCrash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acknowledgedChangesSurviveSigkill();

private:
    void sendOne();
    void onReply(QNetworkReply *reply, const protocol::SyncRequest &request);

    std::unique_ptr<ServerFixture> m_fixture;
    QNetworkAccessManager m_network;
    QHash<QString, QList<model::PostFields>> m_sent; // every version sent, per guid
    QHash<QString, Acknowledged> m_acknowledged; // the newest acknowledged version, per guid
    QList<QString> m_editable; // acknowledged guids without an edit in flight
    int m_inFlight = 0;
    int m_acknowledgements = 0;
    bool m_sending = true;
    int m_counter = 0;
};

void TestServerCrash::sendOne()
{
    protocol::SyncRequest request;
    request.limit = 1;
    for (int i = 0; i < 3; ++i) {
        const int n = ++m_counter;
        protocol::Change change = makeChange(newGuid(), 0, QStringLiteral("new %1").arg(n),
                                             QStringLiteral("body of %1 ").arg(n).repeated(50));
        change.fields.tags = {QStringLiteral("t%1").arg(m_counter % 7)};
        request.changes.append(change);
    }
    if (!m_editable.isEmpty()) {
        const QString guid = m_editable.takeFirst();
        request.changes.append(makeChange(guid, m_acknowledged[guid].rev,
                                          QStringLiteral("edit %1").arg(++m_counter),
                                          QStringLiteral("edited ").repeated(300)));
    }
    for (const protocol::Change &change : std::as_const(request.changes))
        m_sent[change.guid].append(change.fields);
    QUrl url = m_fixture->server->baseUrl();
    url.setPath(QStringLiteral("/api/v1/blogs/%1/sync").arg(m_fixture->blogId));
    QNetworkRequest http(url);
    http.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    http.setRawHeader("Authorization", "Bearer " + m_fixture->client->token());
    QNetworkReply *reply = m_network.post(http, protocol::encode(request));
    ++m_inFlight;
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, request] { onReply(reply, request); });
}

void TestServerCrash::onReply(QNetworkReply *reply, const protocol::SyncRequest &request)
{
    reply->deleteLater();
    --m_inFlight;
    const auto response = protocol::decodeSyncResponse(reply->readAll());
    if (reply->error() == QNetworkReply::NoError && response) {
        ++m_acknowledgements;
        for (const protocol::ItemResult &result : response->results) {
            if (result.status != protocol::ItemStatus::Applied)
                continue;
            for (const protocol::Change &change : request.changes) {
                if (change.opId == result.opId)
                    m_acknowledged[change.guid] = {result.rev, change.fields};
            }
            m_editable.append(result.guid);
        }
    }
    if (m_sending)
        sendOne();
}

void TestServerCrash::acknowledgedChangesSurviveSigkill()
{
    INKWELL_START_FIXTURE(m_fixture);
    for (int i = 0; i < requestsInFlight; ++i)
        sendOne();
    QTRY_VERIFY_WITH_TIMEOUT(m_acknowledgements >= acknowledgementsBeforeKill, 60000);
    QVERIFY(m_inFlight > 0);
    m_fixture->server->kill();
    m_sending = false;
    QTRY_COMPARE_WITH_TIMEOUT(m_inFlight, 0, 30000);

    QVERIFY2(m_fixture->server->start(), qPrintable(m_fixture->server->errorString()));
    ApiClient after(m_fixture->server->baseUrl());
    after.setToken(m_fixture->client->token()); // tokens are stored: still valid
    const auto posts = after.pullAll(m_fixture->blogId, 50);
    QVERIFY2(posts, qPrintable(posts ? QString() : posts.error().message));

    QVERIFY(m_acknowledged.size() >= acknowledgementsBeforeKill * 3);
    QSet<qint64> revisions;
    QSet<QString> present;
    for (const model::Revision &post : *posts) {
        QVERIFY2(m_sent.contains(post.guid), "a row nobody sent");
        QVERIFY2(m_sent[post.guid].contains(post.fields), "a row that is not a whole sent version");
        QVERIFY(!revisions.contains(post.rev));
        revisions.insert(post.rev);
        present.insert(post.guid);
        if (m_acknowledged.contains(post.guid))
            QVERIFY(post.rev >= m_acknowledged[post.guid].rev);
    }
    for (auto it = m_acknowledged.cbegin(); it != m_acknowledged.cend(); ++it) {
        QVERIFY2(present.contains(it.key()), "an acknowledged change was lost");
    }
    for (const model::Revision &post : *posts) {
        const auto ack = m_acknowledged.constFind(post.guid);
        if (ack != m_acknowledged.cend() && ack->rev == post.rev)
            QCOMPARE(post.fields, ack->fields);
    }
    QVERIFY(m_fixture->server->stop());
}

QTEST_GUILESS_MAIN(TestServerCrash)
#include "tst_servercrash.moc"
