// ServerStore: the database identity (epoch) and consistent SQLite backups.
#include "server/store/serverstore.h"

#include "server/store/database.h"
#include "server/store/migrations.h"
#include "server/store/storelogging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace inkwell::server::store {

namespace {

const QString epochQuery = QStringLiteral("SELECT epoch FROM server_identity WHERE id = 1");

Error noEpoch()
{
    return Error{ErrorCode::DatabaseCorrupt,
                 QStringLiteral("the database has no identity (server_identity is empty)")};
}

// Removes the copy and its SQLite side files.
void removeCopy(const QString &path)
{
    for (const QString &suffix :
         {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")})
        QFile::remove(path + suffix);
}

// Gives the (closed) SQLite file at path a fresh epoch; returns it.
Result<QString> renewEpochOfCopy(const QString &path)
{
    Result<std::shared_ptr<ServerStore>> copy =
            ServerStore::open(QStringLiteral("sqlite:") + path, OpenMode::RequireCurrentSchema);
    if (!copy)
        return copy.error();
    return (*copy)->renewEpoch(); // the copy is closed when the last reference goes
}

} // namespace

Result<QString> ServerStore::epoch() const
{
    Result<QSqlDatabase> db = m_database->connection();
    if (!db)
        return db.error();
    bool found = false;
    Result<Statement> query = queryRow(*db, epochQuery, {}, &found);
    if (!query)
        return query.error();
    if (!found)
        return noEpoch();
    return query->value(0).toString();
}

Result<QString> ServerStore::renewEpoch() const
{
    const QString fresh = migrations::createEpoch();
    Result<void> done = m_database->transaction([&](QSqlDatabase &db) -> Result<void> {
        Result<Statement> updated = execute(
                db, QStringLiteral("UPDATE server_identity SET epoch = ? WHERE id = 1"), {fresh});
        if (!updated)
            return updated.error();
        return updated->numRowsAffected() == 1 ? Result<void>() : Result<void>(noEpoch());
    });
    if (!done)
        return done.error();
    qCInfo(lcServerStore) << "the database has a new epoch" << fresh;
    return fresh;
}

Result<SyncHead> ServerStore::syncHead(qint64 blogId) const
{
    Result<QSqlDatabase> db = m_database->connection();
    if (!db)
        return db.error();
    bool found = false;
    Result<Statement> query =
            queryRow(*db,
                     QStringLiteral("SELECT b.last_rev, i.epoch FROM blogs b"
                                    " CROSS JOIN server_identity i WHERE b.id = ? AND i.id = 1"),
                     {blogId}, &found);
    if (!query)
        return query.error();
    if (!found)
        return Error{ErrorCode::NotFound, QStringLiteral("no such blog")};
    return SyncHead{query->value(0).toLongLong(), query->value(1).toString()};
}

Result<QString> ServerStore::backupTo(const QString &path) const
{
    if (m_database->driver() != Driver::Sqlite)
        return Error{ErrorCode::InvalidArgument,
                     QStringLiteral("backup copies only SQLite databases; for PostgreSQL use "
                                    "pg_dump, and after pg_restore run `inkwell-server restored`")};
    const QFileInfo target(path);
    if (target.exists() || target.isSymLink())
        return Error{ErrorCode::Conflict,
                     QStringLiteral("%1 already exists; not overwriting it").arg(path)};
    if (!target.absoluteDir().exists())
        return Error{ErrorCode::NotFound,
                     QStringLiteral("the folder %1 does not exist").arg(target.absolutePath())};
    // Written under another name first: PATH only ever holds a complete copy with its own epoch.
    const QString partial = target.absoluteFilePath() + QStringLiteral(".partial");
    removeCopy(partial);
    Result<QSqlDatabase> db = m_database->connection();
    if (!db)
        return db.error();
    // VACUUM INTO reads one snapshot, so the copy is consistent while the server writes.
    if (Result<Statement> copied = execute(*db, QStringLiteral("VACUUM INTO ?"), {partial});
        !copied) {
        removeCopy(partial);
        return copied.error();
    }
    const Result<QString> fresh = renewEpochOfCopy(partial);
    if (!fresh || !QFile::rename(partial, target.absoluteFilePath())) {
        removeCopy(partial);
        return fresh ? Error{ErrorCode::DatabaseOpen,
                             QStringLiteral("cannot rename the copy to %1").arg(path)}
                     : fresh.error();
    }
    return fresh;
}

} // namespace inkwell::server::store
