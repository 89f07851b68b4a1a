#pragma once

#include <QString>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

struct sqlite3;

namespace inkwell::sqlite {

// Checkpoints a database's write-ahead log on a thread of its own.
//
// SQLite's automatic checkpoint runs inside the commit that fills the log past 1,000 pages, so
// the committing thread (on the client the sync worker writing a pulled page or the GUI saving an
// edit; on the server the request whose push filled the log) also copies the log into the
// database file and waits for its fsync. Connections given to install()
// only ask for a checkpoint at that point; this thread runs it (PASSIVE: it never blocks a
// writer or a reader) on its own connection while the writer goes on. The thread starts with the
// first request: most processes (a CLI command, a short editor session) never fill the log.
class WalCheckpointer final
{
public:
    explicit WalCheckpointer(QString path);
    ~WalCheckpointer(); // stops the thread, if it started
    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    // Log size in pages that asks for a checkpoint after a commit (SQLite's own default).
    static constexpr int Pages = 1000;

    // Replaces the connection's automatic checkpoint with a request to this thread. The
    // checkpointer must outlive the connection.
    void install(sqlite3 *db);
    // Checkpoints run so far (for diagnostics and tests).
    int checkpoints() const { return m_checkpoints.load(); }
    // Whether the thread has started (for tests).
    bool started() const;

private:
    static int onCommit(void *self, sqlite3 *db, const char *schema, int pages);
    void request();
    void run();

    const QString m_path;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_requested = false;
    bool m_stopping = false;
    std::atomic<int> m_checkpoints = 0;
    std::thread m_thread; // started by the first request(), under m_mutex
};

} // namespace inkwell::sqlite
