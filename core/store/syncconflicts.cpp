// SyncRepository::conflictedPosts, kept apart from syncrepository.cpp: the list of conflicts the
// writer has to settle, including deletes that met an edit on the server.
#include "store/syncrepository.h"

#include "store/localstore.h"
#include "store/postrow.h"
#include "store/threadconnection.h"

#include <QStringBuilder>

namespace inkwell::store {

Result<QList<model::Post>> SyncRepository::conflictedPosts(const std::optional<QString> &blog)
{
    auto connection = m_store.connection();
    if (!connection)
        return connection.error();
    QString sql = QStringLiteral("SELECT ") % postrow::columns() % QStringLiteral(" FROM ")
            % postrow::tables() % QStringLiteral(" WHERE s.sync_status = 'conflicted'");
    QVariantList values;
    if (blog) {
        sql += QStringLiteral(" AND s.blog = ?");
        values << *blog;
    }
    sql += QStringLiteral(" ORDER BY s.modified_at, s.id");
    auto statement = (*connection)->statement(sql);
    if (!statement)
        return statement.error();
    if (auto done = statement->exec(values, QStringLiteral("listing conflicts")); !done)
        return done.error();
    QList<model::Post> posts;
    while (statement->next())
        posts.append(postrow::readPost(*statement));
    if (auto status = statement->status(QStringLiteral("listing conflicts")); !status)
        return status.error();
    return posts;
}

} // namespace inkwell::store
