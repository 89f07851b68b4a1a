// POST /api/v1/blogs/{blog}/sync: push changes one by one, then pull one page.
#include "server/api/handlers.h"
#include "server/live/livehub.h"

#include "protocol/codec.h"
#include "protocol/validation.h"
#include "server/api/apilogging.h"
#include "server/store/serverstore.h"

#include <QSet>

namespace inkwell::server {

namespace {

// Applies every valid change in request order, all in one transaction. A content error
// rejects that change only; a database failure fails the request and applies nothing (the
// client retries; applied op_ids replay).
// `created` receives the revisions the applied changes made: consecutive, as one batch
// assigns them in one transaction.
Result<void> push(const HandlerContext &context, const auth::Principal &principal, qint64 blogId,
                  const QList<protocol::Change> &changes, protocol::SyncResponse *response,
                  store::RevisionRange *created)
{
    const protocol::Limits limits = context.config.protocolLimits();
    QList<protocol::Change> valid;
    QList<std::optional<Error>> invalid; // per change of the request, in order
    valid.reserve(changes.size());
    invalid.reserve(changes.size());
    for (const protocol::Change &change : changes) {
        // Tombstones too: a tombstone of a post the server lacks stores its fields as they are.
        const Result<void> checked = protocol::validateFields(change.fields, limits);
        invalid.append(checked ? std::nullopt : std::optional<Error>(checked.error()));
        if (checked)
            valid.append(change);
    }
    const Result<QList<store::ApplyOutcome>> outcomes =
            context.store.applyChanges(blogId, principal.accountName, valid);
    if (!outcomes)
        return outcomes.error();
    QSet<QString> conflicted;
    qsizetype next = 0;
    for (qsizetype i = 0; i < changes.size(); ++i) {
        const protocol::Change &change = changes[i];
        if (invalid[i]) {
            response->results.append(
                    {change.opId, change.guid, protocol::ItemStatus::Rejected, 0, *invalid[i]});
            continue;
        }
        const store::ApplyOutcome &outcome = (*outcomes)[next++];
        response->results.append(outcome.result);
        if (outcome.created) {
            Q_ASSERT(created->isEmpty() || outcome.result.rev == created->last + 1);
            if (created->isEmpty())
                created->first = outcome.result.rev;
            created->last = outcome.result.rev;
        }
        if (outcome.conflict && !conflicted.contains(outcome.conflict->guid)) {
            conflicted.insert(outcome.conflict->guid);
            response->conflicts.append(*outcome.conflict);
        }
    }
    return {};
}

// One page of changes after `cursor`, without the revisions this request `created` (their
// applied results carry what the client lacks). The conflicts already in the answer count
// against the page's byte budget, so an answer stays well below what clients accept
// (maxResponseBytes).
Result<void> pull(const HandlerContext &context, qint64 blogId, qint64 cursor, int wanted,
                  store::RevisionRange created, protocol::SyncResponse *response)
{
    qint64 budget = context.config.maxPageBytes;
    for (const model::Revision &conflict : std::as_const(response->conflicts))
        budget -= protocol::encodedSize(conflict);
    response->cursor = protocol::cursorForRevision(cursor);
    if (budget <= 0) {
        const Result<qint64> last = context.store.lastRevision(blogId);
        if (!last)
            return last.error();
        response->more = *last > cursor;
        return {};
    }
    const int pageSize = std::max(1, context.config.pageSize);
    const int limit = wanted > 0 ? std::min(wanted, pageSize) : pageSize;
    const Result<store::PullPage> page = context.store.pull(blogId, cursor, limit, budget, created);
    if (!page)
        return page.error();
    response->changes = page->changes;
    response->cursor = protocol::cursorForRevision(page->cursor);
    response->more = page->more;
    return {};
}

} // namespace

HttpResponse handleSync(const HandlerContext &context, const HttpRequest &request,
                        const auth::Principal &principal, qint64 blogId)
{
    if (Result<void> member = requireMember(context, principal, blogId); !member)
        return errorReply(member.error());
    const Result<protocol::SyncRequest> sync =
            protocol::decodeSyncRequest(request.body, context.config.protocolLimits());
    if (!sync)
        return errorReply(sync.error());
    const qint64 cursor = protocol::parseCursor(sync->cursor).value_or(0);
    // A cursor of another database (restored or replaced: its epoch differs) or from the future
    // is refused before anything is written.
    const Result<store::SyncHead> head = context.store.syncHead(blogId);
    if (!head)
        return errorReply(head.error());
    if (!sync->epoch.isEmpty() && sync->epoch != head->epoch)
        return errorReply(Error{ErrorCode::ResyncRequired,
                                QStringLiteral("the server's database was restored or replaced "
                                               "(epoch %1, not %2); pull again from an empty "
                                               "cursor without an epoch")
                                        .arg(head->epoch, sync->epoch)});
    if (cursor > head->lastRev)
        return errorReply(Error{ErrorCode::ResyncRequired,
                                QStringLiteral("the cursor is ahead of this blog's history; "
                                               "pull again from an empty cursor")});
    protocol::SyncResponse response;
    response.epoch = head->epoch;
    store::RevisionRange created;
    if (Result<void> pushed = push(context, principal, blogId, sync->changes, &response, &created);
        !pushed)
        return errorReply(pushed.error());
    if (!created.isEmpty())
        context.live.blogChanged(blogId); // wakes the blog's parked live requests
    if (Result<void> pulled = pull(context, blogId, cursor, sync->limit, created, &response);
        !pulled)
        return errorReply(pulled.error());
    qCDebug(lcServerApi) << "sync blog" << blogId << "pushed" << sync->changes.size() << "pulled"
                         << response.changes.size();
    return jsonReply(protocol::encode(response));
}

} // namespace inkwell::server
