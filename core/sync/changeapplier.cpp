#include "sync/changeapplier.h"

#include "merge/postmerge.h"
#include "protocol/sync.h"
#include "protocol/validation.h"
#include "store/localstore.h"
#include "store/postrepository.h"
#include "store/syncrepository.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcSync)

namespace inkwell::sync {

namespace {

// The revisions of an answer's list by guid (the server sends each post at most once per list).
QHash<QString, const model::Revision *> byGuid(const QList<model::Revision> &list)
{
    QHash<QString, const model::Revision *> index;
    index.reserve(list.size());
    for (const model::Revision &revision : list)
        index.insert(revision.guid, &revision);
    return index;
}

// The pulled changes minus the ones this very answer reports as our applied pushes (same guid
// and rev): applyResults() has already stored them, so the batch need not read them again.
// The server leaves out the revisions a request created; a replayed op_id's may still be there.
QList<model::Revision> withoutOwnEchoes(const QHash<QString, model::Post> &pushed,
                                        const protocol::SyncResponse &response)
{
    QHash<QString, qint64> applied;
    for (const protocol::ItemResult &result : response.results) {
        const auto it = pushed.constFind(result.opId);
        if (result.status == protocol::ItemStatus::Applied && it != pushed.cend()
            && it->guid == result.guid)
            applied.insert(result.guid, result.rev);
    }
    if (applied.isEmpty())
        return response.changes;
    QList<model::Revision> others;
    for (const model::Revision &change : response.changes) {
        const auto it = applied.constFind(change.guid);
        if (it == applied.cend() || *it != change.rev)
            others.append(change);
    }
    return others;
}

// The version an applied push agreed on: our content at the result's revision, with the
// server's metadata from the result or, from a server that sends none there (a replayed op_id
// whose post has moved on), from that revision in the pulled page. Without either, the names
// are left empty so the stored post keeps its own (see SyncRepository::acknowledgePushes).
model::Revision agreedVersion(const model::Post &post, const protocol::ItemResult &result,
                              const QHash<QString, const model::Revision *> &echoes)
{
    model::Revision agreed{post.guid, result.rev, post.deleted, post.fields, {}, {}, {}};
    // The server keeps a post's last fields as its tombstone and never stores a delete's own
    // fields; a delete applies only on the revision it was based on, so what was agreed is that
    // base. (Taking our fields would make an edit made just before the delete look agreed, and a
    // later restore would then merge it away.)
    if (post.deleted && post.rev > 0)
        agreed.fields = post.base.value_or(post.fields);
    if (result.hasMetadata()) {
        agreed.createdBy = result.createdBy;
        agreed.modifiedBy = result.modifiedBy;
        agreed.modifiedAt = result.modifiedAt;
    } else if (const model::Revision *echo = echoes.value(post.guid);
               echo && echo->rev == result.rev) {
        agreed = *echo; // the server's version of the same content
    }
    return agreed;
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
    auto written = m_store.write(
            [&]() -> Result<void> {
                if (auto ok = applyResults(pushed, response, &report); !ok)
                    return ok;
                if (auto ok = applyPulled(withoutOwnEchoes(pushed, response), &report); !ok)
                    return ok;
                // Kept only if it is ahead: a push alongside answers with its own cursor (SyncRun).
                auto stored = m_store.sync().cursor(m_serverKey, m_blog);
                if (!stored)
                    return stored.error();
                if (*cursor <= *stored)
                    return {};
                return m_store.sync().setCursor(m_serverKey, m_blog, *cursor);
            },
            store::LocalStore::SearchIndexing::Later); // SyncEngine's indexer catches up after the
                                                       // run
    if (!written)
        return written.error();
    report.skipped = response.invalidChanges + report.skipped;
    for (const protocol::InvalidChange &invalid : std::as_const(report.skipped))
        qCWarning(lcSync) << "blog" << m_blog << "post" << invalid.guid << "rev" << invalid.rev
                          << "skipped:" << invalid.error.message;
    return report;
}

Result<void> ChangeApplier::applyResults(const QHash<QString, model::Post> &pushed,
                                         const protocol::SyncResponse &response,
                                         ApplyReport *report)
{
    const auto echoes = byGuid(response.changes);
    const auto conflicts = byGuid(response.conflicts);
    QList<store::Acknowledgement> acknowledgements;
    for (const protocol::ItemResult &result : response.results) {
        const auto it = pushed.constFind(result.opId);
        if (it == pushed.cend() || it->guid != result.guid)
            continue; // not ours: the strict decoder and server make this unreachable
        const model::Post &post = *it;
        if (result.status == protocol::ItemStatus::Applied) {
            model::Revision agreed = agreedVersion(post, result, echoes);
            const bool agreedIsPushed = agreed.fields == post.fields;
            acknowledgements.append({std::move(agreed), post.editCounter, agreedIsPushed});
            m_unacknowledged->remove(post.guid);
            ++report->pushed;
        } else if (result.status == protocol::ItemStatus::Conflict) {
            const model::Revision *theirs = conflicts.value(post.guid);
            if (!theirs)
                return Error{ErrorCode::Malformed,
                             QStringLiteral("conflict without the server's version")};
            if (const model::Post *landed = ownEarlierPush(*theirs)) {
                // An earlier push whose answer was lost did land: acknowledge it; the newer local
                // edit stays pending and goes out on top of it.
                acknowledgements.append(
                        {*theirs, landed->editCounter, theirs->fields == landed->fields});
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
    if (acknowledgements.isEmpty())
        return {};
    auto acknowledged = m_store.sync().acknowledgePushes(acknowledgements);
    if (!acknowledged)
        return acknowledged.error();
    return {};
}

Result<void> ChangeApplier::applyPulled(const QList<model::Revision> &changes, ApplyReport *report)
{
    // Posts without local edits are written in one batch; only pending ones are read and merged.
    auto outcomes = m_store.sync().upsertPageFromServer(m_blog, changes);
    if (!outcomes)
        return outcomes.error();
    for (qsizetype i = 0; i < changes.size(); ++i) {
        const model::Revision &change = changes[i];
        if (outcomes->at(i) == store::PullOutcome::Applied) {
            ++report->pulled;
            if (!change.deleted && !change.fields.cover.isEmpty())
                report->covers.append(change.fields.cover);
        } else if (outcomes->at(i) == store::PullOutcome::LocalChangesPending) {
            if (auto ok = mergePulled(change, report); !ok)
                return ok;
        } else if (outcomes->at(i) == store::PullOutcome::InAnotherBlog) {
            // The server keys posts by blog and guid, so another blog's member could reuse a
            // guid this replica keeps in another blog: that post stays as it is.
            report->skipped.append(
                    {change.guid, change.rev,
                     Error{ErrorCode::InvalidArgument,
                           QStringLiteral("a post with this guid exists in another blog on this "
                                          "computer; this blog's version was not stored")}});
        }
    }
    return {};
}

Result<void> ChangeApplier::mergePulled(const model::Revision &change, ApplyReport *report)
{
    auto local = m_store.posts().post(change.guid);
    if (!local)
        return local.error();
    if (local->rev >= change.rev)
        return {}; // already based on this revision (e.g. our own push echoed back)
    if (const model::Post *landed = ownEarlierPush(change)) {
        // A push of this run that another answer reports (a push alongside, or a retry whose
        // first answer was lost): acknowledge it; a newer local edit stays pending on top.
        if (auto acknowledged = m_store.sync().acknowledgePushes({{change, landed->editCounter}});
            !acknowledged)
            return acknowledged.error();
        m_unacknowledged->remove(change.guid);
        ++report->pushed;
        return {};
    }
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
    const merge::PostMerge result =
            merge::mergePost(base, mine, merge::Version{theirs.fields, theirs.deleted});
    if (!result.isClean()) {
        if (auto ok = m_store.sync().markConflicted(guid, theirs); !ok)
            return ok.error();
        return MergeOutcome::Conflicted;
    }
    auto applied = m_store.sync().applyMerge(theirs, result.merged);
    if (!applied && applied.error().code == ErrorCode::InvalidArgument) {
        // The store refused this one result (nothing was written): the writer settles the post
        // as a conflict, and the rest of the answer still applies.
        qCWarning(lcSync) << "merge of" << guid << "not stored:" << applied.error().message;
        if (auto ok = m_store.sync().markConflicted(guid, theirs); !ok)
            return ok.error();
        return MergeOutcome::Conflicted;
    }
    if (!applied)
        return applied.error();
    return applied->syncStatus == model::SyncStatus::Synced ? MergeOutcome::TookTheirs
                                                            : MergeOutcome::Merged;
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
