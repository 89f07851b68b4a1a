#include "server/store/serverstore.h"

#include "publish/siteurls.h"
#include "publish/slug.h"

#include "server/store/database.h"
#include "server/store/pushbatch.h"
#include "server/store/sitewriter.h"
#include "server/store/statement.h"

namespace inkwell::server::store {

namespace {

const QString siteColumns = QStringLiteral(
        "p.guid, p.rev, p.deleted, p.fields, p.created_by, p.modified_by, p.modified_at,"
        " s.published_at, ps.slug FROM site_posts s JOIN posts p ON p.blog_id = s.blog_id AND"
        " p.guid = s.guid JOIN post_slugs ps ON ps.blog_id = s.blog_id AND ps.guid = s.guid AND"
        " ps.current = 1");

// Joined after the posts p: only those carrying the tag (the statement's first value).
QString tagCondition(Driver driver)
{
    return driver == Driver::Postgres
            ? QStringLiteral(" AND CAST(p.fields AS jsonb)->'tags' @> jsonb_build_array(CAST(? AS"
                             " text))")
            : QStringLiteral(" AND EXISTS (SELECT 1 FROM json_each(p.fields, '$.tags') t WHERE"
                             " t.value = ?)");
}

SitePost sitePostFrom(const Statement &row)
{
    return SitePost{revisionFrom(row, 0), row.value(8).toString(),
                    QDateTime::fromMSecsSinceEpoch(row.value(7).toLongLong(), Qt::UTC)};
}

const QString blogColumns =
        QStringLiteral("SELECT id, name, COALESCE(slug, ''), description, public, last_rev,"
                       " site_rev FROM blogs");

SiteBlog siteBlogFrom(const Statement &row)
{
    return SiteBlog{row.value(0).toLongLong(), row.value(1).toString(),   row.value(2).toString(),
                    row.value(3).toString(),   row.value(4).toInt() != 0, row.value(5).toLongLong(),
                    row.value(6).toLongLong()};
}

Result<std::optional<SiteBlog>> blogWhere(QSqlDatabase &db, const QString &condition,
                                          const QVariant &value)
{
    bool found = false;
    Result<Statement> row = queryRow(db, blogColumns + condition, {value}, &found);
    if (!row)
        return row.error();
    return found ? std::optional<SiteBlog>(siteBlogFrom(*row)) : std::nullopt;
}

bool isValidSlug(const QString &slug)
{
    return !slug.isEmpty() && publish::Slug::fromTitle(slug) == slug;
}

// A blog slug from the name that no other blog has.
Result<QString> unusedBlogSlug(QSqlDatabase &db, const QString &name)
{
    const QString base = publish::Slug::fromTitle(name);
    for (int n = 1; n <= 1000; ++n) {
        const QString candidate = n == 1 ? base : base + u'-' + QString::number(n);
        Result<std::optional<SiteBlog>> taken =
                blogWhere(db, QStringLiteral(" WHERE slug = ?"), candidate);
        if (!taken)
            return taken.error();
        if (!*taken)
            return candidate;
    }
    return Error{ErrorCode::Conflict, QStringLiteral("no free slug for the blog; give one")};
}

Result<void> applySettings(QSqlDatabase &db, SiteBlog &blog, const SiteSettings &settings)
{
    if (settings.slug) {
        if (!isValidSlug(*settings.slug))
            return Error{ErrorCode::InvalidArgument,
                         QStringLiteral("a slug holds lower-case letters, digits and single "
                                        "hyphens between them")};
        Result<std::optional<SiteBlog>> other =
                blogWhere(db, QStringLiteral(" WHERE slug = ?"), *settings.slug);
        if (!other)
            return other.error();
        if (*other && (*other)->id != blog.id)
            return Error{ErrorCode::Conflict, QStringLiteral("another blog has that slug")};
        blog.slug = *settings.slug;
    }
    if (settings.isPublic)
        blog.isPublic = *settings.isPublic;
    if (settings.description)
        blog.description = *settings.description;
    if (blog.isPublic && blog.slug.isEmpty()) {
        Result<QString> slug = unusedBlogSlug(db, blog.name);
        if (!slug)
            return slug.error();
        blog.slug = *slug;
    }
    Result<Statement> written = execute(
            db,
            QStringLiteral("UPDATE blogs SET public = ?, slug = ?, description = ? WHERE id = ?"),
            {blog.isPublic ? 1 : 0, blog.slug.isEmpty() ? QVariant() : QVariant(blog.slug),
             blog.description, blog.id});
    return written ? Result<void>() : Result<void>(written.error());
}

} // namespace

Result<std::optional<SiteBlog>> ServerStore::siteBlog(const QString &slug) const
{
    Result<QSqlDatabase> db = m_database->connection();
    if (!db)
        return db.error();
    return blogWhere(*db, QStringLiteral(" WHERE slug = ? AND public = 1"), slug);
}

Result<std::optional<SiteBlog>> ServerStore::siteBlogById(qint64 blogId) const
{
    Result<QSqlDatabase> db = m_database->connection();
    if (!db)
        return db.error();
    return blogWhere(*db, QStringLiteral(" WHERE id = ?"), blogId);
}

Result<SiteBlog> ServerStore::setSiteSettings(qint64 blogId, const SiteSettings &settings) const
{
    SiteBlog blog;
    Result<void> done = m_database->transaction([&](QSqlDatabase &db) -> Result<void> {
        Result<std::optional<SiteBlog>> current =
                blogWhere(db, QStringLiteral(" WHERE id = ?"), blogId);
        if (!current)
            return current.error();
        if (!*current)
            return Error{ErrorCode::NotFound, QStringLiteral("no such blog")};
        blog = **current;
        return applySettings(db, blog, settings);
    });
    if (!done)
        return done.error();
    return blog;
}

Result<SitePostPage> ServerStore::sitePosts(qint64 blogId, int offset, int limit,
                                            const QString &tag) const
{
    Result<QSqlDatabase> db = m_database->connection();
    if (!db)
        return db.error();
    QString sql = QStringLiteral("SELECT ") + siteColumns;
    QVariantList values;
    if (!tag.isEmpty()) {
        sql += tagCondition(m_database->driver());
        values.append(tag);
    }
    sql += QStringLiteral(" WHERE s.blog_id = ? AND s.visible = 1");
    values.append(blogId);
    sql += QStringLiteral(" ORDER BY s.published_at DESC, s.guid DESC LIMIT ? OFFSET ?");
    values << qint64(limit) + 1 << qint64(offset);
    Result<Statement> rows = execute(*db, sql, values, Plan::Cached);
    if (!rows)
        return rows.error();
    SitePostPage page;
    while (rows->next()) {
        if (page.posts.size() == limit) {
            page.more = true;
            break;
        }
        page.posts.append(sitePostFrom(*rows));
    }
    return page;
}

Result<qint64> ServerStore::sitePostCount(qint64 blogId, const QString &tag) const
{
    Result<QSqlDatabase> db = m_database->connection();
    if (!db)
        return db.error();
    QString sql = QStringLiteral("SELECT count(*) FROM site_posts s");
    QVariantList values;
    if (!tag.isEmpty()) {
        sql += QStringLiteral(" JOIN posts p ON p.blog_id = s.blog_id AND p.guid = s.guid")
                + tagCondition(m_database->driver());
        values.append(tag);
    }
    sql += QStringLiteral(" WHERE s.blog_id = ? AND s.visible = 1");
    values.append(blogId);
    Result<Statement> row = execute(*db, sql, values, Plan::Cached);
    if (!row)
        return row.error();
    return row->next() ? row->value(0).toLongLong() : 0;
}

Result<QString> ServerStore::siteListingVersion(qint64 blogId, qint64 offset, int limit) const
{
    const Result<qint64> count = sitePostCount(blogId);
    if (!count)
        return count.error();
    QString version = QString::number(*count);
    if (offset >= *count)
        return version; // a page past the last: nothing to list
    Result<QSqlDatabase> db = m_database->connection();
    if (!db)
        return db.error();
    Result<Statement> rows = execute(
            *db,
            QStringLiteral("SELECT s.guid, p.rev FROM site_posts s JOIN posts p ON p.blog_id ="
                           " s.blog_id AND p.guid = s.guid WHERE s.blog_id = ? AND s.visible = 1"
                           " ORDER BY s.published_at DESC, s.guid DESC LIMIT ? OFFSET ?"),
            {blogId, qint64(limit), offset}, Plan::Cached);
    if (!rows)
        return rows.error();
    while (rows->next())
        version += u' ' + rows->value(0).toString() + u':' + rows->value(1).toString();
    return version;
}

Result<QStringList> ServerStore::siteTags(qint64 blogId) const
{
    Result<QSqlDatabase> db = m_database->connection();
    if (!db)
        return db.error();
    const QString sql = m_database->driver() == Driver::Postgres
            ? QStringLiteral("SELECT DISTINCT jsonb_array_elements_text(CAST(p.fields AS jsonb)"
                             "->'tags') AS tag FROM site_posts s JOIN posts p ON p.blog_id ="
                             " s.blog_id AND p.guid = s.guid WHERE s.blog_id = ? AND"
                             " s.visible = 1 ORDER BY tag")
            : QStringLiteral("SELECT DISTINCT t.value FROM site_posts s JOIN posts p ON"
                             " p.blog_id = s.blog_id AND p.guid = s.guid JOIN"
                             " json_each(p.fields, '$.tags') t WHERE s.blog_id = ? AND"
                             " s.visible = 1 ORDER BY t.value");
    Result<Statement> rows = execute(*db, sql, {blogId});
    if (!rows)
        return rows.error();
    QStringList tags;
    while (rows->next())
        tags.append(rows->value(0).toString());
    return tags;
}

Result<SiteLookup> ServerStore::sitePost(qint64 blogId, const QString &slug) const
{
    Result<QSqlDatabase> db = m_database->connection();
    if (!db)
        return db.error();
    bool found = false;
    Result<Statement> row = queryRow(
            *db,
            QStringLiteral("SELECT ") + siteColumns
                    + QStringLiteral(" JOIN post_slugs asked ON asked.blog_id = s.blog_id AND"
                                     " asked.guid = s.guid WHERE s.blog_id = ? AND"
                                     " s.visible = 1 AND asked.slug = ?"),
            {blogId, slug}, &found);
    if (!row)
        return row.error();
    SiteLookup lookup;
    if (!found)
        return lookup;
    SitePost post = sitePostFrom(*row);
    if (post.slug == slug)
        lookup.post = std::move(post);
    else
        lookup.redirectTo = post.slug;
    return lookup;
}

Result<std::optional<QString>> ServerStore::sitePostSlug(qint64 blogId, const QString &guid) const
{
    Result<QSqlDatabase> db = m_database->connection();
    if (!db)
        return db.error();
    bool found = false;
    Result<Statement> row = queryRow(
            *db,
            QStringLiteral("SELECT ps.slug FROM site_posts s JOIN post_slugs ps ON ps.blog_id ="
                           " s.blog_id AND ps.guid = s.guid AND ps.current = 1 WHERE"
                           " s.blog_id = ? AND s.guid = ? AND s.visible = 1"),
            {blogId, guid}, &found);
    if (!row)
        return row.error();
    return found ? std::optional<QString>(row->value(0).toString()) : std::nullopt;
}

Result<void> ServerStore::renamePostSlug(qint64 blogId, const QString &guid,
                                         const QString &slug) const
{
    if (!isValidSlug(slug) || publish::SiteUrls::isReservedSlug(slug))
        return Error{ErrorCode::InvalidArgument, QStringLiteral("not a valid post slug")};
    return m_database->transaction([&](QSqlDatabase &db) -> Result<void> {
        bool found = false;
        Result<Statement> owner = queryRow(
                db, QStringLiteral("SELECT guid FROM post_slugs WHERE blog_id = ? AND slug = ?"),
                {blogId, slug}, &found);
        if (!owner)
            return owner.error();
        if (found && owner->value(0).toString() != guid)
            return Error{ErrorCode::Conflict, QStringLiteral("another post has that slug")};
        Result<Statement> old = execute(
                db,
                QStringLiteral("UPDATE post_slugs SET current = 0 WHERE blog_id = ? AND guid = ?"),
                {blogId, guid});
        if (!old)
            return old.error();
        Result<Statement> bumped =
                execute(db, QStringLiteral("UPDATE blogs SET site_rev = site_rev + 1 WHERE id = ?"),
                        {blogId});
        if (!bumped)
            return bumped.error();
        Result<Statement> current = execute(
                db,
                QStringLiteral("INSERT INTO post_slugs (blog_id, slug, guid, current, created_at)"
                               " VALUES (?, ?, ?, 1, ?) ON CONFLICT (blog_id, slug) DO UPDATE"
                               " SET current = 1"),
                {blogId, slug, guid, QDateTime::currentMSecsSinceEpoch()});
        return current ? Result<void>() : Result<void>(current.error());
    });
}

} // namespace inkwell::server::store
