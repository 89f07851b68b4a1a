// The batch primitives of SyncRepository, kept apart from syncrepository.cpp: a pulled page, a
// push's acknowledgements and the pending list are each handled with a few cached statements
// and one read for the whole batch instead of a read per post.
#include "store/syncrepository.h"

#include "store/localstore.h"
#include "store/postaccess.h"
#include "store/postrow.h"
#include "store/threadconnection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringBuilder>

namespace inkwell::store {

namespace {

// What a batch needs to know about a stored post before it writes.
struct StoredState
{
    QString blog;
    model::SyncStatus status = model::SyncStatus::Synced;
    qint64 rev = 0;
    qint64 editCounter = 0;
    QString createdBy;
    QString modifiedBy;
};

// One JSON array bound to a single placeholder: "guid IN (SELECT value FROM json_each(?))".
QString jsonList(const QStringList &values)
{
    return QString::fromUtf8(
            QJsonDocument(QJsonArray::fromStringList(values)).toJson(QJsonDocument::Compact));
}

Result<QHash<QString, StoredState>> storedStates(ThreadConnection &connection,
                                                 const QStringList &guids)
{
    auto statement = connection.statement(
            QStringLiteral("SELECT p.guid, s.blog, s.sync_status, s.rev, s.edit_counter, "
                           "s.created_by, s.modified_by FROM ")
            % postrow::tables()
            % QStringLiteral(" WHERE p.guid IN (SELECT value FROM json_each(?))"));
    if (!statement)
        return statement.error();
    if (auto done = statement->exec({jsonList(guids)}, QStringLiteral("reading post states"));
        !done)
        return done.error();
    QHash<QString, StoredState> states;
    while (statement->next()) {
        const Statement &q = *statement;
        StoredState state;
        state.blog = q.text(1);
        if (!model::parseSyncStatus(q.text(2), &state.status))
            state.status = model::SyncStatus::Conflicted; // unknown: never overwrite it
        state.rev = q.integer(3);
        state.editCounter = q.integer(4);
        state.createdBy = q.text(5);
        state.modifiedBy = q.text(6);
        states.insert(q.text(0), state);
    }
    if (auto status = statement->status(QStringLiteral("reading post states")); !status)
        return status.error();
    return states;
}

model::Post newPulledPost(const QString &blog, const model::Revision &revision)
{
    model::Post post;
    post.guid = revision.guid;
    post.blog = blog;
    post.modifiedAt = revision.modifiedAt.isValid() ? revision.modifiedAt : postrow::now();
    post.createdAt = post.modifiedAt;
    post.fields = revision.fields;
    post.base = revision.fields;
    post.deleted = revision.deleted;
    post.syncStatus = model::SyncStatus::Synced;
    post.rev = revision.rev;
    post.createdBy = revision.createdBy;
    post.modifiedBy = revision.modifiedBy;
    return post;
}

} // namespace

Result<QList<PullOutcome>> SyncRepository::upsertPageFromServer(
        const QString &blog, const QList<model::Revision> &revisions)
{
    QStringList guids;
    guids.reserve(revisions.size());
    for (const model::Revision &revision : revisions) {
        if (!model::isValidGuid(revision.guid) || revision.rev <= 0)
            return Error{ErrorCode::InvalidArgument,
                         QStringLiteral("a pulled revision needs a guid and rev")};
        if (auto valid = postaccess::validate(revision.fields); !valid)
            return valid.error();
        guids.append(revision.guid);
    }
    QList<PullOutcome> outcomes;
    auto written = m_store.change([&]() -> Result<void> {
        auto connection = m_store.connection();
        if (!connection)
            return connection.error();
        auto states = storedStates(**connection, guids);
        if (!states)
            return states.error();
        // Posts new to this store are written together, in a few multi-row statements (see
        // postaccess::insert); before any other write so the order of writes is kept.
        QList<model::Post> fresh;
        const auto writeFresh = [&]() -> Result<void> {
            if (auto ok = postaccess::insert(**connection, fresh); !ok)
                return ok;
            for (const model::Post &post : std::as_const(fresh))
                m_store.notePostChanged(*connection, post.guid);
            fresh.clear();
            return {};
        };
        // Newer revisions of stored posts without local changes, likewise written together
        // (postaccess::replaceFromServer), at most one per guid.
        QList<model::Post> replaced;
        QHash<QString, qsizetype> replacedAt;
        const auto writeReplaced = [&]() -> Result<void> {
            if (auto ok = postaccess::replaceFromServer(**connection, replaced); !ok)
                return ok;
            for (const model::Post &post : std::as_const(replaced))
                m_store.notePostChanged(*connection, post.guid);
            return {};
        };
        for (const model::Revision &revision : revisions) {
            const auto it = states->constFind(revision.guid);
            if (it == states->cend()) {
                if (revision.deleted) {
                    outcomes.append(PullOutcome::Unchanged); // never had it: nothing to keep
                    continue;
                }
                fresh.append(newPulledPost(blog, revision));
                states->insert(
                        revision.guid,
                        StoredState{blog, model::SyncStatus::Synced, revision.rev, 0, {}, {}});
                outcomes.append(PullOutcome::Applied);
                continue;
            }
            if (auto ok = writeFresh(); !ok)
                return ok;
            if (it->blog != blog) {
                outcomes.append(PullOutcome::InAnotherBlog);
                continue;
            }
            if (it->status != model::SyncStatus::Synced) {
                outcomes.append(PullOutcome::LocalChangesPending);
                continue;
            }
            if (revision.rev <= it->rev) {
                outcomes.append(PullOutcome::Unchanged); // e.g. our own push echoed back
                continue;
            }
            const auto at = replacedAt.constFind(revision.guid);
            if (at == replacedAt.cend()) {
                replacedAt.insert(revision.guid, replaced.size());
                replaced.append(newPulledPost(blog, revision));
            } else {
                replaced[*at] = newPulledPost(blog, revision);
            }
            (*states)[revision.guid].rev = revision.rev;
            outcomes.append(PullOutcome::Applied);
        }
        if (auto ok = writeFresh(); !ok)
            return ok;
        return writeReplaced();
    });
    if (!written)
        return written.error();
    return outcomes;
}

Result<QList<PushOutcome>> SyncRepository::acknowledgePushes(
        const QList<Acknowledgement> &acknowledgements)
{
    QStringList guids;
    for (const Acknowledgement &ack : acknowledgements)
        guids.append(ack.agreed.guid);
    QList<PushOutcome> outcomes;
    auto written = m_store.change([&]() -> Result<void> {
        auto connection = m_store.connection();
        if (!connection)
            return connection.error();
        auto states = storedStates(**connection, guids);
        if (!states)
            return states.error();
        for (const Acknowledgement &ack : acknowledgements) {
            const auto it = states->find(ack.agreed.guid);
            if (it == states->end())
                return Error{ErrorCode::NotFound, QStringLiteral("no post ") + ack.agreed.guid};
            const bool unedited = it->editCounter == ack.expectedEditCounter;
            auto outcome = storeAcknowledgement(*connection, ack, unedited, &it->rev);
            if (!outcome)
                return outcome.error();
            const bool matches = unedited && it->status == model::SyncStatus::NeedsSync;
            outcomes.append(matches ? PushOutcome::Synced : PushOutcome::StillPending);
            if (matches)
                it->status = model::SyncStatus::Synced;
        }
        return {};
    });
    if (!written)
        return written.error();
    return outcomes;
}

Result<void> SyncRepository::storeAcknowledgement(ThreadConnection *connection,
                                                  const Acknowledgement &ack, bool unedited,
                                                  qint64 *storedRev)
{
    const model::Revision &agreed = ack.agreed;
    if (agreed.rev < *storedRev) {
        return Error{ErrorCode::InvalidArgument,
                     QStringLiteral("acknowledged rev %1 is older than the stored rev %2")
                             .arg(agreed.rev)
                             .arg(*storedRev)};
    }
    // The edit-counter check is part of the statement, so it sees the row as it is now. When the
    // agreed fields are the post's own (the usual case: no edit since the push) only the small
    // post_sync row is written, with base_is_fields set (postrow::baseIsOwnFields()); else
    // posts.base takes their JSON, built by SQLite from the same values. A statement per post:
    // a multi-row UPDATE ... FROM (VALUES ...) first copies every bound body into a temporary
    // table, and one statement with RETURNING for the flag was slower still.
    // When the agreed fields are the ones pushed and the post is unedited since (?11), they are
    // known to be its own without comparing: the post's row is not read at all (a push of 1,000
    // read each of them a second time here, the page cache holding a quarter of them).
    const bool ownFields = ack.agreedIsPushed && unedited;
    static const QString agreedIsFields =
            QStringLiteral("title = ?2 AND body = ?3 AND tags = ?4 AND state = ?5 AND cover = ?6");
    static const QString baseSql =
            QStringLiteral("UPDATE posts SET base = json_object('title', ?2, 'body', ?3, "
                           "'tags', json(?4), 'status', ?5, 'cover', ?6) "
                           "WHERE guid = ?1 AND NOT (")
            % agreedIsFields % u')';
    static const QString syncSql =
            QStringLiteral("UPDATE post_sync SET rev = ?7, base_is_fields = CASE WHEN ?11 "
                           "THEN 1 ELSE (SELECT ")
            % agreedIsFields
            % QStringLiteral(" FROM posts WHERE posts.id = post_sync.id) END, last_error = '', "
                             "created_by = CASE WHEN ?8 = '' THEN created_by ELSE ?8 END, "
                             "modified_by = CASE WHEN ?9 = '' THEN modified_by ELSE ?9 END, "
                             "sync_status = CASE WHEN edit_counter = ?10 "
                             "AND sync_status = 'needs-sync' THEN 'synced' ELSE sync_status END "
                             "WHERE id = (SELECT id FROM posts WHERE guid = ?1)");
    // With ownFields the statements never read the fields (?2 to ?6): left empty, so a body is
    // not converted to UTF-8 and its tags not written as JSON for nothing.
    const model::PostFields &fields = agreed.fields;
    const QVariantList values{agreed.guid,
                              ownFields ? QString() : fields.title,
                              ownFields ? QString() : fields.body,
                              ownFields ? QString() : postrow::tagsJson(fields.tags),
                              ownFields ? QString() : model::publishStateName(fields.state),
                              ownFields ? QString() : fields.cover,
                              agreed.rev,
                              agreed.createdBy,
                              agreed.modifiedBy,
                              ack.expectedEditCounter,
                              ownFields ? 1 : 0};
    const auto run = [&](const QString &sql, qsizetype count) -> Result<void> {
        auto statement = connection->statement(sql);
        if (!statement)
            return statement.error();
        return statement->exec(values.mid(0, count), QStringLiteral("acknowledging a push"));
    };
    // The base statement takes the first six values (guid and fields), and has nothing to write
    // when the base is the post's own fields; the sync statement takes all eleven.
    if (!ownFields) {
        if (auto done = run(baseSql, 6); !done)
            return done;
    }
    if (auto done = run(syncSql, 11); !done)
        return done;
    *storedRev = agreed.rev;
    m_store.notePostChanged(connection, agreed.guid);
    return {};
}

Result<QList<PendingVersion>> SyncRepository::pendingVersions(const QString &blog)
{
    auto connection = m_store.connection();
    if (!connection)
        return connection.error();
    auto statement =
            (*connection)
                    ->statement(QStringLiteral("SELECT guid, edit_counter, rev FROM post_sync "
                                               "WHERE blog = ? AND sync_status = 'needs-sync' "
                                               "ORDER BY modified_at, id"));
    if (!statement)
        return statement.error();
    if (auto done = statement->exec({blog}, QStringLiteral("listing pending posts")); !done)
        return done.error();
    QList<PendingVersion> versions;
    while (statement->next()) {
        const Statement &q = *statement;
        versions.append({q.text(0), q.integer(1), q.integer(2)});
    }
    if (auto status = statement->status(QStringLiteral("listing pending posts")); !status)
        return status.error();
    return versions;
}

Result<QList<model::Post>> SyncRepository::postsToPush(const QStringList &guids)
{
    auto connection = m_store.connection();
    if (!connection)
        return connection.error();
    auto statement = (*connection)
                             ->statement(QStringLiteral("SELECT ") % postrow::columns()
                                         % QStringLiteral(" FROM ") % postrow::tables()
                                         % QStringLiteral(" WHERE p.guid IN "
                                                          "(SELECT value FROM json_each(?))"));
    if (!statement)
        return statement.error();
    if (auto done = statement->exec({jsonList(guids)}, QStringLiteral("reading posts")); !done)
        return done.error();
    QList<model::Post> posts;
    while (statement->next())
        posts.append(postrow::readPost(*statement, postrow::BaseFields::OfTombstones));
    if (auto status = statement->status(QStringLiteral("reading posts")); !status)
        return status.error();
    return posts;
}

} // namespace inkwell::store
