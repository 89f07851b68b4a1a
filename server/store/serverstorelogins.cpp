// ServerStore: tokens, login throttling counts and known login addresses, and their retention.
#include "server/store/database.h"
#include "server/store/serverstore.h"

#include <QSqlQuery>

#include <algorithm>
#include <numeric>

namespace inkwell::server::store {

namespace {

qint64 msecs(const QDateTime &time)
{
    return time.toMSecsSinceEpoch();
}

QString hex(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex());
}

QDateTime fromMsecs(const QVariant &value)
{
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

LoginFailures failuresIn(const Statement &row, const QDateTime &forgetBefore)
{
    const LoginFailures failures{row.value(0).toInt(), fromMsecs(row.value(1))};
    return failures.lastFailureAt <= forgetBefore ? LoginFailures{0, failures.lastFailureAt}
                                                  : failures;
}

// The oldest last successful login that still makes an address known at `now`.
QDateTime knownSince(const QDateTime &now)
{
    return now.addDays(-ServerStore::knownLoginAddressDays);
}

// Runs one DELETE (or other write) in its own transaction; the number of rows it touched.
Result<int> changeRows(const Database &database, const QString &sql,
                       std::initializer_list<QVariant> values)
{
    int changed = 0;
    Result<void> done = database.transaction([&](QSqlDatabase &db) -> Result<void> {
        Result<Statement> statement = execute(db, sql, values);
        if (!statement)
            return statement.error();
        changed = statement->numRowsAffected();
        return {};
    });
    if (!done)
        return done.error();
    return changed;
}

// The key's count, its row created if need be and locked until the transaction ends
// (PostgreSQL; on SQLite BEGIN IMMEDIATE already keeps other writers out), so it is the latest.
Result<LoginFailures> lockedFailures(QSqlDatabase &db, const QString &key, const QDateTime &now,
                                     const QDateTime &forgetBefore)
{
    bool found = false;
    Result<Statement> row =
            queryRow(db,
                     QStringLiteral("INSERT INTO login_failures (throttle_key, failures,"
                                    " last_failure_at) VALUES (?, 0, ?) ON CONFLICT (throttle_key)"
                                    " DO UPDATE SET failures = login_failures.failures"
                                    " RETURNING failures, last_failure_at"),
                     {key, msecs(now)}, &found);
    if (!row)
        return row.error();
    return found ? failuresIn(*row, forgetBefore) : LoginFailures{0, now};
}

Result<void> noValue(const Result<int> &result)
{
    return result ? Result<void>() : Result<void>(result.error());
}

} // namespace

Result<void> ServerStore::storeToken(const QByteArray &tokenHash, qint64 accountId,
                                     const QDateTime &expiresAt) const
{
    return noValue(changeRows(
            *m_database,
            QStringLiteral("INSERT INTO tokens (token_hash, account_id, created_at, expires_at,"
                           " revoked) VALUES (?, ?, ?, ?, 0)"),
            {hex(tokenHash), accountId, QDateTime::currentMSecsSinceEpoch(), msecs(expiresAt)}));
}

Result<std::optional<TokenGrant>> ServerStore::tokenGrant(const QByteArray &tokenHash) const
{
    Result<QSqlDatabase> db = m_database->connection();
    if (!db)
        return db.error();
    bool found = false;
    Result<Statement> query = queryRow(
            *db,
            QStringLiteral("SELECT t.account_id, a.name, t.expires_at, t.revoked FROM tokens t"
                           " JOIN accounts a ON a.id = t.account_id WHERE t.token_hash = ?"),
            {hex(tokenHash)}, &found);
    if (!query)
        return query.error();
    if (!found)
        return std::optional<TokenGrant>();
    return std::optional<TokenGrant>(
            TokenGrant{query->value(0).toLongLong(), query->value(1).toString(),
                       fromMsecs(query->value(2)), query->value(3).toInt() != 0});
}

Result<void> ServerStore::revokeToken(const QByteArray &tokenHash) const
{
    return noValue(changeRows(*m_database,
                              QStringLiteral("UPDATE tokens SET revoked = 1, revoked_at ="
                                             " COALESCE(revoked_at, ?) WHERE token_hash = ?"),
                              {QDateTime::currentMSecsSinceEpoch(), hex(tokenHash)}));
}

Result<int> ServerStore::revokeTokensOf(qint64 accountId) const
{
    return changeRows(*m_database,
                      QStringLiteral("UPDATE tokens SET revoked = 1, revoked_at = ?"
                                     " WHERE account_id = ? AND revoked = 0"),
                      {QDateTime::currentMSecsSinceEpoch(), accountId});
}

Result<LoginFailures> ServerStore::loginFailures(const QString &key,
                                                 const QDateTime &forgetBefore) const
{
    Result<QSqlDatabase> db = m_database->connection();
    if (!db)
        return db.error();
    bool found = false;
    Result<Statement> query =
            queryRow(*db,
                     QStringLiteral("SELECT failures, last_failure_at FROM login_failures"
                                    " WHERE throttle_key = ?"),
                     {key}, &found);
    if (!query)
        return query.error();
    if (!found)
        return LoginFailures{};
    return failuresIn(*query, forgetBefore);
}

Result<int> ServerStore::countLoginAttempt(
        const QStringList &keys, const QDateTime &now, const QDateTime &forgetBefore,
        const std::function<int(int, const LoginFailures &)> &wait) const
{
    // A refusal needs no write: a flood of refused attempts only reads (and so never waits for
    // a push's write lock). Counts only shrink on a success, which at worst refuses early.
    int longest = 0;
    for (int i = 0; i < keys.size(); ++i) {
        const Result<LoginFailures> current = loginFailures(keys.at(i), forgetBefore);
        if (!current)
            return current.error();
        longest = std::max(longest, wait(i, *current));
    }
    if (longest > 0)
        return longest;
    // Rows are locked in key order, so transactions over overlapping keys cannot deadlock.
    QList<int> order(keys.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int a, int b) { return keys.at(a) < keys.at(b); });
    Result<void> done = m_database->transaction([&](QSqlDatabase &db) -> Result<void> {
        longest = 0;
        QList<int> counts(keys.size());
        for (const int i : order) {
            const Result<LoginFailures> current = lockedFailures(db, keys.at(i), now, forgetBefore);
            if (!current)
                return current.error();
            counts[i] = current->count;
            longest = std::max(longest, wait(i, *current));
        }
        if (longest > 0)
            return {};
        for (const int i : order) {
            Result<Statement> counted = execute(
                    db,
                    QStringLiteral("UPDATE login_failures SET failures = ?, last_failure_at = ?"
                                   " WHERE throttle_key = ?"),
                    {counts.at(i) + 1, msecs(now), keys.at(i)});
            if (!counted)
                return counted.error();
        }
        return {};
    });
    if (!done)
        return done.error();
    return longest;
}

Result<void> ServerStore::uncountLoginAttempt(const QStringList &keys) const
{
    return m_database->transaction([&](QSqlDatabase &db) -> Result<void> {
        for (const QString &key : keys) {
            Result<Statement> uncounted =
                    execute(db,
                            QStringLiteral("UPDATE login_failures SET failures = failures - 1"
                                           " WHERE throttle_key = ? AND failures > 0"),
                            {key});
            if (!uncounted)
                return uncounted.error();
        }
        return {};
    });
}

Result<void> ServerStore::clearLoginFailures(const QString &key) const
{
    return noValue(changeRows(*m_database,
                              QStringLiteral("DELETE FROM login_failures WHERE throttle_key = ?"),
                              {key}));
}

Result<void> ServerStore::rememberLoginAddress(qint64 accountId, const QString &address,
                                               const QDateTime &now) const
{
    return m_database->transaction([&](QSqlDatabase &db) -> Result<void> {
        Result<Statement> remembered = execute(
                db,
                QStringLiteral("INSERT INTO login_addresses (account_id, address, last_success_at)"
                               " VALUES (?, ?, ?) ON CONFLICT (account_id, address) DO UPDATE"
                               " SET last_success_at = excluded.last_success_at"),
                {accountId, address, msecs(now)});
        if (!remembered)
            return remembered.error();
        Result<Statement> trimmed = execute(
                db,
                QStringLiteral("DELETE FROM login_addresses WHERE account_id = ? AND address NOT IN"
                               " (SELECT address FROM login_addresses WHERE account_id = ?"
                               " ORDER BY last_success_at DESC, address LIMIT ?)"),
                {accountId, accountId, knownLoginAddressesPerAccount});
        return trimmed ? Result<void>() : Result<void>(trimmed.error());
    });
}

Result<bool> ServerStore::isKnownLoginAddress(const QString &userName, const QString &address,
                                              const QDateTime &now) const
{
    Result<QSqlDatabase> db = m_database->connection();
    if (!db)
        return db.error();
    bool found = false;
    Result<Statement> query = queryRow(
            *db,
            QStringLiteral("SELECT 1 FROM login_addresses l JOIN accounts a ON a.id = l.account_id"
                           " WHERE a.name = ? AND l.address = ? AND l.last_success_at > ?"),
            {userName, address, msecs(knownSince(now))}, &found);
    if (!query)
        return query.error();
    return found;
}

Result<int> ServerStore::pruneTokens(const QDateTime &endedBefore, int limit) const
{
    return changeRows(
            *m_database,
            QStringLiteral("DELETE FROM tokens WHERE token_hash IN (SELECT token_hash"
                           " FROM tokens WHERE expires_at < ? OR revoked_at < ? LIMIT ?)"),
            {msecs(endedBefore), msecs(endedBefore), limit});
}

Result<int> ServerStore::pruneLoginFailures(const QDateTime &lastBefore, int limit) const
{
    return changeRows(*m_database,
                      QStringLiteral("DELETE FROM login_failures WHERE throttle_key IN (SELECT"
                                     " throttle_key FROM login_failures WHERE last_failure_at < ?"
                                     " LIMIT ?)"),
                      {msecs(lastBefore), limit});
}

Result<int> ServerStore::pruneLoginAddresses(const QDateTime &now, int limit) const
{
    return changeRows(*m_database,
                      QStringLiteral("DELETE FROM login_addresses WHERE (account_id, address) IN"
                                     " (SELECT account_id, address FROM login_addresses"
                                     " WHERE last_success_at <= ? LIMIT ?)"),
                      {msecs(knownSince(now)), limit});
}

} // namespace inkwell::server::store
