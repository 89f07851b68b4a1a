#pragma once

#include <QObject>

#include <chrono>

class QTimer;

namespace inkwell::sync {

// Decides when a sync run should start and asks for it with syncRequested(). Triggers: syncNow()
// (always), the offline->online edge, a quiet period after local edits (debounced), and a period.
// With auto-sync off only syncNow() triggers. It never runs a sync itself.
class SyncScheduler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncScheduler)

public:
    enum class AutoSync { On, Off };
    enum class Reason { User, Reconnected, LocalEdit, Periodic };
    Q_ENUM(Reason)

    struct Options
    {
        std::chrono::milliseconds editDelay{3000}; // quiet time after the last local edit
        std::chrono::milliseconds period{std::chrono::minutes(5)}; // 0 = no periodic runs
        AutoSync autoSync = AutoSync::On;
    };

    explicit SyncScheduler(QObject *parent = nullptr);
    SyncScheduler(const Options &options, QObject *parent = nullptr);
    ~SyncScheduler() override;

    // Replaces every option; timers restart with the new intervals.
    void setOptions(const Options &options);
    void setAutoSync(AutoSync autoSync);
    // Changes only the period (0 or less = no periodic runs); the next periodic run comes one new
    // period from now. Other options and a pending edit are kept.
    void setPeriod(std::chrono::milliseconds period);
    AutoSync autoSync() const { return m_options.autoSync; }
    bool isOnline() const { return m_online; }
    const Options &options() const { return m_options; }

public Q_SLOTS:
    // Asks for a run at once, whatever the auto-sync setting and connectivity.
    void syncNow();
    // Connectivity edges, e.g. from net::ConnectivityMonitor::online()/offline().
    void setOnline();
    void setOffline();
    // A local edit happened; a run is asked for once edits have paused for editDelay.
    // Edits while offline are remembered and synced on the next online edge.
    void noteLocalEdit();

Q_SIGNALS:
    void syncRequested(inkwell::sync::SyncScheduler::Reason reason);
    // The connectivity edges passed to setOnline()/setOffline(), once per change.
    void onlineChanged(bool online);

private:
    void request(Reason reason);
    void onEditTimeout();
    void restartPeriodic();

    Options m_options;
    QTimer *m_editTimer;
    QTimer *m_periodTimer;
    bool m_online = true; // unknown counts as online: trying is cheap, waiting loses edits
    bool m_editPending = false;
};

} // namespace inkwell::sync
