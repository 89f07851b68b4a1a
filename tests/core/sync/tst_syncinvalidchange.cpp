// A pulled page with a post that breaks the protocol's rules (as an older server stored it):
// the rest of the page is stored, the cursor moves past it, the post is reported, syncing never
// stops, and once its author fixes it on the server the next change applies as usual.
#include "syncfixture.h"

#include "store/syncrepository.h"
#include "sync/syncaccount.h"

#include <QSignalSpy>
#include <QTest>

using namespace inkwell;
using namespace inkwell::test;

class tst_SyncInvalidChange : public FakeServerTest
{
    Q_OBJECT

private:
    qint64 cursorOf(SyncClient &client)
    {
        const sync::SyncAccount account{
                QUrl(QStringLiteral("http://fake.invalid")), m_token, {m_blog}};
        return client.store().sync().cursor(account.serverKey(), QString::number(m_blog)).value();
    }

private Q_SLOTS:
    void init() { startServer(QStringLiteral("Blog")); }

    void invalidPostsAreSkippedReportedAndLaterFixed_data()
    {
        QTest::addColumn<int>("pageSize");
        QTest::newRow("one page") << 100;
        QTest::newRow("pages of two") << 2;
    }
    void invalidPostsAreSkippedReportedAndLaterFixed()
    {
        QFETCH(int, pageSize);
        m_server->pageSize = pageSize;
        m_server->writePost(m_blog, numberedGuid(1), titled(QStringLiteral("first")));
        // A new post's tombstone with a title past the limit, and a live post with duplicate
        // tags: both written unchecked, as an older server did.
        m_server->writePost(m_blog, numberedGuid(2), titled(QString(1001, u'x')));
        m_server->blog(m_blog).posts[numberedGuid(2)].deleted = true;
        model::PostFields twice = titled(QStringLiteral("tags"));
        twice.tags = {QStringLiteral("a"), QStringLiteral("a")};
        m_server->writePost(m_blog, numberedGuid(3), twice);
        m_server->writePost(m_blog, numberedGuid(4), titled(QStringLiteral("last")));

        auto client = newClient();
        QSignalSpy skipped(&client->engine(), &sync::SyncEngine::changeSkipped);
        const auto result = client->sync();
        QVERIFY2(result, qPrintable(client->lastError().message));
        QCOMPARE(result->pulled, 2);
        QCOMPARE(result->skipped, QStringList({numberedGuid(2), numberedGuid(3)}));
        QCOMPARE(skipped.size(), 2);
        QCOMPARE(skipped.at(0).at(0).toString(), numberedGuid(2));
        QVERIFY2(skipped.at(0).at(1).value<Error>().message.contains(u"title"),
                 qPrintable(skipped.at(0).at(1).value<Error>().message));
        QCOMPARE(skipped.at(1).at(0).toString(), numberedGuid(3));
        QVERIFY(skipped.at(1).at(1).value<Error>().message.contains(u"duplicate tag"));
        QCOMPARE(client->post(numberedGuid(1)).fields.title, QStringLiteral("first"));
        QCOMPARE(client->post(numberedGuid(4)).fields.title, QStringLiteral("last"));
        QVERIFY(client->post(numberedGuid(2)).guid.isEmpty());
        QVERIFY(client->post(numberedGuid(3)).guid.isEmpty());
        QCOMPARE(cursorOf(*client), m_server->blog(m_blog).counter);

        // The next run starts after them: nothing to report again, nothing stuck.
        const auto again = client->sync();
        QVERIFY2(again, qPrintable(client->lastError().message));
        QCOMPARE(again->skipped, QStringList());
        QCOMPARE(again->pulled, 0);

        // The author fixes the post on the server: its next revision applies as usual.
        m_server->writePost(m_blog, numberedGuid(3), titled(QStringLiteral("fixed")));
        const auto fixed = client->sync();
        QVERIFY2(fixed, qPrintable(client->lastError().message));
        QCOMPARE(fixed->pulled, 1);
        QCOMPARE(fixed->skipped, QStringList());
        QCOMPARE(client->post(numberedGuid(3)).fields.title, QStringLiteral("fixed"));
        QCOMPARE(client->post(numberedGuid(3)).rev, m_server->post(m_blog, numberedGuid(3)).rev);
        QCOMPARE(client->post(numberedGuid(3)).syncStatus, model::SyncStatus::Synced);
        m_server->blog(m_blog).posts[numberedGuid(2)].fields = titled(QStringLiteral("gone"));
        QCOMPARE(differenceFromServer(*client, *m_server, m_blog), QString());
    }
};

QTEST_GUILESS_MAIN(tst_SyncInvalidChange)
#include "tst_syncinvalidchange.moc"
