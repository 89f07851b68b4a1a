#pragma once

#include "model/result.h"
#include "model/revision.h"
#include "protocol/blogs.h"
#include "protocol/history.h"
#include "protocol/sync.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace inkwell::server::store {

class Database;

struct Account
{
    qint64 id = 0;
    QString name;
    QByteArray passwordHash; // argon2id string as produced by crypto_pwhash_str
};

// What a stored token grants. Tokens are stored only as their SHA-256.
struct TokenGrant
{
    qint64 accountId = 0;
    QString accountName;
    QDateTime expiresAt;
    bool revoked = false;
};

// The outcome of one pushed change: the per-item result, plus the server's current version
// when the result is a conflict. created: this change made revision result.rev (not a replay).
struct ApplyOutcome
{
    protocol::ItemResult result;
    std::optional<model::Revision> conflict;
    bool created = false;
};

// One page of a pull: rows with rev > cursor in rev order.
struct PullPage
{
    QList<model::Revision> changes;
    // rev of the last row or omitted revision passed, or the request's cursor if there was none
    qint64 cursor = 0;
    bool more = false;
};

// The revisions first..last (inclusive), e.g. those one push created; empty when last < first.
struct RevisionRange
{
    qint64 first = 1;
    qint64 last = 0;

    bool isEmpty() const { return last < first; }
};

// Login attempts counted for one throttling key (see auth::LoginThrottle).
struct LoginFailures
{
    int count = 0;
    QDateTime lastFailureAt;
};

// What a sync request is checked against: the blog's last revision and the database's epoch.
struct SyncHead
{
    qint64 lastRev = 0;
    QString epoch;
};

// A blog as its public site shows it. slug is empty until the blog is first made public.
struct SiteBlog
{
    qint64 id = 0;
    QString name;
    QString slug;
    QString description;
    bool isPublic = false;
    qint64 lastRev = 0; // the blog's last revision: every push that changes a page bumps it
    qint64 siteRev = 0; // bumped by the site's changes that are not pushes (`post slug`)
};

// A post visible on the public site: its current version, slug and first publication time.
struct SitePost
{
    model::Revision post;
    QString slug;
    QDateTime publishedAt;
};

// One page of a site listing, newest publication first; more: later pages exist.
struct SitePostPage
{
    QList<SitePost> posts;
    bool more = false;
};

// A post looked up by a slug of a public blog: the visible post with that current slug, or
// redirectTo = the current slug of the visible post that used it before. Neither: not found.
struct SiteLookup
{
    std::optional<SitePost> post;
    QString redirectTo;
};

// What `inkwell-server blog set` changes; unset members stay as they are.
struct SiteSettings
{
    std::optional<bool> isPublic;
    std::optional<QString> description;
    std::optional<QString> slug;
};

enum class OpenMode { Migrate, RequireCurrentSchema };

// The server's storage over QtSql: SQLite (default) or PostgreSQL. Thread-safe: every thread
// gets its own connection on first use. Each write is one transaction, retried on SQLITE_BUSY
// and PostgreSQL serialization failures. Post revisions come from a per-blog counter bumped
// inside the write transaction, so revision order equals commit order.
class ServerStore
{
public:
    // Opens "sqlite:PATH", a plain PATH, "sqlite::memory:" or
    // "postgresql://USER[:PASS]@HOST[:PORT]/DB". Migrate applies pending migrations; both modes
    // refuse a schema newer than this build (ErrorCode::DatabaseTooNew).
    static Result<std::shared_ptr<ServerStore>> open(const QString &url,
                                                     OpenMode mode = OpenMode::Migrate);
    // A postgresql:// URL with the password read from a file (its first line), so the password
    // appears on no command line. Like libpq's ~/.pgpass, the file must be a regular file that
    // neither group nor others may read or write. Errors name the file, never its content.
    // (Without a password in the URL, libpq also reads PGPASSWORD and ~/.pgpass itself.)
    static Result<QString> withPasswordFile(const QString &url, const QString &path);
    ~ServerStore();
    ServerStore(const ServerStore &) = delete;
    ServerStore &operator=(const ServerStore &) = delete;

    static int latestSchemaVersion();
    Result<int> schemaVersion() const;
    Result<void> migrate() const;
    QString driverName() const; // "QSQLITE" or "QPSQL"
    // Opens the calling thread's connection and runs the reads of a sync request once (token,
    // membership, the blog's head, a pull page) for rows that do not exist, so their statements
    // are prepared before the first request needs them. Writes nothing.
    Result<void> prepareConnection() const;

    // The database's identity (32 hex digits), made by a migration. A restored database must
    // get a fresh one so clients notice: renewEpoch() sets and returns it. (serverstoreepoch.cpp)
    Result<QString> epoch() const;
    Result<QString> renewEpoch() const;
    // The blog's last revision and the epoch in one query; NotFound for an unknown blog.
    Result<SyncHead> syncHead(qint64 blogId) const;
    // SQLite: writes a consistent copy of the live database to `path` (which must not exist)
    // with a fresh epoch, so that serving the copy later is detected as a restore; returns the
    // copy's epoch. PostgreSQL: fails with InvalidArgument (use pg_dump, then `restored`).
    Result<QString> backupTo(const QString &path) const;

    // Accounts and tokens.
    Result<qint64> createAccount(const QString &name, const QByteArray &passwordHash) const;
    Result<std::optional<Account>> accountByName(const QString &name) const;
    Result<void> storeToken(const QByteArray &tokenHash, qint64 accountId,
                            const QDateTime &expiresAt) const;
    Result<std::optional<TokenGrant>> tokenGrant(const QByteArray &tokenHash) const;
    Result<void> revokeToken(const QByteArray &tokenHash) const;
    Result<int> revokeTokensOf(qint64 accountId) const;

    // Blogs and membership.
    Result<qint64> createBlog(const QString &name, qint64 ownerAccountId) const;
    Result<void> addMember(qint64 blogId, qint64 accountId) const;
    Result<bool> isMember(qint64 blogId, qint64 accountId) const;
    Result<QList<protocol::BlogSummary>> blogsOf(qint64 accountId) const;

    // Posts. applyChanges runs the server rule for each change, in order, as one transaction
    // (PostgreSQL: usually one read and one conditional write statement, see PushBatch): every
    // change is applied (or answered) or, on a database error, none is. applyChange is the same
    // for one change; pull reads one page.
    Result<QList<ApplyOutcome>> applyChanges(qint64 blogId, const QString &accountName,
                                             const QList<protocol::Change> &changes) const;
    Result<ApplyOutcome> applyChange(qint64 blogId, const QString &accountName,
                                     const protocol::Change &change) const;
    // At most `limit` rows; with maxBytes > 0 the page also stops once its encoded size would
    // pass maxBytes (but always holds at least one row when any is waiting). Revisions in
    // `omitted` (those the asking request just created) are not read, count against neither
    // bound, and the cursor still passes those before where the page stops.
    Result<PullPage> pull(qint64 blogId, qint64 cursor, int limit, qint64 maxBytes = 0,
                          RevisionRange omitted = {}) const;
    Result<qint64> lastRevision(qint64 blogId) const;

    // Post history (serverstorehistory.cpp): every applied change is kept as a revision of its
    // post. revisions() lists the post's revisions older than `before` (0: from the newest),
    // newest first, at most `limit`; NotFound when the blog has no such post. revision() reads
    // one; NotFound when there is none.
    Result<protocol::RevisionList> revisions(qint64 blogId, const QString &guid, qint64 before,
                                             int limit) const;
    Result<model::Revision> revision(qint64 blogId, const QString &guid, qint64 rev) const;
    // Retention of history: deletes revisions that are older than `olderThan` (invalid: no age
    // limit) or not among the `keep` newest of their post (0: no count limit), in transactions of
    // at most `limit` rows, up to 32 of them per call (one read finds their keys), and returns how
    // many it deleted. A post's newest revision is never deleted.
    Result<int> pruneRevisions(const QDateTime &olderThan, int keep, int limit) const;

    // The public site (serverstoresite.cpp). Only posts that are published and not deleted are
    // visible; a push that publishes one gives it a slug in the same transaction.
    // siteBlog: the blog with that slug if it is public, nullopt otherwise (private or unknown).
    Result<std::optional<SiteBlog>> siteBlog(const QString &slug) const;
    Result<std::optional<SiteBlog>> siteBlogById(qint64 blogId) const;
    // Changes a blog's site settings. A blog made public without a slug gets one from its name,
    // unique among blogs; an explicit slug must be a valid slug not taken by another blog
    // (InvalidArgument / Conflict). NotFound for an unknown blog.
    Result<SiteBlog> setSiteSettings(qint64 blogId, const SiteSettings &settings) const;
    // Visible posts, newest publication first; with a tag, only those carrying it.
    Result<SitePostPage> sitePosts(qint64 blogId, int offset, int limit,
                                   const QString &tag = {}) const;
    Result<qint64> sitePostCount(qint64 blogId, const QString &tag = {}) const;
    // What the listing of posts offset..offset+limit shows, in brief: how many posts the site
    // has and the guid and revision of each of those. Two equal versions give the same page
    // (for the same blog settings and site_rev), whatever else was pushed meanwhile; cheap:
    // no post's fields are read, nor any post past the last when offset is beyond it.
    Result<QString> siteListingVersion(qint64 blogId, qint64 offset, int limit) const;
    // The tags of the visible posts, sorted, without duplicates.
    Result<QStringList> siteTags(qint64 blogId) const;
    Result<SiteLookup> sitePost(qint64 blogId, const QString &slug) const;
    // The current slug of a visible post; nullopt when the post is not visible.
    Result<std::optional<QString>> sitePostSlug(qint64 blogId, const QString &guid) const;
    // Gives a post that was ever published a new slug; its old ones redirect to it.
    Result<void> renamePostSlug(qint64 blogId, const QString &guid, const QString &slug) const;

    // Retention of applied op_ids: deletes at most `limit` of those applied before
    // `appliedBefore`, in one short transaction, and returns how many it deleted. A change
    // retried after its op_id is gone is answered by the rule again (see docs/operations.md).
    Result<int> pruneAppliedOps(const QDateTime &appliedBefore, int limit) const;

    // Blobs, content-addressed per blog.
    Result<bool> hasBlob(qint64 blogId, const QString &sha256) const;
    Result<std::optional<QByteArray>> blob(qint64 blogId, const QString &sha256) const;
    Result<void> putBlob(qint64 blogId, const QString &sha256, const QByteArray &data) const;
    Result<QStringList> missingBlobs(qint64 blogId, const QStringList &hashes) const;

    // Login throttling, shared by every server process on the database (serverstorelogins.cpp).
    // A key's count reads as 0 once its last attempt is at or before `forgetBefore`.
    Result<LoginFailures> loginFailures(const QString &key, const QDateTime &forgetBefore) const;
    // Counts one login attempt at `now` on every key, in one transaction that locks the keys'
    // rows, unless a key must still wait: `wait(i, count)` says how many seconds keys[i] with that
    // count must still wait. Returns the longest wait; 0 means the attempt was counted on all
    // keys. Parallel callers are serialized, so no more attempts pass than `wait` lets through;
    // a refusal that the current counts already show takes no write transaction.
    Result<int> countLoginAttempt(const QStringList &keys, const QDateTime &now,
                                  const QDateTime &forgetBefore,
                                  const std::function<int(int, const LoginFailures &)> &wait) const;
    // Takes one counted attempt off each key again (it was not a failure).
    Result<void> uncountLoginAttempt(const QStringList &keys) const;
    Result<void> clearLoginFailures(const QString &key) const;
    // The addresses an account signed in from: each stays known for knownLoginAddressDays after
    // its last successful login, and an account keeps the knownLoginAddressesPerAccount most
    // recent ones.
    static constexpr int knownLoginAddressDays = 30;
    static constexpr int knownLoginAddressesPerAccount = 10;
    Result<void> rememberLoginAddress(qint64 accountId, const QString &address,
                                      const QDateTime &now) const;
    // Whether the account named userName signed in from address within knownLoginAddressDays
    // before `now` (false for an unknown name).
    Result<bool> isKnownLoginAddress(const QString &userName, const QString &address,
                                     const QDateTime &now) const;

    // Retention of login records, each deleting at most `limit` rows in one short transaction
    // and returning how many it deleted: tokens that expired or were revoked before `endedBefore`;
    // throttling counts whose last attempt is before `lastBefore`; known addresses past
    // knownLoginAddressDays at `now`.
    Result<int> pruneTokens(const QDateTime &endedBefore, int limit) const;
    Result<int> pruneLoginFailures(const QDateTime &lastBefore, int limit) const;
    Result<int> pruneLoginAddresses(const QDateTime &now, int limit) const;

private:
    explicit ServerStore(std::unique_ptr<Database> database);
    std::unique_ptr<Database> m_database;
};

} // namespace inkwell::server::store
