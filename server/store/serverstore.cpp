#include "server/store/serverstore.h"

#include "server/store/database.h"
#include "server/store/migrations.h"
#include "server/store/storelogging.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QUrl>

namespace inkwell::server::store {

ServerStore::ServerStore(std::unique_ptr<Database> database) : m_database(std::move(database)) { }

ServerStore::~ServerStore() = default;

Result<std::shared_ptr<ServerStore>> ServerStore::open(const QString &url, OpenMode mode)
{
    Result<std::unique_ptr<Database>> database = Database::open(url);
    if (!database)
        return database.error();
    std::shared_ptr<ServerStore> store(new ServerStore(std::move(*database)));
    if (mode == OpenMode::Migrate) {
        if (Result<void> migrated = store->migrate(); !migrated)
            return migrated.error();
        return store;
    }
    const Result<int> version = store->schemaVersion();
    if (!version)
        return version.error();
    if (*version > latestSchemaVersion())
        return Error{ErrorCode::DatabaseTooNew,
                     QStringLiteral("database schema version %1 is newer than %2")
                             .arg(*version)
                             .arg(latestSchemaVersion())};
    if (*version < latestSchemaVersion())
        return Error{ErrorCode::DatabaseOpen,
                     QStringLiteral("database schema version %1 needs migrating to %2")
                             .arg(*version)
                             .arg(latestSchemaVersion())};
    return store;
}

Result<QString> ServerStore::withPasswordFile(const QString &url, const QString &path)
{
    QUrl parsed(url, QUrl::StrictMode);
    if (!url.startsWith(QLatin1String("postgresql://"))
        && !url.startsWith(QLatin1String("postgres://")))
        return Error{ErrorCode::InvalidArgument,
                     QStringLiteral("a password file needs a postgresql:// database URL")};
    const QFileInfo info(path);
    if (!info.isFile())
        return Error{ErrorCode::InvalidArgument,
                     QStringLiteral("the password file %1 is not a readable file").arg(path)};
    const QFile::Permissions open = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup
            | QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;
    if (info.permissions() & open)
        return Error{ErrorCode::InvalidArgument,
                     QStringLiteral("the password file %1 may be read by others; chmod 600 it")
                             .arg(path)};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{ErrorCode::InvalidArgument,
                     QStringLiteral("cannot read the password file %1: %2")
                             .arg(path, file.errorString())};
    QByteArray line = file.readLine(64 * 1024);
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    if (line.isEmpty())
        return Error{ErrorCode::InvalidArgument,
                     QStringLiteral("the password file %1 is empty").arg(path)};
    parsed.setPassword(QString::fromUtf8(line), QUrl::DecodedMode);
    return parsed.toString(QUrl::FullyEncoded);
}

int ServerStore::latestSchemaVersion()
{
    return migrations::latestVersion();
}

Result<int> ServerStore::schemaVersion() const
{
    return migrations::currentVersion(*m_database);
}

Result<void> ServerStore::migrate() const
{
    return migrations::migrate(*m_database);
}

QString ServerStore::driverName() const
{
    return m_database->driverName();
}

Result<void> ServerStore::prepareConnection() const
{
    if (Result<QSqlDatabase> db = m_database->connection(); !db)
        return db.error();
    constexpr qint64 none = -1; // no blog or account has this id
    if (Result<std::optional<TokenGrant>> token = tokenGrant(QByteArray(32, '\0')); !token)
        return token.error();
    if (Result<bool> member = isMember(none, none); !member)
        return member.error();
    // An unknown blog's head and page are NotFound or empty: the statements ran all the same.
    [[maybe_unused]] const Result<SyncHead> head = syncHead(none);
    [[maybe_unused]] const Result<PullPage> page = pull(none, 0, 1);
    return {};
}

Result<qint64> ServerStore::createAccount(const QString &name, const QByteArray &passwordHash) const
{
    qint64 id = 0;
    Result<void> done = m_database->transaction([&](QSqlDatabase &db) -> Result<void> {
        bool exists = false;
        Result<Statement> existing = queryRow(
                db, QStringLiteral("SELECT id FROM accounts WHERE name = ?"), {name}, &exists);
        if (!existing)
            return existing.error();
        if (exists)
            return Error{ErrorCode::Conflict, QStringLiteral("the account name is taken")};
        bool found = false;
        Result<Statement> inserted = queryRow(
                db,
                QStringLiteral("INSERT INTO accounts (name, password_hash, created_at)"
                               " VALUES (?, ?, ?) RETURNING id"),
                {name, QString::fromLatin1(passwordHash), QDateTime::currentMSecsSinceEpoch()},
                &found);
        if (!inserted)
            return inserted.error();
        id = inserted->value(0).toLongLong();
        return {};
    });
    if (!done)
        return done.error();
    return id;
}

Result<std::optional<Account>> ServerStore::accountByName(const QString &name) const
{
    Result<QSqlDatabase> db = m_database->connection();
    if (!db)
        return db.error();
    bool found = false;
    Result<Statement> query = queryRow(
            *db, QStringLiteral("SELECT id, name, password_hash FROM accounts WHERE name = ?"),
            {name}, &found);
    if (!query)
        return query.error();
    if (!found)
        return std::optional<Account>();
    return std::optional<Account>(Account{query->value(0).toLongLong(), query->value(1).toString(),
                                          query->value(2).toString().toLatin1()});
}

Result<qint64> ServerStore::createBlog(const QString &name, qint64 ownerAccountId) const
{
    qint64 id = 0;
    Result<void> done = m_database->transaction([&](QSqlDatabase &db) -> Result<void> {
        bool found = false;
        Result<Statement> inserted = queryRow(
                db,
                QStringLiteral("INSERT INTO blogs (name, last_rev, created_at) VALUES (?, 0, ?)"
                               " RETURNING id"),
                {name, QDateTime::currentMSecsSinceEpoch()}, &found);
        if (!inserted)
            return inserted.error();
        id = inserted->value(0).toLongLong();
        Result<Statement> member = execute(
                db, QStringLiteral("INSERT INTO members (blog_id, account_id) VALUES (?, ?)"),
                {id, ownerAccountId});
        return member ? Result<void>() : Result<void>(member.error());
    });
    if (!done)
        return done.error();
    return id;
}

Result<void> ServerStore::addMember(qint64 blogId, qint64 accountId) const
{
    return m_database->transaction([&](QSqlDatabase &db) -> Result<void> {
        Result<Statement> added =
                execute(db,
                        QStringLiteral("INSERT INTO members (blog_id, account_id) VALUES (?, ?)"
                                       " ON CONFLICT (blog_id, account_id) DO NOTHING"),
                        {blogId, accountId});
        return added ? Result<void>() : Result<void>(added.error());
    });
}

Result<bool> ServerStore::isMember(qint64 blogId, qint64 accountId) const
{
    Result<QSqlDatabase> db = m_database->connection();
    if (!db)
        return db.error();
    bool found = false;
    Result<Statement> query = queryRow(
            *db, QStringLiteral("SELECT 1 FROM members WHERE blog_id = ? AND account_id = ?"),
            {blogId, accountId}, &found);
    if (!query)
        return query.error();
    return found;
}

Result<QList<protocol::BlogSummary>> ServerStore::blogsOf(qint64 accountId) const
{
    Result<QSqlDatabase> db = m_database->connection();
    if (!db)
        return db.error();
    Result<Statement> query = execute(
            *db,
            QStringLiteral("SELECT b.id, b.name FROM blogs b JOIN members m ON m.blog_id = b.id"
                           " WHERE m.account_id = ? ORDER BY b.id"),
            {accountId});
    if (!query)
        return query.error();
    QList<protocol::BlogSummary> blogs;
    while (query->next())
        blogs.append({query->value(0).toLongLong(), query->value(1).toString()});
    return blogs;
}

} // namespace inkwell::server::store
