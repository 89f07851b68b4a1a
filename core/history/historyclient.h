#pragma once

#include "history/historyerror.h"
#include "model/revision.h"
#include "protocol/history.h"
#include "sync/syncaccount.h"

#include <functional>

class QObject;

namespace inkwell::net {
class Transport;
struct Response;
} // namespace inkwell::net

namespace inkwell::history {

// Reads the history of posts from the server (docs/protocol.md, "History"): a page of a post's
// revisions, newest first, and one revision with its fields. Asynchronous over a Transport used
// on the calling thread; callbacks run on that thread from its event loop (never inside a call)
// unless context (not null) is destroyed first.
// A 404 is told apart: a server without the history routes is Unsupported (it does not list
// "history" in its capabilities); otherwise the post or revision is NotFound for this account.
class HistoryClient final
{
public:
    using ListDone = std::function<void(const HistoryResult<protocol::RevisionList> &)>;
    using RevisionDone = std::function<void(const HistoryResult<model::Revision> &)>;

    // How many revisions a page asks for unless told otherwise.
    static constexpr int DefaultPageSize = 50;

    // transport must outlive this client.
    HistoryClient(net::Transport *transport, sync::SyncAccount account);

    const sync::SyncAccount &account() const { return m_account; }

    // The revisions of guid in blog older than before (0: from the newest), at most limit.
    void fetchRevisions(qint64 blog, const QString &guid, qint64 before, int limit,
                        QObject *context, ListDone done);
    // Revision rev of guid in blog, with its fields.
    void fetchRevision(qint64 blog, const QString &guid, qint64 rev, QObject *context,
                       RevisionDone done);

private:
    using FailureDone = std::function<void(const HistoryFailure &)>;
    // Turns a failed response into a failure; a 404 first asks the server what it offers.
    static void classify(net::Transport *transport, const sync::SyncAccount &account,
                         const net::Response &response, QObject *context, FailureDone done);

    net::Transport *m_transport;
    sync::SyncAccount m_account;
};

} // namespace inkwell::history
