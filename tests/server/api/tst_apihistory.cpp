// The post history routes: GET .../posts/{guid}/revisions and .../revisions/{rev}.
#include "apifixture.h"

#include "protocol/history.h"

using namespace inkwell;
using namespace inkwell::test;

class tst_ApiHistory : public QObject, private ApiFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { addBackendRows(); }
    void cleanupTestCase() { dropSharedDatabase(); }
    void init() { setUpServer(); }
    void cleanup() { tearDownServer(); }

    void listsNewestFirstAndPages();
    void readsOneRevision();
    void deletedPostKeepsItsHistory();
    void unknownPostOrRevisionIsNotFound();
    void otherBlogsAndAnonymousCallersLearnNothing();
    void badQueriesAreRefused();

private:
    // Pushes `count` edits of guid(1) to Travel as ada: revisions 1..count.
    void pushEdits(int count)
    {
        QList<QByteArray> changes;
        for (int i = 0; i < count; ++i)
            changes.append(
                    changeJson(QStringLiteral("op-%1").arg(i), guid(1), i, QString::number(i)));
        const HttpResponse pushed =
                call("POST", blogPath(m_travel, "/sync"), syncBody(QString(), changes, 1), m_ada);
        QCOMPARE(pushed.status, 200);
    }

    QByteArray revisionsPath(qint64 blog, const QString &post, const QByteArray &rest = {}) const
    {
        return blogPath(blog, "/posts/" + post.toLatin1() + "/revisions" + rest);
    }

    protocol::RevisionList list(const QByteArray &target, const QByteArray &token)
    {
        const HttpResponse response = call("GET", target, {}, token);
        if (response.status != 200)
            qWarning() << response.status << response.body;
        const auto decoded = protocol::decodeRevisionList(response.body);
        return decoded ? *decoded : protocol::RevisionList{};
    }
};

void tst_ApiHistory::listsNewestFirstAndPages()
{
    pushEdits(5);
    const protocol::RevisionList all = list(revisionsPath(m_travel, guid(1)), m_ada);
    QCOMPARE(all.revisions.size(), 5);
    QCOMPARE(all.revisions.first().rev, 5);
    QCOMPARE(all.revisions.last().rev, 1);
    QCOMPARE(all.revisions.first().title, QStringLiteral("4"));
    QCOMPARE(all.revisions.first().modifiedBy, QStringLiteral("ada"));
    QCOMPARE(all.revisions.first().bodyBytes, QByteArray("secret body text").size());
    QVERIFY(!all.more);

    const protocol::RevisionList first = list(revisionsPath(m_travel, guid(1), "?limit=2"), m_ada);
    QCOMPARE(first.revisions.size(), 2);
    QVERIFY(first.more);
    const protocol::RevisionList second =
            list(revisionsPath(m_travel, guid(1), "?before=4&limit=2"), m_ada);
    QCOMPARE(second.revisions.size(), 2);
    QCOMPARE(second.revisions.first().rev, 3);
    QVERIFY(second.more);
    const protocol::RevisionList last =
            list(revisionsPath(m_travel, guid(1), "?limit=2&before=2"), m_ada);
    QCOMPARE(last.revisions.size(), 1);
    QCOMPARE(last.revisions.first().rev, 1);
    QVERIFY(!last.more);
    // Another member of the blog reads the same history.
    const QByteArray carol = login(QStringLiteral("carol"), QStringLiteral("password1"));
    QCOMPARE(list(revisionsPath(m_travel, guid(1)), carol), all);
}

void tst_ApiHistory::readsOneRevision()
{
    pushEdits(3);
    const HttpResponse response = call("GET", revisionsPath(m_travel, guid(1), "/2"), {}, m_ada);
    QCOMPARE(response.status, 200);
    const auto detail = protocol::decodeRevisionDetail(response.body);
    QVERIFY2(detail, qPrintable(detail ? QString() : detail.error().message));
    QCOMPARE(detail->revision.guid, guid(1));
    QCOMPARE(detail->revision.rev, 2);
    QCOMPARE(detail->revision.fields.title, QStringLiteral("1"));
    QCOMPARE(detail->revision.fields.body, QStringLiteral("secret body text"));
    QCOMPARE(detail->revision.createdBy, QStringLiteral("ada"));
    QVERIFY(!detail->revision.deleted);
}

void tst_ApiHistory::deletedPostKeepsItsHistory()
{
    pushEdits(2);
    const QByteArray deletion = QJsonDocument(QJsonObject{{"op_id", "del"},
                                                          {"guid", guid(1)},
                                                          {"base_rev", 2},
                                                          {"deleted", true}})
                                        .toJson(QJsonDocument::Compact);
    QCOMPARE(call("POST", blogPath(m_travel, "/sync"), syncBody(QString(), {deletion}, 1), m_ada)
                     .status,
             200);
    const protocol::RevisionList all = list(revisionsPath(m_travel, guid(1)), m_ada);
    QCOMPARE(all.revisions.size(), 3);
    QVERIFY(all.revisions.first().deleted);
    const auto detail = protocol::decodeRevisionDetail(
            call("GET", revisionsPath(m_travel, guid(1), "/3"), {}, m_ada).body);
    QVERIFY(detail);
    QVERIFY(detail->revision.deleted);
    QCOMPARE(detail->revision.fields.title, QStringLiteral("1")); // the text before the delete
}

void tst_ApiHistory::unknownPostOrRevisionIsNotFound()
{
    pushEdits(1);
    QCOMPARE(call("GET", revisionsPath(m_travel, guid(2)), {}, m_ada).status, 404);
    QCOMPARE(call("GET", revisionsPath(m_travel, guid(1), "/2"), {}, m_ada).status, 404);
    QCOMPARE(call("GET", revisionsPath(m_travel, guid(2), "/1"), {}, m_ada).status, 404);
    QCOMPARE(call("GET", revisionsPath(m_travel, QStringLiteral("not-a-guid")), {}, m_ada).status,
             404);
    QCOMPARE(call("POST", revisionsPath(m_travel, guid(1)), {}, m_ada).status, 405);
}

void tst_ApiHistory::otherBlogsAndAnonymousCallersLearnNothing()
{
    pushEdits(2);
    const QByteArray bob = login(QStringLiteral("bob"), QStringLiteral("password1"));
    // bob is no member of Travel: the same 404 as for a blog that does not exist.
    const HttpResponse foreign = call("GET", revisionsPath(m_travel, guid(1)), {}, bob);
    QCOMPARE(foreign.status, 404);
    QCOMPARE(foreign.body, call("GET", revisionsPath(99, guid(1)), {}, bob).body);
    QCOMPARE(call("GET", revisionsPath(m_travel, guid(1), "/1"), {}, bob).status, 404);
    QCOMPARE(call("GET", revisionsPath(m_travel, guid(1), "?limit=0"), {}, bob).status, 404);
    // Travel's post asked for through bob's own blog.
    QCOMPARE(call("GET", revisionsPath(m_food, guid(1)), {}, bob).status, 404);
    QCOMPARE(call("GET", revisionsPath(m_food, guid(1), "/1"), {}, bob).status, 404);
    QVERIFY(!foreign.body.contains("secret"));
    // Without a token.
    QCOMPARE(call("GET", revisionsPath(m_travel, guid(1))).status, 401);
    QCOMPARE(call("GET", revisionsPath(m_travel, guid(1), "/1")).status, 401);
}

void tst_ApiHistory::badQueriesAreRefused()
{
    pushEdits(1);
    for (const char *query :
         {"?limit=0", "?limit=201", "?limit=-1", "?limit=abc", "?limit=", "?limit=01", "?before=0",
          "?before=x", "?before=99999999999999999", "?limit=2&limit=3", "?after=3", "?limit=2&",
          "?before=1%32", "?limit"}) {
        const HttpResponse response =
                call("GET", revisionsPath(m_travel, guid(1), query), {}, m_ada);
        QVERIFY2(response.status == 400, query);
        QCOMPARE(errorCode(response), QStringLiteral("malformed"));
    }
    QCOMPARE(call("GET", revisionsPath(m_travel, guid(1), "?limit=200&before=9"), {}, m_ada).status,
             200);
}

QTEST_GUILESS_MAIN(tst_ApiHistory)
#include "tst_apihistory.moc"
