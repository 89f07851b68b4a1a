#include "server/store/migrations.h"

#include "model/postfields.h"
#include "server/store/database.h"
#include "server/store/sitewriter.h"
#include "server/store/statement.h"
#include "server/store/storelogging.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlError>
#include <QStringList>

#include <array>

namespace inkwell::server::store::migrations {

namespace {

// %ID% becomes the auto-increment key type and %BLOB% the binary type of the driver.
const QStringList &migrationSteps()
{
    static const QStringList steps{
            // 1: accounts, tokens, blogs, members, posts, applied operations, blobs, throttling.
            QStringLiteral(
                    "CREATE TABLE accounts (id %ID%, name TEXT NOT NULL UNIQUE,"
                    " password_hash TEXT NOT NULL, created_at BIGINT NOT NULL);"
                    "CREATE TABLE tokens (token_hash TEXT PRIMARY KEY,"
                    " account_id BIGINT NOT NULL REFERENCES accounts(id),"
                    " created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL,"
                    " revoked INTEGER NOT NULL DEFAULT 0);"
                    "CREATE INDEX tokens_account ON tokens(account_id);"
                    "CREATE TABLE blogs (id %ID%, name TEXT NOT NULL,"
                    " last_rev BIGINT NOT NULL DEFAULT 0, created_at BIGINT NOT NULL);"
                    "CREATE TABLE members (blog_id BIGINT NOT NULL REFERENCES blogs(id),"
                    " account_id BIGINT NOT NULL REFERENCES accounts(id),"
                    " PRIMARY KEY (blog_id, account_id));"
                    "CREATE INDEX members_account ON members(account_id);"
                    "CREATE TABLE posts (blog_id BIGINT NOT NULL REFERENCES blogs(id),"
                    " guid TEXT NOT NULL, rev BIGINT NOT NULL, deleted INTEGER NOT NULL,"
                    " fields TEXT NOT NULL, created_by TEXT NOT NULL, modified_by TEXT NOT NULL,"
                    " modified_at BIGINT NOT NULL, PRIMARY KEY (blog_id, guid));"
                    "CREATE UNIQUE INDEX posts_rev ON posts(blog_id, rev);"
                    "CREATE TABLE applied_ops (blog_id BIGINT NOT NULL REFERENCES blogs(id),"
                    " op_id TEXT NOT NULL, guid TEXT NOT NULL, rev BIGINT NOT NULL,"
                    " applied_at BIGINT NOT NULL, PRIMARY KEY (blog_id, op_id));"
                    "CREATE TABLE blobs (blog_id BIGINT NOT NULL REFERENCES blogs(id),"
                    " sha256 TEXT NOT NULL, size BIGINT NOT NULL, data %BLOB% NOT NULL,"
                    " PRIMARY KEY (blog_id, sha256));"
                    "CREATE TABLE login_failures (throttle_key TEXT PRIMARY KEY,"
                    " failures INTEGER NOT NULL, last_failure_at BIGINT NOT NULL)"),
            // 2: the database's identity (epoch). A copy made by `inkwell-server backup` and a
            // database marked `restored` get a fresh one, so clients notice a restore.
            QStringLiteral("CREATE TABLE server_identity (id INTEGER PRIMARY KEY CHECK (id = 1),"
                           " epoch TEXT NOT NULL);"
                           "INSERT INTO server_identity (id, epoch) VALUES (1, '%EPOCH%')"),
            // 3: applied operations are pruned by age (ServerStore::pruneAppliedOps).
            QStringLiteral("CREATE INDEX applied_ops_applied_at ON applied_ops(applied_at)"),
            // 4: login throttling remembers the addresses an account signed in from; tokens,
            // login_failures and those addresses are pruned by age (see OpPruner).
            QStringLiteral(
                    "CREATE TABLE login_addresses (account_id BIGINT NOT NULL"
                    " REFERENCES accounts(id), address TEXT NOT NULL,"
                    " last_success_at BIGINT NOT NULL, PRIMARY KEY (account_id, address));"
                    "CREATE INDEX login_addresses_last_success ON login_addresses(last_success_at);"
                    "ALTER TABLE tokens ADD COLUMN revoked_at BIGINT;"
                    "CREATE INDEX tokens_expires_at ON tokens(expires_at);"
                    "CREATE INDEX tokens_revoked_at ON tokens(revoked_at);"
                    "CREATE INDEX login_failures_last ON login_failures(last_failure_at)"),
            // 5: post history, one row per applied change (see serverstorehistory.cpp). The fields
            // are stored as their JSON or compressed (revisionfields.h has the encodings), last in
            // the row: the listing reads the columns before them (title, body_bytes, ...) without
            // touching a long post's overflow pages. Every existing post starts with its current
            // version.
            QStringLiteral(
                    "CREATE TABLE post_revisions (blog_id BIGINT NOT NULL REFERENCES blogs(id),"
                    " guid TEXT NOT NULL, rev BIGINT NOT NULL, deleted INTEGER NOT NULL,"
                    " title TEXT NOT NULL, body_bytes BIGINT NOT NULL, modified_by TEXT NOT NULL,"
                    " modified_at BIGINT NOT NULL, created_by TEXT NOT NULL,"
                    " encoding INTEGER NOT NULL, fields %BLOB% NOT NULL,"
                    " PRIMARY KEY (blog_id, guid, rev));"
                    "CREATE INDEX post_revisions_modified_at ON post_revisions(modified_at);"
                    "INSERT INTO post_revisions (blog_id, guid, rev, deleted, title, body_bytes,"
                    " encoding, fields, created_by, modified_by, modified_at) SELECT blog_id,"
                    " guid, rev, deleted, %JSON_TITLE%, %JSON_BODY_BYTES%, 0, %TEXT_BYTES%,"
                    " created_by, modified_by, modified_at FROM posts"),
            // 6: the public site. A blog is private until its owner makes it public; its slug is
            // the site's path prefix. site_posts holds every post that was ever published (first
            // publication time, whether it is visible now) and post_slugs the slugs of a post (the
            // current one, and older ones that redirect). Published posts of an existing database
            // get their slugs right after this step (see backfillSite). site_rev counts the
            // changes to the site that are not pushes (an operator's new slug for a post).
            QStringLiteral(
                    "ALTER TABLE blogs ADD COLUMN public INTEGER NOT NULL DEFAULT 0;"
                    "ALTER TABLE blogs ADD COLUMN slug TEXT;"
                    "ALTER TABLE blogs ADD COLUMN description TEXT NOT NULL DEFAULT '';"
                    "ALTER TABLE blogs ADD COLUMN site_rev BIGINT NOT NULL DEFAULT 0;"
                    "CREATE UNIQUE INDEX blogs_slug ON blogs(slug);"
                    "CREATE TABLE site_posts (blog_id BIGINT NOT NULL REFERENCES blogs(id),"
                    " guid TEXT NOT NULL, published_at BIGINT NOT NULL, visible INTEGER NOT NULL,"
                    " PRIMARY KEY (blog_id, guid));"
                    "CREATE INDEX site_posts_order ON site_posts(blog_id, visible, published_at,"
                    " guid);"
                    "CREATE TABLE post_slugs (blog_id BIGINT NOT NULL REFERENCES blogs(id),"
                    " slug TEXT NOT NULL, guid TEXT NOT NULL, current INTEGER NOT NULL,"
                    " created_at BIGINT NOT NULL, PRIMARY KEY (blog_id, slug));"
                    "CREATE INDEX post_slugs_guid ON post_slugs(blog_id, guid, current)"),
            // 7: a revision's fields may be a zstd frame (encoding 2, see revisionfields.h). No
            // table changes: the step is here so that earlier servers, which cannot read those
            // rows, refuse the database instead of serving a history they cannot show.
            QStringLiteral("UPDATE post_revisions SET encoding = encoding WHERE encoding > 2"),
    };
    return steps;
}

QStringList statementsFor(const Database &database, const QString &step)
{
    const bool pg = database.driver() == Driver::Postgres;
    QString sql = step;
    sql.replace(QLatin1String("%ID%"),
                pg ? QStringLiteral("BIGSERIAL PRIMARY KEY")
                   : QStringLiteral("INTEGER PRIMARY KEY"));
    sql.replace(QLatin1String("%BLOB%"), pg ? QStringLiteral("BYTEA") : QStringLiteral("BLOB"));
    // The title, the body's UTF-8 size and the bytes of a posts row's fields (JSON text).
    sql.replace(QLatin1String("%JSON_TITLE%"),
                pg ? QStringLiteral("COALESCE(CAST(fields AS json)->>'title', '')")
                   : QStringLiteral("COALESCE(json_extract(fields, '$.title'), '')"));
    sql.replace(QLatin1String("%JSON_BODY_BYTES%"),
                pg ? QStringLiteral("octet_length(COALESCE(CAST(fields AS json)->>'body', ''))")
                   : QStringLiteral("length(CAST(COALESCE(json_extract(fields, '$.body'), '')"
                                    " AS BLOB))"));
    sql.replace(QLatin1String("%TEXT_BYTES%"),
                pg ? QStringLiteral("convert_to(fields, 'UTF8')")
                   : QStringLiteral("CAST(fields AS BLOB)"));
    if (sql.contains(QLatin1String("%EPOCH%")))
        sql.replace(QLatin1String("%EPOCH%"), createEpoch()); // hex digits only: safe in SQL
    return sql.split(u';', Qt::SkipEmptyParts);
}

// Migration 6 for posts published before it: each gets its site entry and a slug, in the order
// of their last change (the first publication time is not known for them).
Result<void> backfillSite(QSqlDatabase &db)
{
    Result<Statement> rows = execute(db,
                                     QStringLiteral("SELECT blog_id, guid, fields, modified_at"
                                                    " FROM posts WHERE deleted = 0 ORDER BY"
                                                    " modified_at, guid"),
                                     QVariantList{}, Plan::PerCall);
    if (!rows)
        return rows.error();
    QList<std::pair<qint64, SiteChange>> published;
    while (rows->next()) {
        const model::PostFields fields = model::PostFields::fromJson(
                QJsonDocument::fromJson(rows->value(2).toString().toUtf8()).object());
        if (fields.state == model::PublishState::Published)
            published.append({rows->value(0).toLongLong(),
                              SiteChange{rows->value(1).toString(), fields.title, true,
                                         rows->value(3).toLongLong()}});
    }
    for (const auto &[blogId, change] : published) {
        if (Result<void> shown = updateSite(db, blogId, {change}); !shown)
            return shown;
    }
    return {};
}

Result<int> versionIn(QSqlDatabase &db)
{
    bool found = false;
    Result<Statement> query =
            queryRow(db, QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"),
                     {}, &found);
    if (!query)
        return query.error();
    return found ? query->value(0).toInt() : 0;
}

} // namespace

QString createEpoch()
{
    std::array<quint32, 4> words{};
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    QString epoch;
    for (const quint32 word : words)
        epoch += QStringLiteral("%1").arg(word, 8, 16, QLatin1Char('0'));
    return epoch;
}

int latestVersion()
{
    return int(migrationSteps().size());
}

Result<int> currentVersion(const Database &database)
{
    Result<QSqlDatabase> db = database.connection();
    if (!db)
        return db.error();
    if (!db->tables().contains(QStringLiteral("schema_migrations")))
        return 0;
    return versionIn(*db);
}

Result<void> migrate(const Database &database)
{
    return database.transaction([&](QSqlDatabase &db) -> Result<void> {
        if (database.driver() == Driver::Postgres) {
            // Serializes concurrent migrators; released at commit.
            if (Result<Statement> lock =
                        execute(db, QStringLiteral("SELECT pg_advisory_xact_lock(7262105)"));
                !lock)
                return lock.error();
        }
        Result<void> created = executeDirect(
                db,
                QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations"
                               " (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)"));
        if (!created)
            return created;
        const Result<int> current = versionIn(db);
        if (!current)
            return current.error();
        if (*current > latestVersion())
            return Error{ErrorCode::DatabaseTooNew,
                         QStringLiteral("database schema version %1 is newer than %2, the newest "
                                        "this server knows; upgrade inkwell-server")
                                 .arg(*current)
                                 .arg(latestVersion())};
        for (int version = *current + 1; version <= latestVersion(); ++version) {
            for (const QString &statement :
                 statementsFor(database, migrationSteps().at(version - 1))) {
                if (Result<void> step = executeDirect(db, statement); !step)
                    return step;
            }
            if (version == 6) {
                if (Result<void> site = backfillSite(db); !site)
                    return site;
            }
            Result<Statement> recorded =
                    execute(db,
                            QStringLiteral("INSERT INTO schema_migrations (version, applied_at)"
                                           " VALUES (?, ?)"),
                            {version, QDateTime::currentMSecsSinceEpoch()});
            if (!recorded)
                return recorded.error();
            qCInfo(lcServerStore) << "migrated the database to schema version" << version;
        }
        return {};
    });
}

} // namespace inkwell::server::store::migrations
