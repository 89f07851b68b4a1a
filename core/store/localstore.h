#pragma once

#include "model/result.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>

struct sqlite3;

namespace inkwell::model {
struct Post;
}
namespace inkwell::sqlite {
class WalCheckpointer;
}

namespace inkwell::store {

class AttachmentRepository;
class PostRepository;
class SyncRepository;
class ThreadConnection;

// The local SQLite database: posts, attachments, sync cursors and a full-text index.
// Safe to use from any thread: every thread that calls in gets its own SQLite connection, opened
// lazily on first use and closed when that thread ends, when the store is destroyed (its own
// thread) or by releaseThreadConnection().
// Writers in this process queue on a mutex per database file (woken as soon as the previous
// transaction ends, instead of SQLite's sleeping busy handler; other processes still meet the
// 10 s busy timeout); readers never wait (WAL). Signals are emitted
// from the writing thread after the commit; connect with a context object to get them queued.
class LocalStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalStore)

public:
    // The schema version this code writes; a database with a higher user_version is refused.
    static constexpr int SchemaVersion = 9;
    // The page size of a new database file. A post of ~2 KiB of text fills a 4 KiB page alone,
    // and with its base version (a pending edit of a synced post) it spills into an overflow
    // page, which the acknowledgement of the push then frees again: in 8 KiB pages both fit in
    // the row's page. A file keeps the size it was created with (SQLite changes it only on
    // VACUUM); every size works.
    static constexpr int PageSize = 8192;

    explicit LocalStore(const QString &path, QObject *parent = nullptr);
    ~LocalStore() override;

    // Opens the file (creating it if missing) and migrates it to SchemaVersion. On error the file
    // is left as it was: DatabaseTooNew, DatabaseCorrupt, DatabaseReadOnly, DatabaseFull or
    // DatabaseOpen. Every other call fails with DatabaseOpen until this has succeeded.
    Result<void> open();
    bool isOpen() const;
    QString path() const;

    // When the full-text index catches up with a write (see searchindex.h).
    enum class SearchIndexing {
        // In the same transaction: what a writer just saved is found at once. Unless more
        // than SearchIndexBatch posts were behind when it began (a pulled backlog the
        // indexer is working off): then its posts join that backlog, so a save never pays
        // for a pulled page's index.
        WithTheWrite,
        // Left to catchUpSearchIndex(): a pulled page commits without indexing its posts
        // (most of the time such a page takes), and search may miss them for the moment.
        Later,
    };
    // Posts indexed per transaction by catchUpSearchIndex() (about 15-30 ms of 2 KiB posts of
    // prose, less than a pulled page of 500 holds the lock, so a save waits no longer than
    // it did) and the longest backlog WithTheWrite clears.
    static constexpr qint64 SearchIndexBatch = 200;

    // Runs work in one write transaction on the calling thread's connection: committed when work
    // succeeds, rolled back (with every change notification) when it fails. Nested calls use
    // savepoints, so a failing inner write undoes only its own part (the outermost call's
    // `indexing` holds). A database error (disk full, I/O, ...) in a repository call inside
    // work fails the whole transaction.
    Result<void> write(const std::function<Result<void>()> &work,
                       SearchIndexing indexing = SearchIndexing::WithTheWrite);

    // Brings the index entries of up to SearchIndexBatch posts up to date in a write transaction
    // of its own and emits searchIndexChanged() when it took any. Returns how many posts are
    // still behind (up to SearchIndexBatch + 1: "more than a batch").
    Result<qint64> catchUpSearchIndex();
    // How many posts search may miss or find by their earlier text, counted up to `cap`.
    Result<qint64> searchIndexBacklog(qint64 cap);

    PostRepository &posts();
    AttachmentRepository &attachments();
    SyncRepository &sync();

    // Closes the calling thread's connection now rather than when the thread ends; does nothing
    // inside write().
    void releaseThreadConnection();

    // PRAGMA integrity_check on the calling thread's connection; DatabaseCorrupt unless "ok".
    Result<void> checkIntegrity();

    // The calling thread's SQLite connection to this store, nullptr while it has none open (for
    // diagnostics and tests).
    sqlite3 *threadConnectionHandle() const;

Q_SIGNALS:
    // These posts were created, changed or deleted by a committed transaction (any thread).
    void postsChanged(const QStringList &guids);
    // These attachments were added by a committed transaction.
    void attachmentsAdded(const QStringList &sha256s);
    // catchUpSearchIndex() brought entries up to date: a search may find more now.
    void searchIndexChanged();

private:
    friend class AttachmentRepository;
    friend class PostRepository;
    friend class SyncRepository;

    // A repository's change: its own transaction, or part of the caller's write() without a
    // savepoint (they make FTS5 flush its buffer on every row); a database error there marks
    // the whole transaction failed.
    Result<void> change(const std::function<Result<void>()> &work);
    // A change of one post: reads guid (NotFound if absent), lets `edit` change a copy and, if
    // it changed anything, validates and saves it and notes the post as changed. Returns the
    // post as stored afterwards; an error from `edit` rolls back and is returned as it is.
    Result<model::Post> modifyPost(const QString &guid,
                                   const std::function<Result<void>(model::Post &post)> &edit);
    // The calling thread's connection, opened on first use; DatabaseOpen before open().
    Result<ThreadConnection *> connection();
    Result<ThreadConnection *> createConnection();
    // Records a change of the write transaction in progress, announced after it commits.
    void notePostChanged(ThreadConnection *connection, const QString &guid);
    void noteAttachmentAdded(ThreadConnection *connection, const QString &sha256);

    Result<void> inspectExistingFile();
    Result<void> checkVersion(ThreadConnection &connection) const;
    Result<void> prepareFile(ThreadConnection &connection);
    Result<void> finishWrite(ThreadConnection *connection, const Result<void> &outcome,
                             qsizetype postsMark, qsizetype attachmentsMark, bool lostBefore);

    const QString m_path;
    const quint64 m_id;
    // Shared by every LocalStore of this process on the same file; held by the outermost write().
    const std::shared_ptr<std::timed_mutex> m_writeLock;
    // Shared the same way; checkpoints the write-ahead log on its own thread.
    const std::shared_ptr<sqlite::WalCheckpointer> m_checkpointer;
    std::atomic<bool> m_open = false;
    std::unique_ptr<PostRepository> m_posts;
    std::unique_ptr<AttachmentRepository> m_attachments;
    std::unique_ptr<SyncRepository> m_sync;
};

} // namespace inkwell::store
