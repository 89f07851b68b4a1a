#pragma once

#include "model/post.h"
#include "model/result.h"
#include "protocol/sync.h"
#include "sync/pendingqueue.h"
#include "sync/restorerecovery.h"
#include "sync/syncaccount.h"
#include "sync/syncoptions.h"
#include "sync/syncprogress.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <chrono>

#include <functional>
#include <optional>

namespace inkwell::net {
class Transport;
}
namespace inkwell::store {
class LocalStore;
}

namespace inkwell::sync {

class RetryingSender;
struct ApplyReport;

// One sync run over every blog of an account: per blog, rounds of (upload missing attachments
// of the changes about to be pushed, one sync request pushing them and pulling a page, apply
// the answer in one transaction) until nothing is left to push or pull; the covers of pulled
// posts are downloaded meanwhile and waited for at the end. Strictly asynchronous; finishes
// exactly once.
class SyncRun final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncRun)

public:
    using Done = std::function<void(const Result<SyncResult> &)>;

    // knownBlobs: hashes the server is known to hold; shared across runs, extended by this run.
    // unacknowledged: pushes without an answer (see ChangeApplier), shared across runs.
    SyncRun(store::LocalStore &store, net::Transport *transport, const SyncAccount &account,
            const SyncOptions &options, QSet<QString> *knownBlobs,
            QHash<QString, QList<model::Post>> *unacknowledged, QObject *parent = nullptr);
    ~SyncRun() override;

    void start(Done done);
    void cancel();

Q_SIGNALS:
    void progressChanged(const inkwell::sync::SyncProgress &progress);
    void postFailed(const QString &guid, const inkwell::Error &error);
    // A pulled change of post guid was not stored: it breaks the protocol's rules (error names
    // the field). The run goes on; a later valid change of the post applies as usual.
    void changeSkipped(const QString &guid, const inkwell::Error &error);
    // A sync request failed transiently and will be sent again after delay.
    void retrying(const inkwell::Error &error, std::chrono::milliseconds delay);

private:
    void startBlog(int index);
    void nextRound();
    QList<PendingPost> pushCandidates() const;
    void uploadAttachments(QStringList hashes, std::function<void()> then);
    void uploadNext(QStringList missing, std::function<void()> then);
    enum class Next { Round, AwaitPrefetch };
    // The HTTP request of a sync round: these pushes (noted in inFlight, m_attempted and
    // m_unacknowledged) and a pull from cursor of up to limit changes.
    net::Request syncRequest(const QList<PendingPost> &changes, qint64 cursor, int limit,
                             QHash<QString, model::Post> *inFlight);
    void exchange(const QList<PendingPost> &changes, qint64 cursor);
    void onExchanged(const Result<void> &sent);
    // Applies an answer; on a store error fails the run and cancels what is out.
    std::optional<ApplyReport> applyAnswer(const QHash<QString, model::Post> &pushed,
                                           const protocol::SyncResponse &response);
    // Pushes the next batch in a request of its own while the round's request is out.
    void pushAlongside(qint64 cursor);
    void onPushedAlongside(const Result<void> &sent);
    // The blog is done: on to the next one once no push alongside is out.
    void finishBlog();
    // Whether a post among changes refers to an image the server may lack (uploads first).
    bool needsUploads(const QList<PendingPost> &changes) const;
    // Sends the next request before the answer in hand is applied; false when there is nothing
    // to send or the next pushes need attachment uploads first.
    bool prefetchNext(qint64 cursor, bool more);
    void onApplied(const ApplyReport &report, Next next);
    Result<void> trackEpoch(const protocol::SyncResponse &response);
    // After the last round: waits for the covers still to download, then finishes the run.
    void downloadCovers();
    // Starts downloads of queued covers on idle senders; false when a store error failed the run.
    bool startCoverDownloads();
    void downloadCover(RetryingSender *sender, qint64 blog, const QString &hash);
    void setPhase(SyncPhase phase, qint64 total = 0);
    void advance(qint64 items = 1);
    void fail(const Error &error);
    void finish();

    store::LocalStore &m_store;
    SyncAccount m_account;
    SyncOptions m_options;
    static constexpr int CoverDownloads = 4; // covers fetched in parallel
    // Title and body characters per push, well inside the server's 16 MiB request limit.
    static constexpr qint64 PushCharacters = 4 * 1024 * 1024;
    QSet<QString> *m_knownBlobs;
    QHash<QString, QList<model::Post>> *m_unacknowledged;
    net::Transport *m_transport;
    RetryingSender *m_sender;
    RetryingSender *m_alongsideSender; // see pushAlongside()
    QList<RetryingSender *> m_coverSenders;
    Done m_done;

    SyncProgress m_progress;
    SyncResult m_result;
    int m_blogIndex = -1;
    int m_rounds = 0;
    int m_batchLimit = 0; // changes per request; halved when the server says TooLarge
    bool m_needPull = true;
    bool m_resyncedThisBlog = false;
    qint64 m_cursor = 0;
    QString m_epoch; // of the server database the cursor belongs to; empty = none known yet
    // While set, the blog is pulled from 0 after a resync-required answer and nothing is pushed
    // until the pull is complete and what the restore lost is pending again.
    std::optional<RestoreRecovery> m_recovery;
    std::optional<PendingQueue> m_pending; // of the current blog
    QSet<QString> m_attempted; // op_ids already pushed in this run
    QSet<QString> m_rejected; // guids the server refused in this run
    QHash<QString, model::Post> m_inFlight; // op_id -> post as pushed
    std::optional<protocol::SyncResponse> m_answer; // the last complete sync answer
    QHash<QString, model::Post> m_alongsideInFlight; // the same for the push alongside
    std::optional<protocol::SyncResponse> m_alongsideAnswer;
    bool m_blogWaitsForAlongside = false; // finishBlog() came while a push alongside was out
    QElapsedTimer m_exchangeTimer; // for the debug log of where a round's time goes
    QList<QPair<qint64, QString>> m_covers; // (blog, sha256) to download eagerly
};

} // namespace inkwell::sync
