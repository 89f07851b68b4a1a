#include "store/localstore.h"

#include "sqlite/walcheckpointer.h"
#include "store/attachmentrepository.h"
#include "store/postaccess.h"
#include "store/postrepository.h"
#include "store/schema.h"
#include "store/search/searchindex.h"
#include "store/storelogging.h"
#include "store/syncrepository.h"
#include "store/threadconnection.h"

#include <QFile>
#include <QFileInfo>
#include <QThreadStorage>
#include <QtEndian>

#include <chrono>
#include <limits>
#include <string>
#include <unordered_map>

namespace inkwell::store {

namespace {

std::atomic<quint64> nextStoreId{1};

// One thread's connections, by store id.
struct ThreadConnections
{
    std::unordered_map<quint64, std::unique_ptr<ThreadConnection>> byStore;
};

// QThreadStorage (not thread_local) deletes a thread's connections before QThread::wait()
// returns, so a finished worker never leaves a connection behind.
QThreadStorage<ThreadConnections *> connectionsStorage;

std::unordered_map<quint64, std::unique_ptr<ThreadConnection>> &threadConnections()
{
    if (!connectionsStorage.hasLocalData())
        connectionsStorage.setLocalData(new ThreadConnections);
    return connectionsStorage.localData()->byStore;
}

// The header checks SQLite itself would only make lazily: magic, page size, and a file shorter
// than the size its header records (truncated).
Result<void> inspectHeader(const QString &path, qint64 fileSize)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{ErrorCode::DatabaseOpen, path % QStringLiteral(": ") % file.errorString()};
    const QByteArray header = file.read(100);
    auto corrupt = [&path](const QString &why) {
        return Error{ErrorCode::DatabaseCorrupt, path % QStringLiteral(": ") % why};
    };
    if (header.size() < 100)
        return corrupt(QStringLiteral("the file is too short to be a database"));
    if (!header.startsWith(QByteArrayView("SQLite format 3\0", 16)))
        return corrupt(QStringLiteral("the file is not an SQLite database"));
    const auto *bytes = reinterpret_cast<const uchar *>(header.constData());
    qint64 pageSize = qFromBigEndian<quint16>(bytes + 16);
    if (pageSize == 1)
        pageSize = 65536;
    if (pageSize < 512 || (pageSize & (pageSize - 1)) != 0)
        return corrupt(QStringLiteral("the page size in the header is invalid"));
    const quint32 changeCounter = qFromBigEndian<quint32>(bytes + 24);
    const quint32 pageCount = qFromBigEndian<quint32>(bytes + 28);
    const quint32 validFor = qFromBigEndian<quint32>(bytes + 92);
    // The recorded size is trustworthy only when written with the current change counter; a
    // write-ahead log may hold pages the main file does not have yet.
    if (validFor == changeCounter && pageCount * pageSize > fileSize
        && !QFileInfo::exists(path + QStringLiteral("-wal"))) {
        return corrupt(QStringLiteral("the file is truncated (%1 of %2 bytes)")
                               .arg(fileSize)
                               .arg(pageCount * pageSize));
    }
    return {};
}

// The T shared by every LocalStore of this process on the file at path, made by make(): the
// writer mutex and the WAL checkpointer of each database file.
template<typename T, typename Make>
std::shared_ptr<T> sharedForFile(const QString &path, Make make)
{
    static std::mutex registryMutex;
    static std::unordered_map<std::string, std::weak_ptr<T>> registry;
    const QFileInfo info(path);
    const std::string key = QFileInfo(info.absolutePath()).canonicalFilePath().toStdString() + '/'
            + info.fileName().toStdString();
    const std::lock_guard guard(registryMutex);
    std::shared_ptr<T> shared = registry[key].lock();
    if (!shared) {
        shared = make();
        registry[key] = shared;
    }
    return shared;
}

// As long as SQLite's busy timeout: a writer that waits longer reports the database busy.
constexpr std::chrono::seconds WriteLockTimeout{10};

bool isDatabaseError(ErrorCode code)
{
    switch (code) {
    case ErrorCode::DatabaseOpen:
    case ErrorCode::DatabaseCorrupt:
    case ErrorCode::DatabaseReadOnly:
    case ErrorCode::DatabaseFull:
    case ErrorCode::DatabaseQuery:
        return true;
    default:
        return false;
    }
}

} // namespace

LocalStore::LocalStore(const QString &path, QObject *parent)
    : QObject(parent), m_path(path), m_id(nextStoreId++),
      m_writeLock(sharedForFile<std::timed_mutex>(
              path, [] { return std::make_shared<std::timed_mutex>(); })),
      m_checkpointer(sharedForFile<sqlite::WalCheckpointer>(
              path, [&path] { return std::make_shared<sqlite::WalCheckpointer>(path); })),
      m_posts(std::make_unique<PostRepository>(*this)),
      m_attachments(std::make_unique<AttachmentRepository>(*this)),
      m_sync(std::make_unique<SyncRepository>(*this))
{ }

LocalStore::~LocalStore()
{
    // Other threads' connections close when those threads end.
    if (connectionsStorage.hasLocalData())
        threadConnections().erase(m_id);
}

// DatabaseTooNew when the file was written by a newer schema than this code knows.
Result<void> LocalStore::checkVersion(ThreadConnection &connection) const
{
    auto version = schema::version(connection);
    if (!version)
        return version.error();
    if (*version > SchemaVersion) {
        return Error{
                ErrorCode::DatabaseTooNew,
                QStringLiteral("%1 has schema version %2; this version of Inkwell knows up to %3. "
                               "Update Inkwell to open it; the file was not changed.")
                        .arg(m_path)
                        .arg(*version)
                        .arg(SchemaVersion)};
    }
    return {};
}

Result<void> LocalStore::open()
{
    if (m_open)
        return {};
    if (auto inspected = inspectExistingFile(); !inspected) {
        qCWarning(lcStore) << "cannot open the local database:" << inspected.error().message;
        return inspected;
    }
    auto created = createConnection();
    if (!created)
        return created.error();
    auto prepared = prepareFile(**created);
    if (!prepared) {
        qCWarning(lcStore) << "cannot open the local database:" << prepared.error().message;
        threadConnections().erase(m_id);
        return prepared;
    }
    m_open = true;
    return {};
}

// Version check, schema, WAL mode (persistent in the file, so once here) and migrations. Nothing
// is written before the version and the schema have been read: a file from a newer Inkwell or a
// damaged one is refused as it was (the connection's -wal and -shm go when it closes).
Result<void> LocalStore::prepareFile(ThreadConnection &connection)
{
    if (auto known = checkVersion(connection); !known)
        return known;
    // Reads every table's definition (SQLite parses the whole schema on first use, once per
    // connection): a damaged schema page is an error here.
    if (auto tables = connection.scalar(QStringLiteral("SELECT count(*) FROM sqlite_master"));
        !tables)
        return tables.error();
    // WAL: readers never block the writer (the GUI reads while the sync worker writes).
    auto mode = connection.scalar(QStringLiteral("PRAGMA journal_mode = WAL"));
    if (!mode)
        return mode.error();
    if (mode->toString() != QLatin1String("wal"))
        qCWarning(lcStore) << "the database is not in WAL mode:" << mode->toString();
    return schema::migrate(connection);
}

// Checks an existing file before SQLite opens it: the folder and the file writable, and a header
// that SQLite would accept. prepareFile() reads its version and schema, before any write.
Result<void> LocalStore::inspectExistingFile()
{
    const QFileInfo info(m_path);
    const QFileInfo folder(info.absolutePath());
    if (!folder.isDir())
        return Error{ErrorCode::DatabaseOpen,
                     m_path % QStringLiteral(": the folder does not exist")};
    if (!folder.isWritable() || (info.exists() && !info.isWritable())) {
        return Error{ErrorCode::DatabaseReadOnly,
                     m_path % QStringLiteral(": the file or its folder is not writable")};
    }
    if (!info.exists() || info.size() == 0)
        return {};
    if (!info.isFile())
        return Error{ErrorCode::DatabaseOpen, m_path % QStringLiteral(": not a regular file")};
    return inspectHeader(m_path, info.size());
}

Result<ThreadConnection *> LocalStore::createConnection()
{
    threadConnections().erase(m_id); // one connection per store and thread
    auto connection = std::make_unique<ThreadConnection>(m_path);
    if (auto opened = connection->open(); !opened)
        return opened.error();
    // synchronous=NORMAL: in WAL mode a crash of the app or the OS never corrupts the file, and
    // commits skip an fsync each; a power cut may lose only the last commits.
    // page_size only takes effect on a file that has no table yet (prepareFile() creates them).
    // temp_store=MEMORY: the journal that lets SQLite undo one statement inside a transaction (a
    // pulled page's multi-row inserts change hundreds of existing pages) stays in memory; by
    // default it goes to a temporary file, two writes per page, once it passes 64 KiB.
    const QStringList pragmas{
            QStringLiteral("PRAGMA page_size = %1").arg(PageSize),
            QStringLiteral("PRAGMA foreign_keys = ON"),
            QStringLiteral("PRAGMA busy_timeout = 10000"),
            QStringLiteral("PRAGMA synchronous = NORMAL"),
            QStringLiteral("PRAGMA temp_store = MEMORY"),
    };
    for (const QString &pragma : pragmas) {
        if (auto done = connection->exec(pragma); !done)
            return done.error();
    }
    // Checkpoints run on the checkpointer's thread, not inside this connection's commits.
    m_checkpointer->install(connection->handle());
    connection->checkpointer = m_checkpointer;
    ThreadConnection *raw = connection.get();
    threadConnections()[m_id] = std::move(connection);
    return raw;
}

Result<ThreadConnection *> LocalStore::connection()
{
    if (!m_open)
        return Error{ErrorCode::DatabaseOpen, QStringLiteral("the local database is not open")};
    auto it = threadConnections().find(m_id);
    if (it != threadConnections().end())
        return it->second.get();
    return createConnection();
}

bool LocalStore::isOpen() const
{
    return m_open;
}

QString LocalStore::path() const
{
    return m_path;
}

sqlite3 *LocalStore::threadConnectionHandle() const
{
    if (!connectionsStorage.hasLocalData())
        return nullptr;
    const auto &connections = threadConnections();
    const auto it = connections.find(m_id);
    return it == connections.end() ? nullptr : it->second->handle();
}

Result<void> LocalStore::write(const std::function<Result<void>()> &work, SearchIndexing indexing)
{
    auto connected = connection();
    if (!connected)
        return connected.error();
    ThreadConnection *c = *connected;
    const bool outermost = c->depth == 0;
    const QString savepoint = QStringLiteral("inkwell_%1").arg(c->depth);
    if (outermost && !m_writeLock->try_lock_for(WriteLockTimeout)) {
        return Error{ErrorCode::DatabaseQuery,
                     QStringLiteral("the local database stayed busy with another write")};
    }
    if (auto begun = c->exec(outermost ? QStringLiteral("BEGIN IMMEDIATE")
                                       : QStringLiteral("SAVEPOINT ") + savepoint);
        !begun) {
        if (outermost)
            m_writeLock->unlock();
        return begun;
    }
    if (outermost) {
        c->transactionLost = false;
        c->searchIndexLater = indexing == SearchIndexing::Later;
        if (!c->searchIndexLater) {
            // A backlog longer than a batch is a pulled one the indexer is working off.
            auto backlog = searchindex::behind(*c, SearchIndexBatch + 1);
            if (!backlog) {
                (void)c->exec(QStringLiteral("ROLLBACK"));
                m_writeLock->unlock();
                return backlog.error();
            }
            c->searchIndexLater = *backlog > SearchIndexBatch;
        }
    }
    const bool lostBefore = c->transactionLost;
    const qsizetype postsMark = c->changedPosts.size();
    const qsizetype attachmentsMark = c->addedAttachments.size();
    ++c->depth;
    Result<void> outcome;
    try {
        outcome = work();
    } catch (...) {
        --c->depth;
        (void)finishWrite(c, Error{ErrorCode::Internal, QStringLiteral("exception")}, postsMark,
                          attachmentsMark, lostBefore);
        throw;
    }
    --c->depth;
    return finishWrite(c, outcome, postsMark, attachmentsMark, lostBefore);
}

Result<void> LocalStore::change(const std::function<Result<void>()> &work)
{
    auto connected = connection();
    if (!connected)
        return connected.error();
    ThreadConnection *c = *connected;
    if (c->depth == 0)
        return write(work);
    Result<void> outcome = work();
    if (!outcome && isDatabaseError(outcome.error().code))
        c->transactionLost = true; // may have written part of its rows
    return outcome;
}

Result<model::Post> LocalStore::modifyPost(
        const QString &guid, const std::function<Result<void>(model::Post &post)> &edit)
{
    model::Post after;
    auto written = change([&]() -> Result<void> {
        auto connected = connection();
        if (!connected)
            return connected.error();
        ThreadConnection *c = *connected;
        auto found = postaccess::require(*c, guid);
        if (!found)
            return found.error();
        after = *found;
        if (auto edited = edit(after); !edited)
            return edited;
        if (after == *found)
            return {};
        if (auto valid = postaccess::validate(after.fields); !valid)
            return valid;
        notePostChanged(c, guid);
        return postaccess::save(*c, *found, after);
    });
    if (!written)
        return written.error();
    return after;
}

// Commits or rolls back the transaction (or savepoint at c->depth) and announces what a
// commit made visible.
Result<void> LocalStore::finishWrite(ThreadConnection *c, const Result<void> &outcome,
                                     qsizetype postsMark, qsizetype attachmentsMark,
                                     bool lostBefore)
{
    const QString savepoint = QStringLiteral("inkwell_%1").arg(c->depth);
    if (c->depth > 0) {
        if (outcome) {
            if (auto released = c->exec(QStringLiteral("RELEASE ") + savepoint); released)
                return {};
        }
        if (c->exec(QStringLiteral("ROLLBACK TO ") + savepoint)
            && c->exec(QStringLiteral("RELEASE ") + savepoint)) {
            c->transactionLost = lostBefore; // whatever failed inside is undone
        } else {
            c->transactionLost = true; // SQLite already rolled back everything
        }
        c->truncateChanges(postsMark, attachmentsMark);
        return outcome ? Error{ErrorCode::DatabaseQuery, QStringLiteral("savepoint failed")}
                       : outcome;
    }
    Result<void> result = outcome;
    if (result && c->transactionLost) {
        result = Error{ErrorCode::DatabaseQuery,
                       QStringLiteral("a statement of this transaction failed; rolled back")};
    }
    if (result && !c->searchIndexLater) {
        // The transaction's own posts and the short backlog found when it began.
        auto taken = searchindex::catchUp(*c, std::numeric_limits<qint64>::max());
        if (!taken)
            result = taken.error();
    }
    if (result)
        result = c->exec(QStringLiteral("COMMIT"));
    if (!result)
        (void)c->exec(QStringLiteral("ROLLBACK")); // fails harmlessly if SQLite rolled back
    m_writeLock->unlock();
    const QStringList posts = std::exchange(c->changedPosts, {});
    const QStringList attachments = std::exchange(c->addedAttachments, {});
    c->changedPostSet.clear();
    if (result && !posts.isEmpty())
        Q_EMIT postsChanged(posts);
    if (result && !attachments.isEmpty())
        Q_EMIT attachmentsAdded(attachments);
    return result;
}

Result<qint64> LocalStore::catchUpSearchIndex()
{
    qint64 taken = 0;
    qint64 left = 0;
    auto written = write(
            [&]() -> Result<void> {
                auto connected = connection();
                if (!connected)
                    return connected.error();
                auto caughtUp = searchindex::catchUp(**connected, SearchIndexBatch);
                if (!caughtUp)
                    return caughtUp.error();
                taken = *caughtUp;
                auto backlog = searchindex::behind(**connected, SearchIndexBatch + 1);
                if (!backlog)
                    return backlog.error();
                left = *backlog;
                return {};
            },
            SearchIndexing::Later);
    if (!written)
        return written.error();
    if (taken > 0)
        Q_EMIT searchIndexChanged();
    return left;
}

Result<qint64> LocalStore::searchIndexBacklog(qint64 cap)
{
    auto connected = connection();
    if (!connected)
        return connected.error();
    return searchindex::behind(**connected, cap);
}

void LocalStore::notePostChanged(ThreadConnection *connection, const QString &guid)
{
    connection->notePostChanged(guid);
}

void LocalStore::noteAttachmentAdded(ThreadConnection *connection, const QString &sha256)
{
    connection->noteAttachmentAdded(sha256);
}

PostRepository &LocalStore::posts()
{
    return *m_posts;
}

AttachmentRepository &LocalStore::attachments()
{
    return *m_attachments;
}

SyncRepository &LocalStore::sync()
{
    return *m_sync;
}

void LocalStore::releaseThreadConnection()
{
    if (!connectionsStorage.hasLocalData())
        return;
    auto &connections = threadConnections();
    auto it = connections.find(m_id);
    if (it != connections.end() && it->second->depth == 0)
        connections.erase(it);
}

Result<void> LocalStore::checkIntegrity()
{
    auto connected = connection();
    if (!connected)
        return connected.error();
    auto verdict = (*connected)->scalar(QStringLiteral("PRAGMA integrity_check"));
    if (!verdict)
        return verdict.error();
    if (verdict->toString() != QLatin1String("ok"))
        return Error{ErrorCode::DatabaseCorrupt, verdict->toString()};
    return {};
}

} // namespace inkwell::store
