#include "sqlite/walcheckpointer.h"

#include <QLoggingCategory>

#include <QFile>

#include <sqlite3.h>

namespace inkwell::sqlite {

Q_LOGGING_CATEGORY(lcSqlite, "inkwell.sqlite")

WalCheckpointer::WalCheckpointer(QString path) : m_path(std::move(path)) { }

WalCheckpointer::~WalCheckpointer()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    // No request() can start the thread any more.
    if (m_thread.joinable())
        m_thread.join();
}

bool WalCheckpointer::started() const
{
    const std::lock_guard lock(m_mutex);
    return m_thread.joinable();
}

void WalCheckpointer::install(sqlite3 *db)
{
    sqlite3_wal_hook(db, &WalCheckpointer::onCommit, this);
}

int WalCheckpointer::onCommit(void *self, sqlite3 *, const char *, int pages)
{
    if (pages >= Pages)
        static_cast<WalCheckpointer *>(self)->request();
    return SQLITE_OK;
}

void WalCheckpointer::request()
{
    {
        const std::lock_guard lock(m_mutex);
        m_requested = true;
        if (!m_thread.joinable() && !m_stopping)
            m_thread = std::thread([this] { run(); });
    }
    m_wake.notify_one();
}

void WalCheckpointer::run()
{
    sqlite3 *db = nullptr;
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_requested || m_stopping; });
            if (m_stopping)
                break;
            m_requested = false;
        }
        if (!db) { // opened on the first request: most stores never fill the log
            int rc = sqlite3_open_v2(QFile::encodeName(m_path).constData(), &db,
                                     SQLITE_OPEN_READWRITE, nullptr);
            // A connection learns that the file is in WAL mode on its first read; until then
            // a checkpoint does nothing.
            if (rc == SQLITE_OK)
                rc = sqlite3_exec(db, "PRAGMA schema_version", nullptr, nullptr, nullptr);
            if (rc != SQLITE_OK) {
                qCWarning(lcSqlite)
                        << "cannot open the database to checkpoint it:" << sqlite3_errstr(rc);
                sqlite3_close(db);
                db = nullptr;
                continue;
            }
        }
        int logPages = 0;
        int copied = 0;
        const int rc = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, &logPages,
                                                 &copied);
        // SQLITE_BUSY: another connection is checkpointing; it does the work.
        if (rc != SQLITE_OK && rc != SQLITE_BUSY)
            qCWarning(lcSqlite) << "checkpoint failed:" << sqlite3_errmsg(db);
        else if (rc == SQLITE_OK && logPages < 0)
            qCWarning(lcSqlite) << "checkpoint found no write-ahead log";
        m_checkpoints.fetch_add(1);
    }
    sqlite3_close(db);
}

} // namespace inkwell::sqlite
