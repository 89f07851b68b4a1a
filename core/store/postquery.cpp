#include "store/postquery.h"

#include "model/post.h"

namespace inkwell::store {

namespace {

bool matchesFilter(PostFilter filter, const model::Post &post)
{
    switch (filter) {
    case PostFilter::All:
        return true;
    case PostFilter::Drafts:
        return post.fields.state == model::PublishState::Draft;
    case PostFilter::Published:
        return post.fields.state == model::PublishState::Published;
    case PostFilter::Conflicted:
        return post.syncStatus == model::SyncStatus::Conflicted;
    case PostFilter::Deleted:
        return post.deleted;
    }
    return false;
}

// A conflicted post, from its sync state (post_sync, schema version 9): a condition on p alone,
// so the queries that need no other sync state need no join. Conflicts are few, and the
// subquery reads them from post_sync_by_sync_status.
const QString IsConflicted =
        QStringLiteral("p.id IN (SELECT id FROM post_sync WHERE sync_status = 'conflicted')");

} // namespace

bool isListed(const PostQuery &query, const model::Post &post)
{
    if (query.blog && post.blog != *query.blog)
        return false;
    // Tombstones are hidden except in the Conflicted filter, where only conflicted ones exist,
    // and in the Deleted filter, which lists nothing else.
    if (post.deleted && query.filter != PostFilter::Conflicted
        && query.filter != PostFilter::Deleted)
        return false;
    return matchesFilter(query.filter, post);
}

QString scopeCondition(const PostQuery &query, QVariantList *values)
{
    QString sql;
    if (query.blog) {
        sql += QStringLiteral(" AND p.blog = ?");
        values->append(*query.blog);
    }
    switch (query.filter) {
    case PostFilter::All:
        break;
    case PostFilter::Drafts:
        sql += QStringLiteral(" AND p.state = 'draft'");
        break;
    case PostFilter::Published:
        sql += QStringLiteral(" AND p.state = 'published'");
        break;
    case PostFilter::Conflicted:
        sql += QStringLiteral(" AND ") % IsConflicted;
        break;
    case PostFilter::Deleted:
        sql += QStringLiteral(" AND p.deleted = 1");
        break;
    }
    return sql;
}

QString listingCondition(const PostQuery &query, QVariantList *values)
{
    QString visible = QStringLiteral("p.deleted = 0");
    if (query.filter == PostFilter::Conflicted)
        visible = QStringLiteral("(p.deleted = 0 OR ") % IsConflicted % u')';
    else if (query.filter == PostFilter::Deleted)
        visible = QStringLiteral("p.deleted = 1");
    return visible + scopeCondition(query, values);
}

PageKey PageKey::of(const model::Post &post)
{
    return PageKey{post.modifiedAt, post.guid};
}

} // namespace inkwell::store
