// A writer who belongs to two blogs, and a colleague in blog B who pushes a post whose guid the
// writer already keeps in blog A (the server keys posts by blog and guid): the writer's sync of
// both blogs goes on, the clashing change is skipped and reported, the rest of its page is stored,
// the cursor moves past it and the post in blog A is untouched.
#include "syncfixture.h"

#include "store/postrepository.h"
#include "store/syncrepository.h"
#include "sync/syncaccount.h"

#include <QSignalSpy>
#include <QTest>

using namespace inkwell;
using namespace inkwell::test;

class tst_SyncGuidClash : public FakeServerTest
{
    Q_OBJECT

private:
    sync::SyncAccount account() const
    {
        return {QUrl(QStringLiteral("http://fake.invalid")), m_token, {m_blog, m_blogB}};
    }
    std::unique_ptr<EngineReplica> newWriter()
    {
        return std::make_unique<EngineReplica>(
                m_dir.filePath(QStringLiteral("writer%1.db").arg(++m_writers)),
                std::make_unique<FakeServerTransport>(m_server.get()), account(), fastOptions(),
                std::chrono::seconds(20));
    }
    qint64 cursorOf(EngineReplica &writer, qint64 blog)
    {
        return writer.store().sync().cursor(account().serverKey(), QString::number(blog)).value();
    }

    qint64 m_blogB = 0;
    int m_writers = 0;

private Q_SLOTS:
    void init()
    {
        startServer(QStringLiteral("A"));
        m_blogB = m_server->addBlog(QStringLiteral("B"));
    }

    void clashingGuidIsSkippedAndBothBlogsKeepSyncing_data()
    {
        QTest::addColumn<int>("pageSize");
        QTest::newRow("one page") << 100;
        QTest::newRow("pages of two") << 2;
    }
    void clashingGuidIsSkippedAndBothBlogsKeepSyncing()
    {
        QFETCH(int, pageSize);
        m_server->pageSize = pageSize;
        m_server->writePost(m_blog, numberedGuid(1), titled(QStringLiteral("in A")));
        m_server->writePost(m_blogB, numberedGuid(2), titled(QStringLiteral("first in B")));
        auto writer = newWriter();
        const auto first = writer->sync();
        QVERIFY2(first, qPrintable(writer->lastError().message));
        QCOMPARE(first->pulled, 2);

        // A colleague in blog B pushes a post with the guid of the writer's post in blog A,
        // between two ordinary changes of blog B.
        m_server->writePost(m_blogB, numberedGuid(3), titled(QStringLiteral("before")));
        m_server->writePost(m_blogB, numberedGuid(1), titled(QStringLiteral("clash")));
        m_server->writePost(m_blogB, numberedGuid(4), titled(QStringLiteral("after")));
        QSignalSpy skipped(&writer->engine(), &sync::SyncEngine::changeSkipped);
        const auto clash = writer->sync();
        QVERIFY2(clash, qPrintable(writer->lastError().message));
        QCOMPARE(clash->pulled, 2);
        QCOMPARE(clash->skipped, QStringList{numberedGuid(1)});
        QCOMPARE(skipped.size(), 1);
        QCOMPARE(skipped.at(0).at(0).toString(), numberedGuid(1));
        const Error error = skipped.at(0).at(1).value<Error>();
        QVERIFY2(error.message.contains(u"exists in another blog"), qPrintable(error.message));
        QCOMPARE(writer->post(numberedGuid(3)).blog, QString::number(m_blogB));
        QCOMPARE(writer->post(numberedGuid(4)).fields.title, QStringLiteral("after"));
        const model::Post kept = writer->post(numberedGuid(1));
        QCOMPARE(kept.blog, QString::number(m_blog));
        QCOMPARE(kept.fields.title, QStringLiteral("in A"));
        QCOMPARE(kept.rev, m_server->post(m_blog, numberedGuid(1)).rev);
        QCOMPARE(kept.syncStatus, model::SyncStatus::Synced);
        QCOMPARE(cursorOf(*writer, m_blogB), m_server->blog(m_blogB).counter);

        // Both blogs keep syncing: nothing reported twice, new changes on either side apply, and
        // the writer's own edit of the post in blog A goes to blog A.
        m_server->writePost(m_blogB, numberedGuid(5), titled(QStringLiteral("later in B")));
        m_server->writePost(m_blog, numberedGuid(6), titled(QStringLiteral("later in A")));
        writer->edit(numberedGuid(1), [](model::PostFields &fields) {
            fields.body = QStringLiteral("edited by the writer");
        });
        const auto later = writer->sync();
        QVERIFY2(later, qPrintable(writer->lastError().message));
        QCOMPARE(later->skipped, QStringList());
        QCOMPARE(later->pulled, 2);
        QCOMPARE(later->pushed, 1);
        QCOMPARE(writer->post(numberedGuid(5)).blog, QString::number(m_blogB));
        QCOMPARE(writer->post(numberedGuid(6)).blog, QString::number(m_blog));
        QCOMPARE(m_server->post(m_blog, numberedGuid(1)).fields.body,
                 QStringLiteral("edited by the writer"));
        QCOMPARE(m_server->post(m_blogB, numberedGuid(1)).fields.title, QStringLiteral("clash"));
        QCOMPARE(writer->post(numberedGuid(1)).syncStatus, model::SyncStatus::Synced);
        QCOMPARE(cursorOf(*writer, m_blog), m_server->blog(m_blog).counter);
        QCOMPARE(cursorOf(*writer, m_blogB), m_server->blog(m_blogB).counter);
        QCOMPARE(writer->pendingCount(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_SyncGuidClash)
#include "tst_syncguidclash.moc"
