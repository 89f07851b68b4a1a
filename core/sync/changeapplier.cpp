#include "sync/changeapplier.h"

#include "merge/postmerge.h"
#include "protocol/sync.h"
#include "protocol/validation.h"
#include "store/localstore.h"
#include "store/postrepository.h"
#include "store/syncrepository.h"

namespace inkwell::sync {

namespace {

const model::Revision *findRevision(const QList<model::Revision> &list, const QString &guid,
                                    qint64 rev = -1)
{
    for (const model::Revision &revision : list) {
        if (revision.guid == guid && (rev < 0 || revision.rev == rev))
            return &revision;
    }
    return nullptr;
}

} // namespace

ChangeApplier::ChangeApplier(store::LocalStore &store, QString serverKey, qint64 blog,
                             Unacknowledged *unacknowledged)
    : m_store(store), m_unacknowledged(unacknowledged), m_serverKey(std::move(serverKey)),
      m_blog(QString::number(blog))
{ }

const model::Post *ChangeApplier::ownEarlierPush(const model::Revision &theirs) const
{
    const auto it = m_unacknowledged->constFind(theirs.guid);
    if (it == m_unacknowledged->cend())
        return nullptr;
    for (const model::Post &pushed : *it) {
        if (pushed.deleted == theirs.deleted && (theirs.deleted || pushed.fields == theirs.fields))
            return &pushed;
    }
    return nullptr;
}

Result<ApplyReport> ChangeApplier::apply(const QHash<QString, model::Post> &pushed,
                                         const protocol::SyncResponse &response)
{
    const auto cursor = protocol::parseCursor(response.cursor);
    if (!cursor)
        return Error{ErrorCode::Malformed, QStringLiteral("the server sent an invalid cursor")};
    ApplyReport report;
    auto written = m_store.write([&]() -> Result<void> {
        if (auto ok = applyResults(pushed, response, &report); !ok)
            return ok;
        for (const model::Revision &change : response.changes) {
            if (auto ok = applyPulled(change, &report); !ok)
                return ok;
        }
        return m_store.sync().setCursor(m_serverKey, m_blog, *cursor);
    });
    if (!written)
        return written.error();
    return report;
}

Result<void> ChangeApplier::applyResults(const QHash<QString, model::Post> &pushed,
                                         const protocol::SyncResponse &response,
                                         ApplyReport *report)
{
    for (const protocol::ItemResult &result : response.results) {
        const auto it = pushed.constFind(result.opId);
        if (it == pushed.cend() || it->guid != result.guid)
            continue; // not ours: the strict decoder and server make this unreachable
        const model::Post &post = *it;
        if (result.status == protocol::ItemStatus::Applied) {
            model::Revision agreed{post.guid,   result.rev,     post.deleted,
                                   post.fields, post.createdBy, post.modifiedBy,
                                   {}};
            if (const auto *echo = findRevision(response.changes, post.guid, result.rev))
                agreed = *echo; // carries the server's metadata for the same content
            auto ack = m_store.sync().acknowledgePush(agreed, post.editCounter);
            if (!ack)
                return ack.error();
            m_unacknowledged->remove(post.guid);
            ++report->pushed;
        } else if (result.status == protocol::ItemStatus::Conflict) {
            const model::Revision *theirs = findRevision(response.conflicts, post.guid);
            if (!theirs)
                return Error{ErrorCode::Malformed,
                             QStringLiteral("conflict without the server's version")};
            if (const model::Post *landed = ownEarlierPush(*theirs)) {
                // An earlier push whose answer was lost did land: acknowledge it; the newer local
                // edit stays pending and goes out on top of it.
                auto ack = m_store.sync().acknowledgePush(*theirs, landed->editCounter);
                if (!ack)
                    return ack.error();
                m_unacknowledged->remove(post.guid);
                ++report->pushed;
                continue;
            }
            auto local = m_store.posts().post(post.guid);
            if (!local)
                return local.error();
            auto outcome = mergeWithServer(*local, *theirs);
            if (!outcome)
                return outcome.error();
            count(*outcome, report);
        } else {
            const QString text = result.error.message.isEmpty() ? errorText(result.error.code)
                                                                : result.error.message;
            if (auto ok = m_store.sync().setPostError(post.guid, text); !ok)
                return ok;
            report->rejected.append({post.guid, result.error});
        }
    }
    return {};
}

Result<void> ChangeApplier::applyPulled(const model::Revision &change, ApplyReport *report)
{
    if (change.deleted) {
        auto local = m_store.posts().post(change.guid);
        if (!local && local.error().code != ErrorCode::NotFound)
            return local.error();
        if (!local)
            return {}; // a tombstone of a post this replica never had: nothing to keep
    }
    // The common case (no local edits) is one call; only pending posts are read and merged.
    auto outcome = m_store.sync().upsertFromServer(m_blog, change);
    if (!outcome)
        return outcome.error();
    if (*outcome == store::PullOutcome::Applied) {
        ++report->pulled;
        if (!change.deleted && !change.fields.cover.isEmpty())
            report->covers.append(change.fields.cover);
        return {};
    }
    if (*outcome == store::PullOutcome::Unchanged)
        return {};
    auto local = m_store.posts().post(change.guid);
    if (!local)
        return local.error();
    if (local->rev >= change.rev)
        return {}; // already based on this revision (e.g. our own push echoed back)
    auto merged = mergeWithServer(*local, change);
    if (!merged)
        return merged.error();
    count(*merged, report);
    return {};
}

Result<ChangeApplier::MergeOutcome> ChangeApplier::mergeWithServer(const model::Post &current,
                                                                   const model::Revision &theirs)
{
    const model::Post *local = &current;
    const QString &guid = current.guid;
    if (local->syncStatus == model::SyncStatus::Conflicted) {
        // Still waiting for the writer: show the newest server version in the merge window.
        if (auto ok = m_store.sync().markConflicted(guid, theirs); !ok)
            return ok.error();
        return MergeOutcome::Skipped;
    }
    const merge::Version base{local->base.value_or(model::PostFields{}), false};
    const merge::Version mine{local->fields, local->deleted};
    const merge::Version server{theirs.fields, theirs.deleted};
    const merge::PostMerge result = merge::mergePost(base, mine, server);
    if (!result.isClean()) {
        if (auto ok = m_store.sync().markConflicted(guid, theirs); !ok)
            return ok.error();
        return MergeOutcome::Conflicted;
    }
    auto applied = m_store.sync().applyMerge(theirs, result.merged.fields);
    if (!applied)
        return applied.error();
    if (result.merged.deleted && !theirs.deleted) {
        if (auto ok = m_store.posts().remove(guid); !ok)
            return ok.error();
    }
    return result.merged == server ? MergeOutcome::TookTheirs : MergeOutcome::Merged;
}

void ChangeApplier::count(MergeOutcome outcome, ApplyReport *report)
{
    switch (outcome) {
    case MergeOutcome::Merged:
        ++report->merged;
        break;
    case MergeOutcome::TookTheirs:
        ++report->pulled;
        break;
    case MergeOutcome::Conflicted:
        ++report->conflicts;
        break;
    case MergeOutcome::Skipped:
        break;
    }
}

} // namespace inkwell::sync
