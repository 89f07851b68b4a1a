// When runs are asked for: Sync now, the reconnect edge, a quiet period after edits, a period;
// nothing automatic with auto-sync off. Intervals are shrunk so the tests stay fast.
#include "sync/syncscheduler.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace inkwell::sync;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(inkwell::sync::SyncScheduler::Reason)

namespace {

SyncScheduler::Options fast(SyncScheduler::AutoSync autoSync = SyncScheduler::AutoSync::On)
{
    SyncScheduler::Options options;
    options.editDelay = 40ms;
    options.period = 0ms;
    options.autoSync = autoSync;
    return options;
}

SyncScheduler::Reason reasonAt(const QSignalSpy &spy, int index)
{
    return spy.at(index).first().value<SyncScheduler::Reason>();
}

} // namespace

class TestSyncScheduler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void syncNowAlwaysAsks_data()
    {
        QTest::addColumn<SyncScheduler::AutoSync>("autoSync");
        QTest::newRow("auto-sync on") << SyncScheduler::AutoSync::On;
        QTest::newRow("auto-sync off") << SyncScheduler::AutoSync::Off;
    }
    void syncNowAlwaysAsks()
    {
        QFETCH(SyncScheduler::AutoSync, autoSync);
        SyncScheduler scheduler(fast(autoSync));
        QSignalSpy requested(&scheduler, &SyncScheduler::syncRequested);
        scheduler.setOffline();
        scheduler.syncNow();
        QCOMPARE(requested.size(), 1);
        QCOMPARE(reasonAt(requested, 0), SyncScheduler::Reason::User);
    }

    void editsAreDebouncedIntoOneRun()
    {
        auto options = fast();
        options.editDelay = 200ms; // far above the 10 ms between edits, even on a busy machine
        SyncScheduler scheduler(options);
        QSignalSpy requested(&scheduler, &SyncScheduler::syncRequested);
        for (int i = 0; i < 5; ++i) {
            scheduler.noteLocalEdit();
            QTest::qWait(10);
        }
        // Edits 10 ms apart keep restarting the quiet period: nothing yet.
        QCOMPARE(requested.size(), 0);
        QElapsedTimer sinceLastEdit;
        scheduler.noteLocalEdit();
        sinceLastEdit.start();
        QVERIFY(requested.wait(2000));
        QVERIFY(sinceLastEdit.elapsed() >= 180); // 200 ms, less the slack of a coarse timer
        QCOMPARE(requested.size(), 1);
        QCOMPARE(reasonAt(requested, 0), SyncScheduler::Reason::LocalEdit);
        QTest::qWait(100);
        QCOMPARE(requested.size(), 1);
    }

    void reconnectEdgeAsksOnce()
    {
        SyncScheduler scheduler(fast());
        QSignalSpy requested(&scheduler, &SyncScheduler::syncRequested);
        scheduler.setOnline(); // already counted as online: no edge
        QCOMPARE(requested.size(), 0);
        scheduler.setOffline();
        scheduler.setOnline();
        scheduler.setOnline();
        QCOMPARE(requested.size(), 1);
        QCOMPARE(reasonAt(requested, 0), SyncScheduler::Reason::Reconnected);
    }

    void editsWhileOfflineSyncOnReconnect()
    {
        SyncScheduler scheduler(fast());
        QSignalSpy requested(&scheduler, &SyncScheduler::syncRequested);
        scheduler.setOffline();
        scheduler.noteLocalEdit();
        QTest::qWait(100);
        QCOMPARE(requested.size(), 0);
        scheduler.setOnline();
        QCOMPARE(requested.size(), 1);
        QCOMPARE(reasonAt(requested, 0), SyncScheduler::Reason::Reconnected);
    }

    void periodicRunsOnlyWhileOnline()
    {
        auto options = fast();
        options.period = 30ms;
        SyncScheduler scheduler(options);
        QSignalSpy requested(&scheduler, &SyncScheduler::syncRequested);
        QTRY_VERIFY_WITH_TIMEOUT(requested.size() >= 2, 2000);
        QCOMPARE(reasonAt(requested, 0), SyncScheduler::Reason::Periodic);
        scheduler.setOffline();
        const auto seen = requested.size();
        QTest::qWait(120);
        QCOMPARE(requested.size(), seen);
    }

    void setPeriodStartsAndStopsPeriodicRuns()
    {
        SyncScheduler scheduler(fast()); // no period
        QSignalSpy requested(&scheduler, &SyncScheduler::syncRequested);
        scheduler.setPeriod(20ms);
        QCOMPARE(scheduler.options().period, 20ms);
        QCOMPARE(scheduler.options().editDelay, 40ms); // the other options are kept
        QTRY_VERIFY_WITH_TIMEOUT(requested.size() >= 3, 2000);
        QCOMPARE(reasonAt(requested, requested.size() - 1), SyncScheduler::Reason::Periodic);
        scheduler.setPeriod(0ms);
        const auto seen = requested.size();
        QTest::qWait(120);
        QCOMPARE(requested.size(), seen);
        scheduler.setPeriod(-5ms);
        QCOMPARE(scheduler.options().period, 0ms);
    }

    void setPeriodAppliesOnlyWhileAutoSyncIsOn()
    {
        SyncScheduler scheduler(fast(SyncScheduler::AutoSync::Off));
        QSignalSpy requested(&scheduler, &SyncScheduler::syncRequested);
        scheduler.setPeriod(20ms);
        QTest::qWait(120);
        QCOMPARE(requested.size(), 0);
        scheduler.setAutoSync(SyncScheduler::AutoSync::On);
        QVERIFY(requested.wait(2000));
        QCOMPARE(reasonAt(requested, 0), SyncScheduler::Reason::Periodic);
    }

    void autoSyncOffIgnoresEverythingButSyncNow()
    {
        auto options = fast(SyncScheduler::AutoSync::Off);
        options.period = 20ms;
        SyncScheduler scheduler(options);
        QSignalSpy requested(&scheduler, &SyncScheduler::syncRequested);
        scheduler.noteLocalEdit();
        scheduler.setOffline();
        scheduler.setOnline();
        QTest::qWait(120);
        QCOMPARE(requested.size(), 0);
        scheduler.setAutoSync(SyncScheduler::AutoSync::On);
        scheduler.noteLocalEdit();
        QVERIFY(requested.wait(2000));
    }
};

QTEST_GUILESS_MAIN(TestSyncScheduler)
#include "tst_syncscheduler.moc"
