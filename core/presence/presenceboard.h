#pragma once

#include "protocol/live.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <chrono>
#include <functional>

class QTimer;

namespace inkwell::presence {

// The other members' presence, per blog, as the live answers report it: who has which post open
// and is typing in it. Each answer replaces what the board held for its blog. Every entry also
// expires on its own once its seconds_left have passed, so a colleague who dropped off the
// network disappears even when no further answer comes. One timer, armed for the next expiry.
// Information only: nothing here ever stops anyone from editing.
class PresenceBoard final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PresenceBoard)

public:
    using Clock = std::function<std::chrono::steady_clock::time_point()>;

    explicit PresenceBoard(QObject *parent = nullptr);
    ~PresenceBoard() override;

    // The time source (steady_clock::now by default); tests advance their own and call expire().
    void setClock(Clock clock);

    // The members editing guid in blog, sorted and each named once; empty when nobody is.
    QStringList editors(qint64 blog, const QString &guid) const;
    bool isEmpty() const { return m_blogs.isEmpty(); }

public Q_SLOTS:
    // blog's presence as of one live answer (the caller's own entries are not in it).
    void update(qint64 blog, const QList<inkwell::protocol::PresenceEntry> &entries);
    // Forgets every blog (signed out, another account).
    void clear();
    // Drops the entries whose time is up; the board's timer calls it at the next expiry.
    void expire();

Q_SIGNALS:
    // The editors of these posts changed.
    void changed(const QStringList &guids);

private:
    struct Entry
    {
        QString guid;
        QString user;
        std::chrono::steady_clock::time_point until;
    };
    using Editors = QHash<QString, QStringList>; // guid -> sorted names

    Editors editorsOf(const QList<Entry> &entries) const;
    void announce(const Editors &before, const Editors &after);
    void arm();

    Clock m_clock;
    QHash<qint64, QList<Entry>> m_blogs;
    QTimer *m_timer;
};

} // namespace inkwell::presence
