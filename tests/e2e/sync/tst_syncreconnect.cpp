// Auto-sync on reconnect: the client starts while the server is down, a post is edited, the
// server comes up, and the post reaches it within 10 s without anyone pressing Sync.
#include "e2e/server/apiclient.h"
#include "net/connectivitymonitor.h"
#include "net/networktransport.h"
#include "net/threadedtransport.h"
#include "store/localstore.h"
#include "store/postrepository.h"
#include "support/serverlauncher.h"
#include "support/tempdir.h"
#include "sync/synccontroller.h"
#include "sync/syncscheduler.h"

#include <QSignalSpy>
#include <QTest>

using namespace inkwell;
using namespace inkwell::test;
using namespace std::chrono_literals;

class TestSyncReconnect : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void editMadeOfflineReachesTheServerWhenItComesUp()
    {
        ServerLauncher server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        QVERIFY(server.addUser(QStringLiteral("alice"), QStringLiteral("password")));
        const qint64 blog = server.addBlog(QStringLiteral("Blog"), QStringLiteral("alice"));
        QVERIFY(blog > 0);
        ApiClient api(server.baseUrl());
        QVERIFY(api.login(QStringLiteral("alice"), QStringLiteral("password")));
        const QUrl url = server.baseUrl();
        QVERIFY(server.stop());
        // The same address when it comes back.
        server.setServeArguments(
                {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(url.port())});

        TempDir dir;
        store::LocalStore store(dir.filePath(QStringLiteral("client.db")));
        QVERIFY(store.open());
        sync::SyncController controller(&store,
                                        [] { return std::make_unique<net::ThreadedTransport>(); });
        controller.setAccount({url, QString::fromLatin1(api.token()), {blog}});
        controller.scheduler()->setOptions({200ms, 0ms, sync::SyncScheduler::AutoSync::On});
        net::NetworkTransport probeTransport;
        net::ConnectivityMonitor::Options probing;
        probing.initialBackoff = 100ms;
        probing.maximumBackoff = 400ms;
        probing.probeTimeout = 1000ms;
        probing.systemHints = net::ConnectivityMonitor::SystemHints::Ignore;
        net::ConnectivityMonitor monitor(&probeTransport, url, probing);
        connect(&monitor, &net::ConnectivityMonitor::online, controller.scheduler(),
                &sync::SyncScheduler::setOnline);
        connect(&monitor, &net::ConnectivityMonitor::offline, controller.scheduler(),
                &sync::SyncScheduler::setOffline);
        QSignalSpy started(&controller, &sync::SyncController::started);
        monitor.start();
        QTRY_COMPARE_WITH_TIMEOUT(monitor.state(), net::ConnectivityMonitor::State::Offline, 5000);

        model::PostFields fields;
        fields.title = QStringLiteral("Written on the train");
        const auto post = store.posts().create(QString::number(blog), fields);
        QVERIFY(post);
        QTest::qWait(400); // past the edit delay: offline, so nothing is attempted
        QCOMPARE(started.size(), 0);

        QVERIFY2(server.start(), qPrintable(server.errorString()));
        QCOMPARE(server.baseUrl(), url);
        auto reachedServer = [&] {
            auto all = api.pullAll(blog);
            return all && std::any_of(all->cbegin(), all->cend(), [&](const model::Revision &r) {
                       return r.guid == post->guid && r.fields.title == fields.title;
                   });
        };
        QTRY_VERIFY_WITH_TIMEOUT(reachedServer(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(store.posts().post(post->guid)->syncStatus,
                                  model::SyncStatus::Synced, 5000);
    }
};

QTEST_GUILESS_MAIN(TestSyncReconnect)
#include "tst_syncreconnect.moc"
