// Post history against the real inkwell-server binary: the revisions of a post after several
// pushes including a delete, read by a member and refused to anyone else, and the retention
// flag pruning them when the server starts.
#include "serverfixture.h"

#include "protocol/history.h"

#include <QTest>

using namespace inkwell;
using namespace inkwell::test;

namespace {

QString revisionsPath(qint64 blog, const QString &guid, const QString &rest = {})
{
    return QStringLiteral("/api/v1/blogs/%1/posts/%2/revisions%3").arg(blog).arg(guid, rest);
}

} // namespace

class tst_ServerHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsAndReadsRevisionsAfterPushesAndADelete();
};

void tst_ServerHistory::listsAndReadsRevisionsAfterPushesAndADelete()
{
    std::unique_ptr<ServerFixture> f;
    INKWELL_START_FIXTURE(f);
    const QString guid = newGuid();
    const QString other = newGuid();
    QCOMPARE(f->client->pushOne(f->blogId, makeChange(guid, 0, QStringLiteral("Erster Entwurf"))),
             1);
    QCOMPARE(f->client->pushOne(f->blogId, makeChange(other, 0, QStringLiteral("Another post"))),
             2);
    QCOMPARE(f->client->pushOne(f->blogId, makeChange(guid, 1, QStringLiteral("Second"))), 3);
    QCOMPARE(f->client->pushOne(f->blogId, makeChange(guid, 3, QStringLiteral("Third"))), 4);
    protocol::Change deletion = makeChange(guid, 4, QString());
    deletion.deleted = true;
    QCOMPARE(f->client->pushOne(f->blogId, deletion), 5);

    ApiReply reply = f->client->send("GET", revisionsPath(f->blogId, guid));
    QCOMPARE(reply.status, 200);
    auto list = protocol::decodeRevisionList(reply.body);
    QVERIFY2(list, qPrintable(list ? QString() : list.error().message));
    QList<qint64> revs;
    for (const protocol::RevisionSummary &summary : list->revisions)
        revs.append(summary.rev);
    QCOMPARE(revs, (QList<qint64>{5, 4, 3, 1}));
    QVERIFY(list->revisions.at(0).deleted);
    QCOMPARE(list->revisions.at(1).title, QStringLiteral("Third"));
    QCOMPARE(list->revisions.at(3).modifiedBy, QStringLiteral("alice"));

    reply = f->client->send("GET", revisionsPath(f->blogId, guid, QStringLiteral("/1")));
    QCOMPARE(reply.status, 200);
    const auto first = protocol::decodeRevisionDetail(reply.body);
    QVERIFY(first);
    QCOMPARE(first->revision.fields.title, QStringLiteral("Erster Entwurf"));
    QCOMPARE(f->client->send("GET", revisionsPath(f->blogId, guid, QStringLiteral("/2"))).status,
             404); // rev 2 belongs to the other post

    // Someone who is not a member, and nobody at all.
    QVERIFY(f->server->addUser(QStringLiteral("mallory"), QStringLiteral("mallorypass1")));
    const auto mallory = f->clientFor(QStringLiteral("mallory"), QStringLiteral("mallorypass1"));
    QVERIFY(mallory);
    QCOMPARE(mallory->send("GET", revisionsPath(f->blogId, guid)).status, 404);
    QCOMPARE(mallory->send("GET", revisionsPath(f->blogId, guid, QStringLiteral("/1"))).status,
             404);
    ApiClient anonymous(f->server->baseUrl());
    QCOMPARE(anonymous.send("GET", revisionsPath(f->blogId, guid)).status, 401);

    // Restarted keeping two revisions per post: the pruning pass at start leaves the newest two.
    QVERIFY(f->server->stop());
    f->server->setServeArguments({QStringLiteral("--history-keep"), QStringLiteral("2")});
    QVERIFY2(f->server->start(), qPrintable(f->server->errorString()));
    ApiClient again(f->server->baseUrl());
    QVERIFY(again.login(QStringLiteral("alice"), QStringLiteral("alicepass1")));
    QTRY_COMPARE(
            protocol::decodeRevisionList(again.send("GET", revisionsPath(f->blogId, guid)).body)
                    ->revisions.size(),
            2);
    QCOMPARE(protocol::decodeRevisionList(again.send("GET", revisionsPath(f->blogId, other)).body)
                     ->revisions.size(),
             1);
}

QTEST_GUILESS_MAIN(tst_ServerHistory)
#include "tst_serverhistory.moc"
