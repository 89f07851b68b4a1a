// The public site of the real inkwell-server binary: `blog set --public` through the admin CLI,
// a post's page there the moment a push publishes it, an edit shown at the next request, an
// operator's `post slug` redirecting the old address, a post taken back to draft gone at once,
// and a private blog answering 404 again.
#include "serverfixture.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTest>

using namespace inkwell;
using namespace inkwell::test;

namespace {

protocol::Change publishedChange(const QString &guid, qint64 baseRev, const QString &title,
                                 model::PublishState state = model::PublishState::Published)
{
    protocol::Change change = makeChange(guid, baseRev, title, QStringLiteral("Light *on* water"));
    change.fields.state = state;
    return change;
}

} // namespace

class tst_ServerSite : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void publishingShowsThePageAndDraftHidesIt();
};

void tst_ServerSite::publishingShowsThePageAndDraftHidesIt()
{
    std::unique_ptr<ServerFixture> f;
    INKWELL_START_FIXTURE(f);
    ApiClient reader(f->server->baseUrl()); // anonymous
    const QString guid = newGuid();
    QCOMPARE(f->client->pushOne(f->blogId,
                                publishedChange(guid, 0, QStringLiteral("Morning light"))),
             1);
    const QString pagePath =
            QStringLiteral("/api/v1/blogs/%1/posts/%2/page").arg(f->blogId).arg(guid);
    QCOMPARE(f->client->send("GET", pagePath).status, 404); // the blog is private

    const ServerLauncher::CliResult made = f->server->runCli(
            {QStringLiteral("blog"), QStringLiteral("set"), QString::number(f->blogId),
             QStringLiteral("--public"), QStringLiteral("--description"),
             QStringLiteral("Notes by the lake")});
    QVERIFY2(made.exitCode == 0, made.standardError.constData());
    const QRegularExpressionMatch site = QRegularExpression(QStringLiteral("(/b/[a-z0-9-]+/)"))
                                                 .match(QString::fromUtf8(made.standardOutput));
    QVERIFY2(site.hasMatch(), made.standardOutput.constData());
    const QString index = site.captured(1);

    const ApiReply located = f->client->send("GET", pagePath);
    QCOMPARE(located.status, 200);
    const QString url = QJsonDocument::fromJson(located.body).object().value("url").toString();
    QCOMPARE(url, index + QStringLiteral("morning-light/"));
    ApiReply page = reader.send("GET", url);
    QCOMPARE(page.status, 200);
    QVERIFY(page.body.contains("Morning light"));
    QVERIFY(!page.header("content-security-policy").isEmpty());
    QCOMPARE(page.header("x-content-type-options"), QByteArray("nosniff"));
    // HEAD: the same header as GET (its Content-Length included), no body.
    QNetworkAccessManager network;
    std::unique_ptr<QNetworkReply> head(
            network.head(QNetworkRequest(f->server->baseUrl().resolved(QUrl(url)))));
    QTRY_VERIFY_WITH_TIMEOUT(head->isFinished(), 10000);
    QCOMPARE(head->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(head->header(QNetworkRequest::ContentLengthHeader).toLongLong(), page.body.size());
    QVERIFY(head->readAll().isEmpty());
    QVERIFY(reader.send("GET", index).body.contains("Notes by the lake"));

    // An edit shows at the next request, at the same address.
    QCOMPARE(f->client->pushOne(f->blogId,
                                publishedChange(guid, 1, QStringLiteral("Evening light"))),
             2);
    page = reader.send("GET", url);
    QCOMPARE(page.status, 200);
    QVERIFY(page.body.contains("Evening light"));
    QVERIFY(reader.send("GET", index).body.contains("morning-light/"));

    // The operator moves the post: its old address redirects to the new one at once.
    const ServerLauncher::CliResult moved =
            f->server->runCli({QStringLiteral("post"), QStringLiteral("slug"),
                               QString::number(f->blogId), guid, QStringLiteral("evening")});
    QVERIFY2(moved.exitCode == 0, moved.standardError.constData());
    QNetworkRequest old(f->server->baseUrl().resolved(QUrl(url)));
    old.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                     QNetworkRequest::ManualRedirectPolicy);
    std::unique_ptr<QNetworkReply> redirect(network.get(old));
    QTRY_VERIFY_WITH_TIMEOUT(redirect->isFinished(), 10000);
    QCOMPARE(redirect->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 301);
    QCOMPARE(redirect->rawHeader("Location"), (index + QStringLiteral("evening/")).toUtf8());
    QCOMPARE(f->server
                     ->runCli({QStringLiteral("post"), QStringLiteral("slug"),
                               QString::number(f->blogId), guid, QStringLiteral("Bad Slug")})
                     .exitCode,
             2);
    // The index served before the move links to the new address at once (not a stale copy).
    const QByteArray movedIndex = reader.send("GET", index).body;
    QVERIFY(movedIndex.contains("evening/"));
    QVERIFY(!movedIndex.contains("morning-light/"));
    QCOMPARE(f->client->send("GET", pagePath).body,
             QByteArray("{\"url\":\"") + (index + QStringLiteral("evening/")).toUtf8() + "\"}");

    // Back to draft: gone at once, from the page and the index.
    QCOMPARE(f->client->pushOne(f->blogId,
                                publishedChange(guid, 2, QStringLiteral("Evening light"),
                                                model::PublishState::Draft)),
             3);
    QCOMPARE(reader.send("GET", index + QStringLiteral("evening/")).status, 404);
    QVERIFY(!reader.send("GET", index).body.contains("Evening light"));

    const ServerLauncher::CliResult hidden =
            f->server->runCli({QStringLiteral("blog"), QStringLiteral("set"),
                               QString::number(f->blogId), QStringLiteral("--private")});
    QCOMPARE(hidden.exitCode, 0);
    QCOMPARE(reader.send("GET", index).status, 404);
}

QTEST_GUILESS_MAIN(tst_ServerSite)
#include "tst_serversite.moc"
