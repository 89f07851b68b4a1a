#pragma once

#include "protocol/live.h"

#include <QList>
#include <QObject>
#include <QStringList>

#include <chrono>
#include <memory>

namespace inkwell::editing {
class EditSession;
}
namespace inkwell::net {
class Transport;
}
namespace inkwell::presence {
class PresenceBoard;
class PresenceReporter;
} // namespace inkwell::presence
namespace inkwell::sync {
struct SyncAccount;
}

namespace inkwell::editor {

// The editor's presence: reports the writer's typing in the open post (a PresenceReporter on a
// network thread of its own, so the window never waits for it) and keeps the other members'
// presence from the live answers (a PresenceBoard) for the list and the editor's header.
class PresenceService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PresenceService)

public:
    // How long quitting waits at most for the clear of the writer's presence to go out.
    static constexpr std::chrono::milliseconds QuitBound{800};

    explicit PresenceService(QObject *parent = nullptr);
    // Clears the writer's presence, waiting at most QuitBound for it to reach the server.
    ~PresenceService() override;

    // An empty account clears the old one's presence (with its token) and forgets the board.
    void setAccount(const sync::SyncAccount &account);
    void setOnline(bool online);
    // Follows the writer's edits in session (the post editor's) and the posts it opens.
    void watch(editing::EditSession *session);

    // The other members editing guid in blog (a blog id as the store keeps it).
    QStringList editorsOf(const QString &blog, const QString &guid) const;
    presence::PresenceBoard *board() const { return m_board; }
    presence::PresenceReporter *reporter() const { return m_reporter; }

public Q_SLOTS:
    // blog's presence as of one live answer.
    void takePresence(qint64 blog, const QList<inkwell::protocol::PresenceEntry> &presence);

Q_SIGNALS:
    void changed(const QStringList &guids);

private:
    std::unique_ptr<net::Transport> m_transport;
    presence::PresenceBoard *m_board;
    presence::PresenceReporter *m_reporter;
};

} // namespace inkwell::editor
