// A sync answer leaves out the revisions its own request created (their applied results carry
// the server's metadata instead), while its cursor still passes them.
#include "apifixture.h"

#include <QTest>

using namespace inkwell;
using namespace inkwell::server;
using namespace inkwell::test;

class tst_ApiSyncOwnRevisions : public QObject, private ApiFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { addBackendRows(); }
    void cleanupTestCase() { dropSharedDatabase(); }
    void init() { setUpServer(); }
    void cleanup() { tearDownServer(); }

    void ownRevisionsAreLeftOutAndPassed();
    void appliedResultsCarryTheServerMetadata();
    void anotherWritersRevisionIsStillSent();
    void limitCountsOnlySentRevisions();
    void fullPageStopsBeforeTheNextOtherRevision();
    void pageOfOnlyOwnRevisionsAdvancesTheCursor();
    void replayCarriesMetadataWhileThePostIsUnchanged();
    void replayAfterALaterEditHasNoMetadata();
    void storePullOmitsOnlyTheNamedRevisions_data();
    void storePullOmitsOnlyTheNamedRevisions();

private:
    protocol::SyncResponse sync(const QByteArray &body, const QByteArray &token) const
    {
        const HttpResponse response = call("POST", blogPath(m_travel, "/sync"), body, token);
        const auto decoded = protocol::decodeSyncResponse(response.body);
        if (response.status != 200 || !decoded)
            qWarning() << response.status << response.body;
        return decoded ? *decoded : protocol::SyncResponse{};
    }

    QList<QByteArray> changes(int first, int count, const QString &prefix) const
    {
        QList<QByteArray> list;
        for (int i = first; i < first + count; ++i)
            list.append(changeJson(prefix + QString::number(i), guid(i), 0, QString::number(i)));
        return list;
    }
};

void tst_ApiSyncOwnRevisions::ownRevisionsAreLeftOutAndPassed()
{
    const protocol::SyncResponse answer = sync(syncBody("", changes(1, 3, "a")), m_ada);
    QCOMPARE(answer.results.size(), 3);
    QVERIFY(answer.changes.isEmpty());
    QCOMPARE(answer.cursor, QStringLiteral("3"));
    QVERIFY(!answer.more);
    // Whoever pulls them later (here ada again, another request) gets them in full.
    const protocol::SyncResponse later = sync(syncBody(""), m_ada);
    QCOMPARE(later.changes.size(), 3);
    QCOMPARE(later.changes.at(2).rev, 3);
}

void tst_ApiSyncOwnRevisions::appliedResultsCarryTheServerMetadata()
{
    QVERIFY(!sync(syncBody("", changes(1, 1, "a")), m_ada).results.isEmpty());
    const QByteArray carol = login("carol", "password1");
    const protocol::SyncResponse answer =
            sync(syncBody("1", {changeJson("c", guid(1), 1, "carol's")}), carol);
    QCOMPARE(answer.results.size(), 1);
    const protocol::ItemResult &result = answer.results.first();
    QCOMPARE(result.status, protocol::ItemStatus::Applied);
    QCOMPARE(result.createdBy, QStringLiteral("ada"));
    QCOMPARE(result.modifiedBy, QStringLiteral("carol"));
    // The same metadata anyone pulling the revision sees.
    const protocol::SyncResponse pulled = sync(syncBody("1"), m_ada);
    QCOMPARE(pulled.changes.size(), 1);
    QCOMPARE(pulled.changes.first().rev, result.rev);
    QCOMPARE(pulled.changes.first().modifiedAt, result.modifiedAt);
    QCOMPARE(pulled.changes.first().modifiedBy, result.modifiedBy);
}

void tst_ApiSyncOwnRevisions::anotherWritersRevisionIsStillSent()
{
    QVERIFY(!sync(syncBody("", changes(1, 2, "a")), m_ada).results.isEmpty());
    const QByteArray carol = login("carol", "password1");
    // carol's cursor is older than ada's revisions: they come, carol's own does not.
    const protocol::SyncResponse answer = sync(syncBody("", changes(3, 1, "c")), carol);
    QCOMPARE(answer.changes.size(), 2);
    QCOMPARE(answer.changes.at(0).rev, 1);
    QCOMPARE(answer.changes.at(1).rev, 2);
    QCOMPARE(answer.changes.at(1).modifiedBy, QStringLiteral("ada"));
    QCOMPARE(answer.results.first().rev, 3);
    QCOMPARE(answer.cursor, QStringLiteral("3"));
    QVERIFY(!answer.more);
}

void tst_ApiSyncOwnRevisions::limitCountsOnlySentRevisions()
{
    QVERIFY(!sync(syncBody("", changes(1, 2, "a")), m_ada).results.isEmpty());
    const QByteArray carol = login("carol", "password1");
    // A page of two: ada's two fill it, carol's own two after them are passed all the same.
    const protocol::SyncResponse answer = sync(syncBody("", changes(3, 2, "c"), 2), carol);
    QCOMPARE(answer.changes.size(), 2);
    QCOMPARE(answer.changes.at(1).rev, 2);
    QCOMPARE(answer.cursor, QStringLiteral("4"));
    QVERIFY(!answer.more);
}

void tst_ApiSyncOwnRevisions::fullPageStopsBeforeTheNextOtherRevision()
{
    QVERIFY(!sync(syncBody("", changes(1, 3, "a")), m_ada).results.isEmpty());
    const QByteArray carol = login("carol", "password1");
    const protocol::SyncResponse first = sync(syncBody("", changes(4, 2, "c"), 2), carol);
    QCOMPARE(first.changes.size(), 2);
    QCOMPARE(first.cursor, QStringLiteral("2"));
    QVERIFY(first.more);
    // The next page: ada's third, then carol's two of the earlier request, which are not
    // this request's own and so are sent like anyone else's.
    const protocol::SyncResponse second = sync(syncBody("2", {}, 5), carol);
    QCOMPARE(second.changes.size(), 3);
    QCOMPARE(second.changes.at(2).modifiedBy, QStringLiteral("carol"));
    QCOMPARE(second.cursor, QStringLiteral("5"));
    QVERIFY(!second.more);
}

void tst_ApiSyncOwnRevisions::pageOfOnlyOwnRevisionsAdvancesTheCursor()
{
    // More own revisions than the page holds: all passed, none sent, nothing more waiting.
    const protocol::SyncResponse answer = sync(syncBody("", changes(1, 15, "a"), 2), m_ada);
    QCOMPARE(answer.results.size(), 15);
    QVERIFY(answer.changes.isEmpty());
    QCOMPARE(answer.cursor, QStringLiteral("15"));
    QVERIFY(!answer.more);
}

void tst_ApiSyncOwnRevisions::replayCarriesMetadataWhileThePostIsUnchanged()
{
    const QByteArray body = syncBody("", changes(1, 1, "once"));
    const protocol::SyncResponse first = sync(body, m_ada);
    QVERIFY(first.changes.isEmpty());
    const protocol::SyncResponse again = sync(body, m_ada);
    QCOMPARE(again.results, first.results);
    QVERIFY(again.results.first().hasMetadata());
    // A replay creates nothing, so the revision is not its own: it is sent.
    QCOMPARE(again.changes.size(), 1);
    QCOMPARE(again.changes.first().rev, 1);
    QCOMPARE(again.cursor, QStringLiteral("1"));
}

void tst_ApiSyncOwnRevisions::replayAfterALaterEditHasNoMetadata()
{
    const QByteArray body = syncBody("", changes(1, 1, "once"));
    QVERIFY(!sync(body, m_ada).results.isEmpty());
    QVERIFY(!sync(syncBody("1", {changeJson("later", guid(1), 1, "later")}), m_ada)
                     .results.isEmpty());
    const protocol::SyncResponse again = sync(body, m_ada);
    QCOMPARE(again.results.size(), 1);
    QCOMPARE(again.results.first().status, protocol::ItemStatus::Applied);
    QCOMPARE(again.results.first().rev, 1);
    QVERIFY(!again.results.first().hasMetadata());
    QVERIFY(again.results.first().createdBy.isEmpty());
    QCOMPARE(again.changes.size(), 1);
    QCOMPARE(again.changes.first().rev, 2);
    QCOMPARE(m_store->lastRevision(m_travel).value(), 2);
}

void tst_ApiSyncOwnRevisions::storePullOmitsOnlyTheNamedRevisions_data()
{
    QTest::addColumn<qint64>("cursor");
    QTest::addColumn<int>("limit");
    QTest::addColumn<qint64>("first");
    QTest::addColumn<qint64>("last");
    QTest::addColumn<QList<qint64>>("sent");
    QTest::addColumn<qint64>("nextCursor");
    QTest::addColumn<bool>("more");
    // Six revisions; some omitted.
    QTest::newRow("none omitted") << 0ll << 2 << 1ll << 0ll << QList<qint64>{1, 2} << 2ll << true;
    QTest::newRow("omitted in the middle")
            << 0ll << 2 << 2ll << 3ll << QList<qint64>{1, 4} << 4ll << true;
    QTest::newRow("omitted before where the page stops are passed")
            << 0ll << 1 << 2ll << 3ll << QList<qint64>{1} << 3ll << true;
    QTest::newRow("omitted after where the page stops wait")
            << 0ll << 1 << 3ll << 4ll << QList<qint64>{1} << 1ll << true;
    QTest::newRow("omitted at the end")
            << 4ll << 2 << 5ll << 6ll << QList<qint64>{} << 6ll << false;
    QTest::newRow("only omitted, all passed")
            << 0ll << 2 << 1ll << 6ll << QList<qint64>{} << 6ll << false;
}

void tst_ApiSyncOwnRevisions::storePullOmitsOnlyTheNamedRevisions()
{
    QFETCH(qint64, cursor);
    QFETCH(int, limit);
    QFETCH(qint64, first);
    QFETCH(qint64, last);
    QFETCH(QList<qint64>, sent);
    QFETCH(qint64, nextCursor);
    QFETCH(bool, more);
    QCOMPARE(sync(syncBody("", changes(1, 6, "a")), m_ada).results.size(), 6);
    const auto page = m_store->pull(m_travel, cursor, limit, 0, {first, last});
    QVERIFY(page);
    QList<qint64> revs;
    for (const model::Revision &revision : page->changes)
        revs.append(revision.rev);
    QCOMPARE(revs, sent);
    QCOMPARE(page->cursor, nextCursor);
    QCOMPARE(page->more, more);
}

QTEST_GUILESS_MAIN(tst_ApiSyncOwnRevisions)
#include "tst_apisyncownrevisions.moc"
