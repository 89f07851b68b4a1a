#include "server/store/sitewriter.h"

#include "publish/slug.h"
#include "server/store/database.h"
#include "server/store/statement.h"

#include <QSet>

namespace inkwell::server::store {

namespace {

Result<void> done(const Result<Statement> &statement)
{
    return statement ? Result<void>() : Result<void>(statement.error());
}

Result<void> show(QSqlDatabase &db, qint64 blogId, const SiteChange &change)
{
    Result<Statement> listed =
            execute(db,
                    QStringLiteral("INSERT INTO site_posts (blog_id, guid, published_at, visible)"
                                   " VALUES (?, ?, ?, 1) ON CONFLICT (blog_id, guid)"
                                   " DO UPDATE SET visible = 1"),
                    {blogId, change.guid, change.at});
    if (!listed)
        return listed.error();
    bool found = false;
    Result<Statement> slug = queryRow(db,
                                      QStringLiteral("SELECT slug FROM post_slugs WHERE blog_id"
                                                     " = ? AND guid = ? AND current = 1"),
                                      {blogId, change.guid}, &found);
    if (!slug)
        return slug.error();
    if (found)
        return {};
    Result<QString> unused = unusedPostSlug(db, blogId, change.title);
    if (!unused)
        return unused.error();
    return done(execute(db,
                        QStringLiteral("INSERT INTO post_slugs (blog_id, slug, guid, current,"
                                       " created_at) VALUES (?, ?, ?, 1, ?)"),
                        {blogId, *unused, change.guid, change.at}));
}

} // namespace

Result<QString> unusedPostSlug(QSqlDatabase &db, qint64 blogId, const QString &title)
{
    const QString base = publish::Slug::fromTitle(title);
    // Slugs hold only [a-z0-9-], so the LIKE pattern has no wildcard of its own.
    Result<Statement> taken = execute(db,
                                      QStringLiteral("SELECT slug FROM post_slugs WHERE blog_id"
                                                     " = ? AND (slug = ? OR slug LIKE ?)"),
                                      {blogId, base, QString(base + QStringLiteral("-%"))});
    if (!taken)
        return taken.error();
    QSet<QString> used;
    while (taken->next())
        used.insert(taken->value(0).toString());
    return publish::Slug::unique(base,
                                 [&used](const QString &slug) { return used.contains(slug); });
}

Result<void> updateSite(QSqlDatabase &db, qint64 blogId, const QList<SiteChange> &changes)
{
    for (const SiteChange &change : changes) {
        Result<void> written = change.visible
                ? show(db, blogId, change)
                : done(execute(db,
                               QStringLiteral("UPDATE site_posts SET visible = 0 WHERE blog_id"
                                              " = ? AND guid = ?"),
                               {blogId, change.guid}));
        if (!written)
            return written;
    }
    return {};
}

} // namespace inkwell::server::store
