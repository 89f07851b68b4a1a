#pragma once

#include "protocol/live.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <chrono>
#include <optional>

namespace inkwell::server::live {

using Clock = std::chrono::steady_clock;

// Who has which post of a blog open, per blog, in memory. Not thread-safe (LiveHub guards it).
// An entry belongs to one (user, client) pair: a client is one login token, so a member signed in
// twice has two entries, and renewing or moving one never touches the other.
class PresenceBook
{
public:
    struct Limits
    {
        std::chrono::seconds ttl{protocol::kPresenceTtlSeconds};
        int maxPerBlog = 256; // entries of one blog; more are refused
        int maxPerUser = 8; // entries of one member in one blog; the oldest gives way
    };

    // What a put or clear did to a blog's set.
    enum class Outcome {
        Unchanged, // a renewal of the same post, or clearing an entry that was not there
        Changed, // the set of entries changed: the token moved, waiters must be woken
        Full, // the blog holds maxPerBlog entries of others: refused
    };

    explicit PresenceBook(Limits limits) : m_limits(limits) { }

    Outcome put(qint64 blog, const QString &user, const QByteArray &client, const QString &guid,
                const QString &state, Clock::time_point now);
    Outcome clear(qint64 blog, const QString &user, const QByteArray &client);
    // Drops the entries expired at `now`; returns the blogs whose set changed.
    QList<qint64> expire(Clock::time_point now);
    // The earliest expiry of any entry, if there is one.
    std::optional<Clock::time_point> nextExpiry() const;

    // The blog's token: changes whenever its set of entries changes, not on renewals. Equal sets
    // give equal tokens in every process (it is a digest of the set).
    QString token(qint64 blog) const;
    // The blog's entries except those of `exceptUser`, each with its seconds left at `now`.
    QList<protocol::PresenceEntry> entries(qint64 blog, const QString &exceptUser,
                                           Clock::time_point now) const;
    int size(qint64 blog) const;
    const Limits &limits() const { return m_limits; }

private:
    struct Entry
    {
        QString user;
        QString guid;
        QString state;
        Clock::time_point since; // when the entry last changed (eviction order)
        Clock::time_point expires;
    };
    struct Blog
    {
        QHash<QByteArray, Entry> entries; // by key(user, client)
        QString token;
    };

    static QByteArray key(const QString &user, const QByteArray &client);
    void retoken(qint64 blog);

    Limits m_limits;
    QHash<qint64, Blog> m_blogs;
};

} // namespace inkwell::server::live
