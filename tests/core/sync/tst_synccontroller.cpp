// The GUI-thread controller: the engine runs on its worker thread, local edits (and only those,
// not the engine's own writes) start a run after the quiet period, results come back queued.
#include "syncfixture.h"

#include "store/localstore.h"
#include "store/postquery.h"
#include "store/postrepository.h"
#include "sync/synccontroller.h"
#include "sync/syncscheduler.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace inkwell;
using namespace inkwell::test;
using namespace std::chrono_literals;

class TestSyncController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void localEditSyncsOnTheWorkerThreadWithoutRetriggering()
    {
        TempDir dir;
        FakeServer server;
        const QString token = server.addUser(QStringLiteral("alice"));
        const qint64 blog = server.addBlog(QStringLiteral("Blog"));
        const QString other = model::createGuid();
        server.writePost(blog, other, model::PostFields{QStringLiteral("Pulled"), {}, {}, {}, {}});
        store::LocalStore store(dir.filePath(QStringLiteral("c.db")));
        QVERIFY(store.open());

        QThread *transportThread = nullptr;
        sync::SyncController controller(&store, [&] {
            transportThread = QThread::currentThread();
            return std::make_unique<FakeServerTransport>(&server);
        });
        controller.setOptions(fastOptions());
        controller.setAccount({QUrl(QStringLiteral("http://fake.invalid")), token, {blog}});
        controller.scheduler()->setOptions({30ms, 0ms, sync::SyncScheduler::AutoSync::On});
        QSignalSpy started(&controller, &sync::SyncController::started);
        QSignalSpy finished(&controller, &sync::SyncController::finished);

        model::PostFields fields;
        fields.title = QStringLiteral("Typed in the editor");
        const auto post = store.posts().create(QString::number(blog), fields);
        QVERIFY(post);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 5000);
        QVERIFY(transportThread && transportThread != QThread::currentThread());
        QVERIFY(!controller.isRunning());
        QCOMPARE(finished.first().first().value<sync::SyncResult>().pushed, 1);
        QCOMPARE(finished.first().first().value<sync::SyncResult>().pulled, 1);
        // The run wrote acknowledgements and a pulled post; none of it is a local edit.
        QTest::qWait(200);
        QCOMPARE(started.size(), 1);
        QCOMPARE(store.posts().post(post->guid)->syncStatus, model::SyncStatus::Synced);
        QCOMPARE(store.posts().post(other)->fields.title, QStringLiteral("Pulled"));
    }

    // Posts noted for the full-text index by an earlier process (a CLI sync, a crash, the
    // upgrade to local store version 8, which rebuilds the index from scratch) are indexed once
    // the controller starts, signed in or not.
    void startingIndexesWhatAnEarlierProcessLeftBehind()
    {
        TempDir dir;
        store::LocalStore store(dir.filePath(QStringLiteral("c.db")));
        QVERIFY(store.open());
        const int count = int(store::LocalStore::SearchIndexBatch) * 2 + 10;
        QVERIFY(store.write(
                [&]() -> Result<void> {
                    for (int i = 0; i < count; ++i) {
                        model::PostFields fields;
                        fields.title = QStringLiteral("Lighthouse %1").arg(i);
                        if (auto post = store.posts().create(QString(), fields); !post)
                            return post.error();
                    }
                    return {};
                },
                store::LocalStore::SearchIndexing::Later));
        QCOMPARE(store.searchIndexBacklog(count + 1).value(), count);
        store::PostQuery all;
        all.limit = count + 1;
        QVERIFY(store.posts().search(QStringLiteral("lighthouse"), all)->isEmpty());

        FakeServer server;
        sync::SyncController controller(
                &store, [&] { return std::make_unique<FakeServerTransport>(&server); });
        QTRY_COMPARE_WITH_TIMEOUT(store.searchIndexBacklog(1).value(), 0, 10000);
        QCOMPARE(store.posts().search(QStringLiteral("lighthouse"), all)->size(), count);
    }

    // A request that fails transiently is reported on the GUI thread before it is retried, so
    // the editor can check connectivity at once instead of after the run's last retry.
    void transientFailureIsReportedBeforeTheRetry()
    {
        TempDir dir;
        FakeServer server;
        const QString token = server.addUser(QStringLiteral("alice"));
        const qint64 blog = server.addBlog(QStringLiteral("Blog"));
        store::LocalStore store(dir.filePath(QStringLiteral("c.db")));
        QVERIFY(store.open());
        sync::SyncController controller(&store, [&] {
            auto transport = std::make_unique<FakeServerTransport>(&server);
            transport->injectFault(QStringLiteral("/sync"),
                                   FakeServerTransport::Fault::RefusedConnection);
            return transport;
        });
        controller.setOptions(fastOptions());
        controller.setAccount({QUrl(QStringLiteral("http://fake.invalid")), token, {blog}});
        QSignalSpy retrying(&controller, &sync::SyncController::retrying);
        QSignalSpy finished(&controller, &sync::SyncController::finished);
        controller.syncNow();
        QVERIFY(finished.wait(5000));
        QCOMPARE(retrying.size(), 1);
        QCOMPARE(retrying.first().first().value<Error>().code, ErrorCode::Network);
        QCOMPARE(finished.first().first().value<sync::SyncResult>().retries, 1);
    }

    void syncNowWithoutAccountFailsClearly()
    {
        TempDir dir;
        store::LocalStore store(dir.filePath(QStringLiteral("c.db")));
        QVERIFY(store.open());
        FakeServer server;
        sync::SyncController controller(
                &store, [&] { return std::make_unique<FakeServerTransport>(&server); });
        QSignalSpy failed(&controller, &sync::SyncController::failed);
        controller.syncNow();
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.first().first().value<Error>().code, ErrorCode::Unauthorized);
    }
};

QTEST_GUILESS_MAIN(TestSyncController)
#include "tst_synccontroller.moc"
