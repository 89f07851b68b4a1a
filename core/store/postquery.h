#pragma once

#include <QDateTime>
#include <QString>
#include <QVariantList>

#include <optional>

namespace inkwell::model {
struct Post;
}

namespace inkwell::store {

// Which posts a list or a search shows: live posts, and in the Conflicted list also conflicted
// tombstones (a local delete that met a server edit is a conflict the writer must settle).
// Deleted lists only tombstones (posts whose history can restore them). Search never shows
// tombstones.
enum class PostFilter {
    All,
    Drafts,
    Published,
    Conflicted,
    Deleted,
};

// The position of one post in the list order (modified time descending, then guid descending);
// a keyset page starts strictly after it.
struct PageKey
{
    QDateTime modifiedAt;
    QString guid;

    static PageKey of(const model::Post &post);
    friend bool operator==(const PageKey &, const PageKey &) = default;
};

// A page of the post list, or the scope of a search.
struct PostQuery
{
    PostFilter filter = PostFilter::All;
    std::optional<QString> blog; // only this blog ("" = local-only posts); nullopt = every blog
    int limit = 50; // at most this many posts (1..1000)
    int offset = 0; // skip this many; ignored when after is set
    std::optional<PageKey> after; // keyset pagination: start after this post (list order only)
};

// The one list rule: whether a list of query's filter and blog shows post. The SQL of
// PostRepository::page() and count() is listingCondition(), built beside it from the same rule.
bool isListed(const PostQuery &query, const model::Post &post);

// The SQL form of isListed() for the posts table as `p`, its values appended to values.
QString listingCondition(const PostQuery &query, QVariantList *values);
// The blog and filter part of it alone (" AND ..." or empty), for search's live posts.
QString scopeCondition(const PostQuery &query, QVariantList *values);

// How many posts wait for the sync (a deletion waiting to be pushed counts), how many for the
// writer's decision (conflicted, deleted or not), and, when asked for, how many live posts are
// synced.
struct StatusCounts
{
    qint64 synced = 0;
    qint64 needsSync = 0;
    qint64 conflicted = 0;

    friend bool operator==(const StatusCounts &, const StatusCounts &) = default;
};

} // namespace inkwell::store
