// Live updates as stories against the in-memory server: a change elsewhere wakes the parked poll
// and leads to exactly one run through the engine; this client's own push needs no second run;
// failures back off and recover; a server without live updates leaves only the scheduled sync.
#include "syncfixture.h"

#include "store/postrepository.h"
#include "store/syncrepository.h"
#include "support/fakelivetransport.h"
#include "sync/livechannel.h"
#include "sync/synccontroller.h"
#include "sync/syncscheduler.h"

#include <QSignalSpy>
#include <QTest>

using namespace inkwell;
using namespace inkwell::test;
using namespace std::chrono_literals;

namespace {

sync::LiveChannel::Options fastLive()
{
    sync::LiveChannel::Options options;
    options.pollTimeout = 20s; // parked polls are answered by wake() in these tests
    options.initialBackoff = 5ms;
    options.maximumBackoff = 40ms;
    return options;
}

} // namespace

class TestLiveChannel : public FakeServerTest
{
    Q_OBJECT

private:
    // A client with its engine and a channel wired to it as the sync worker wires them.
    struct LiveClient
    {
        std::unique_ptr<SyncClient> client;
        std::unique_ptr<FakeLiveTransport> transport;
        std::unique_ptr<sync::LiveChannel> live;
    };

    LiveClient newLiveClient()
    {
        LiveClient c;
        c.client = newClient();
        c.transport = std::make_unique<FakeLiveTransport>(m_server.get());
        c.live = std::make_unique<sync::LiveChannel>(&c.client->store(), c.transport.get());
        c.live->setOptions(fastLive());
        c.live->setAccount(c.client->engine().account());
        sync::SyncEngine *engine = &c.client->engine();
        sync::LiveChannel *live = c.live.get();
        connect(live, &sync::LiveChannel::syncRequested, engine, &sync::SyncEngine::requestSync);
        connect(engine, &sync::SyncEngine::started, live, &sync::LiveChannel::syncStarted);
        connect(engine, &sync::SyncEngine::finished, live, &sync::LiveChannel::syncFinished);
        connect(engine, &sync::SyncEngine::failed, live, &sync::LiveChannel::syncFailed);
        return c;
    }

    qint64 cursor(SyncClient &client)
    {
        return *client.store().sync().cursor(client.engine().account().serverKey(),
                                             client.blogKey());
    }

private Q_SLOTS:
    void init() { startServer(QStringLiteral("Blog")); }

    void changeElsewhereLeadsToOneRun()
    {
        auto c = newLiveClient();
        QVERIFY(c.client->sync());
        QSignalSpy started(&c.client->engine(), &sync::SyncEngine::started);
        QSignalSpy finished(&c.client->engine(), &sync::SyncEngine::finished);
        c.live->start();
        QTRY_COMPARE(c.transport->parkedCount(), 1);
        QCOMPARE(c.live->state(), sync::LiveChannel::State::Connected);
        QCOMPARE(c.transport->parkedRevision(m_blog), 0);

        const QString guid = numberedGuid(1);
        const qint64 rev = m_server->writePost(m_blog, guid, titled(QStringLiteral("Elsewhere")));
        c.transport->wake();

        QVERIFY(finished.wait(5000));
        QCOMPARE(c.client->post(guid).fields.title, QStringLiteral("Elsewhere"));
        QCOMPARE(cursor(*c.client), rev);
        // Parked again, now for the next change after it.
        QTRY_COMPARE(c.transport->parkedRevision(m_blog), rev);
        QCOMPARE(started.size(), 1);
        QCOMPARE(differenceFromServer(*c.client, *m_server, m_blog), QString());
    }

    void ownPushNeedsNoSecondRun()
    {
        auto c = newLiveClient();
        QVERIFY(c.client->sync());
        c.live->start();
        QTRY_COMPARE(c.transport->parkedCount(), 1);
        QSignalSpy started(&c.client->engine(), &sync::SyncEngine::started);

        c.client->create(QStringLiteral("Mine"));
        QVERIFY(c.client->sync());
        c.transport->wake(); // the server tells every waiter of the new revision, us too
        QTRY_COMPARE(c.transport->parkedRevision(m_blog), m_server->blog(m_blog).counter);
        QCOMPARE(started.size(), 1);
    }

    void answerDuringARunIsCoveredByAFollowUp()
    {
        auto c = newLiveClient();
        QVERIFY(c.client->sync());
        c.live->start();
        QTRY_COMPARE(c.transport->parkedCount(), 1);
        QSignalSpy started(&c.client->engine(), &sync::SyncEngine::started);
        QSignalSpy finished(&c.client->engine(), &sync::SyncEngine::finished);

        // A run starts; a change elsewhere lands after its pull and is announced meanwhile.
        c.client->engine().requestSync();
        QCOMPARE(started.size(), 1);
        const QString guid = numberedGuid(2);
        m_server->writePost(m_blog, guid, titled(QStringLiteral("During")));
        c.transport->wake();

        QTRY_COMPARE(c.client->post(guid).fields.title, QStringLiteral("During"));
        QTRY_COMPARE(c.transport->parkedRevision(m_blog), m_server->blog(m_blog).counter);
        QVERIFY(started.size() <= 2); // never more than the one follow-up
        QTRY_COMPARE(finished.size(), started.size());
    }

    void quietTimeoutPollsAgainWithoutRun()
    {
        auto c = newLiveClient();
        QVERIFY(c.client->sync());
        auto options = fastLive();
        options.pollTimeout = 1s;
        c.live->setOptions(options);
        QSignalSpy started(&c.client->engine(), &sync::SyncEngine::started);
        QSignalSpy answered(c.live.get(), &sync::LiveChannel::answered);
        c.live->start();
        // The first answer comes at once (it brings the presence), the next at the timeout.
        QTRY_VERIFY_WITH_TIMEOUT(answered.size() >= 2, 5000);
        QTRY_COMPARE(c.transport->parkedCount(), 1);
        QCOMPARE(started.size(), 0);
    }

    void failedPollsBackOffAndRecover_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("connection refused") << 0;
        QTest::newRow("503 full") << 503;
        QTest::newRow("500") << 500;
        QTest::newRow("cut-off answer") << 200;
    }

    void failedPollsBackOffAndRecover()
    {
        QFETCH(int, status);
        auto c = newLiveClient();
        QVERIFY(c.client->sync());
        c.transport->failPolls(4, status);
        QSignalSpy states(c.live.get(), &sync::LiveChannel::stateChanged);
        c.live->start();
        QTRY_COMPARE(c.transport->parkedCount(), 1);
        QVERIFY(c.transport->pollCount() >= 5);
        QVERIFY(states.contains(
                QVariantList{QVariant::fromValue(sync::LiveChannel::State::Reconnecting)}));
        QCOMPARE(c.live->state(), sync::LiveChannel::State::Connected);

        // A change made while it was failing still arrives.
        const QString guid = numberedGuid(3);
        m_server->writePost(m_blog, guid, titled(QStringLiteral("After")));
        c.transport->wake();
        QTRY_COMPARE(c.client->post(guid).fields.title, QStringLiteral("After"));
    }

    // Each wait is drawn between half and all of an interval that doubles up to the maximum.
    void failuresBackOffExponentiallyWithJitter()
    {
        auto c = newLiveClient();
        auto options = fastLive();
        options.initialBackoff = 20ms;
        options.maximumBackoff = 80ms;
        c.live->setOptions(options);
        c.transport->failPolls(5);
        QSignalSpy scheduled(c.live.get(), &sync::LiveChannel::retryScheduled);
        c.live->start();
        QTRY_COMPARE(c.transport->parkedCount(), 1);
        QCOMPARE(scheduled.size(), 5);
        const QList<qint64> intervals{20, 40, 80, 80, 80};
        for (int i = 0; i < intervals.size(); ++i) {
            const auto delay = scheduled.at(i).at(0).value<std::chrono::milliseconds>().count();
            QVERIFY2(delay >= intervals[i] / 2 && delay <= intervals[i],
                     qPrintable(QStringLiteral("wait %1: %2 ms").arg(i).arg(delay)));
        }
    }

    void fullServerIsAskedAgainNoSoonerThanItSays()
    {
        auto c = newLiveClient();
        c.transport->retryAfterSeconds = 2;
        c.transport->failPolls(1, 503);
        QSignalSpy scheduled(c.live.get(), &sync::LiveChannel::retryScheduled);
        c.live->start();
        QVERIFY(scheduled.wait(5000));
        QVERIFY(scheduled.first().at(0).value<std::chrono::milliseconds>() >= 2000ms);
        QCOMPARE(c.live->state(), sync::LiveChannel::State::Reconnecting);
        c.live->stop(); // no need to wait the two seconds out
    }

    void serverRestartDuringAParkedPoll()
    {
        auto c = newLiveClient();
        QVERIFY(c.client->sync());
        c.live->start();
        QTRY_COMPARE(c.transport->parkedCount(), 1);
        // The server goes away (the parked poll's connection drops, two reconnects are refused)
        // and comes back with a change made meanwhile.
        const QString guid = numberedGuid(4);
        m_server->writePost(m_blog, guid, titled(QStringLiteral("Restarted")));
        c.transport->failPolls(2);
        c.transport->dropParked();
        QTRY_COMPARE(c.client->post(guid).fields.title, QStringLiteral("Restarted"));
        QTRY_COMPARE(c.transport->parkedCount(), 1);
        QVERIFY(c.transport->pollCount() >= 4); // the drop, two refused, the one that answered
    }

    void serverWithoutCapabilitiesMeansNoLive_data()
    {
        QTest::addColumn<bool>("answersCapabilities");
        QTest::newRow("404: older server") << false;
        QTest::newRow("no live feature") << true;
    }

    void serverWithoutCapabilitiesMeansNoLive()
    {
        QFETCH(bool, answersCapabilities);
        auto c = newLiveClient();
        if (answersCapabilities)
            c.transport->features = QStringList{QStringLiteral("history")};
        else
            c.transport->features.reset();
        c.live->start();
        QTRY_COMPARE(c.live->state(), sync::LiveChannel::State::Unsupported);
        QCOMPARE(c.transport->pollCount(), 0);
        // The scheduled sync works as before.
        m_server->writePost(m_blog, numberedGuid(5), titled(QStringLiteral("Scheduled")));
        QVERIFY(c.client->sync());
        QCOMPARE(c.client->post(numberedGuid(5)).fields.title, QStringLiteral("Scheduled"));
        QCOMPARE(c.transport->pollCount(), 0);
    }

    void stopCancelsEveryPoll()
    {
        auto c = newLiveClient();
        c.live->start();
        QTRY_COMPARE(c.transport->parkedCount(), 1);
        c.live->stop();
        QCOMPARE(c.transport->parkedCount(), 0);
        QCOMPARE(c.live->state(), sync::LiveChannel::State::Stopped);
        m_server->writePost(m_blog, numberedGuid(6), titled(QStringLiteral("Unseen")));
        c.transport->wake();
        QSignalSpy started(&c.client->engine(), &sync::SyncEngine::started);
        QTest::qWait(50); // nothing may happen; there is no signal to wait for
        QCOMPARE(started.size(), 0);
    }

    void signedOutStops()
    {
        auto c = newLiveClient();
        c.transport->failPolls(1, 401);
        c.live->start();
        QTRY_COMPARE(c.live->state(), sync::LiveChannel::State::Stopped);
        QCOMPARE(c.transport->pollCount(), 1);
    }

    void presenceIsReportedAndItsTokenSentBack()
    {
        auto c = newLiveClient();
        QVERIFY(c.client->sync());
        QSignalSpy presence(c.live.get(), &sync::LiveChannel::presenceChanged);
        c.live->start();
        QTRY_COMPARE(c.transport->parkedCount(), 1);
        QCOMPARE(presence.size(), 1); // the first answer, at once: nobody there
        presence.clear();
        const protocol::PresenceEntry anna{numberedGuid(7), QStringLiteral("anna"),
                                           QStringLiteral("editing"), 30};
        c.transport->presence[m_blog] = {anna};
        c.transport->presenceTokens[m_blog] = QStringLiteral("p1");
        c.transport->wake();
        QTRY_VERIFY(!presence.isEmpty());
        const auto last = presence.constLast();
        QCOMPARE(last.at(0).toLongLong(), m_blog);
        QCOMPARE(last.at(1).value<QList<protocol::PresenceEntry>>(), QList{anna});
        QCOMPARE(last.at(2).toString(), QStringLiteral("p1"));
        QTRY_COMPARE(c.transport->parkedCount(), 1);
        QVERIFY(c.transport->requests.constLast().url.query().contains(u"presence=p1"));
    }

    // The controller runs the channel on its worker thread while online, and stops it offline.
    void controllerFollowsConnectivity()
    {
        store::LocalStore store(m_dir.filePath(QStringLiteral("controller.db")));
        QVERIFY(store.open());
        QList<FakeLiveTransport *> liveTransports;
        int made = 0;
        sync::SyncController controller(&store, [&]() -> std::unique_ptr<net::Transport> {
            if (made++ == 0)
                return std::make_unique<FakeServerTransport>(m_server.get());
            auto transport = std::make_unique<FakeLiveTransport>(m_server.get());
            liveTransports.append(transport.get());
            return transport;
        });
        controller.setOptions(fastOptions());
        controller.setLiveOptions(fastLive());
        controller.setLiveUpdates(sync::SyncController::LiveUpdates::On);
        QSignalSpy finished(&controller, &sync::SyncController::finished);
        controller.setAccount({QUrl(QStringLiteral("http://fake.invalid")), m_token, {m_blog}});
        QTRY_COMPARE(controller.liveState(), sync::LiveChannel::State::Connected);

        m_server->writePost(m_blog, numberedGuid(8), titled(QStringLiteral("Live")));
        QMetaObject::invokeMethod(liveTransports.constFirst(), &FakeLiveTransport::wake);
        QVERIFY(finished.wait(5000));
        QCOMPARE(store.posts().post(numberedGuid(8))->fields.title, QStringLiteral("Live"));

        controller.scheduler()->setOffline();
        QTRY_COMPARE(controller.liveState(), sync::LiveChannel::State::Stopped);
        controller.scheduler()->setOnline();
        QTRY_COMPARE(controller.liveState(), sync::LiveChannel::State::Connected);
    }
};

QTEST_GUILESS_MAIN(TestLiveChannel)
#include "tst_livechannel.moc"
