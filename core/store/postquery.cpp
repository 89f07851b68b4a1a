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
    }
    return false;
}

} // namespace

bool isListed(const PostQuery &query, const model::Post &post)
{
    if (query.blog && post.blog != *query.blog)
        return false;
    // Tombstones are hidden except in the Conflicted filter, where only conflicted ones exist.
    if (post.deleted && query.filter != PostFilter::Conflicted)
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
        sql += QStringLiteral(" AND p.sync_status = 'conflicted'");
        break;
    }
    return sql;
}

QString listingCondition(const PostQuery &query, QVariantList *values)
{
    const QString visible = query.filter == PostFilter::Conflicted
            ? QStringLiteral("(p.deleted = 0 OR p.sync_status = 'conflicted')")
            : QStringLiteral("p.deleted = 0");
    return visible + scopeCondition(query, values);
}

PageKey PageKey::of(const model::Post &post)
{
    return PageKey{post.modifiedAt, post.guid};
}

} // namespace inkwell::store
