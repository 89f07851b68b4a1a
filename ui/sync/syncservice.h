#pragma once

#include "model/error.h"

#include <QDateTime>
#include <QObject>
#include <QStringList>

namespace inkwell::ui {

// What the sync widgets need from the syncer: a small seam so the window works the same with the
// real engine (EngineSyncService), with no server at all (offline-only mode), and in tests.
// All signals are delivered on the GUI thread.
class SyncService : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncService)

public:
    enum class Connectivity { NotConfigured, Unknown, Online, Offline };
    Q_ENUM(Connectivity)

    ~SyncService() override = default;

    // Starts a sync run now, unless one is running; progress and the outcome arrive as signals.
    virtual void syncNow() = 0;
    virtual bool isSyncing() const = 0;
    virtual Connectivity connectivity() const = 0;
    // When the last run completed without error; invalid when never.
    virtual QDateTime lastSuccessfulSync() const = 0;
    // Turns automatic syncing (on reconnect, after edits, periodically) on or off.
    virtual void setAutoSync(bool enabled, int periodMinutes) = 0;
    // Tells the scheduler the writer changed something, so an automatic sync follows shortly.
    virtual void notifyLocalEdit() = 0;
    // Asks for an attachment of blog that is not stored locally yet (a cover in the merge
    // window); attachmentArrived() follows once it is stored. Without a server: nothing happens.
    virtual void requestAttachment(const QString &blog, const QString &sha256)
    {
        Q_UNUSED(blog);
        Q_UNUSED(sha256);
    }
    // The other members of blog who have post guid open and are typing in it, sorted and each
    // named once; empty without a server that reports presence. Information, never a lock.
    virtual QStringList editorsOf(const QString &blog, const QString &guid) const
    {
        Q_UNUSED(blog);
        Q_UNUSED(guid);
        return {};
    }

Q_SIGNALS:
    void started();
    // done of total steps (pages, uploads); total 0 means "busy, size unknown".
    void progressed(int done, int total);
    void finished(const QDateTime &at);
    void failed(const inkwell::Error &error);
    // The server refused a change of this post; the post keeps it and shows the error.
    void postFailed(const QString &guid, const inkwell::Error &error);
    // A change pulled from the server broke the protocol's rules and was not stored (guid empty
    // when it had no valid one); the rest of the run goes on. Arrives before the run's finished().
    void changeSkipped(const QString &guid, const inkwell::Error &error);
    void connectivityChanged(inkwell::ui::SyncService::Connectivity connectivity);
    // A requested attachment is now in the local store.
    void attachmentArrived(const QString &sha256);
    // The editors of these posts changed (see editorsOf).
    void presenceChanged(const QStringList &guids);
    // One line for the sync log window (no secrets).
    void logged(const QDateTime &at, const QString &message);

protected:
    explicit SyncService(QObject *parent = nullptr) : QObject(parent) { }
};

} // namespace inkwell::ui
