#include "presenceservice.h"

#include "editing/editsession.h"
#include "net/threadedtransport.h"
#include "presence/presenceboard.h"
#include "presence/presencereporter.h"
#include "sync/syncaccount.h"

#include <QEventLoop>
#include <QTimer>

namespace inkwell::editor {

namespace {

qint64 blogId(const QString &blog)
{
    bool isNumber = false;
    const qint64 id = blog.toLongLong(&isNumber);
    return isNumber ? id : 0;
}

} // namespace

PresenceService::PresenceService(QObject *parent)
    : QObject(parent), m_transport(std::make_unique<net::ThreadedTransport>()),
      m_board(new presence::PresenceBoard(this)),
      m_reporter(new presence::PresenceReporter(m_transport.get(), this))
{
    connect(m_board, &presence::PresenceBoard::changed, this, &PresenceService::changed);
}

PresenceService::~PresenceService()
{
    m_reporter->closed();
    if (!m_reporter->isIdle()) {
        // Best effort at quit: the server's entry lapses by itself if this does not get out.
        // The window is gone by now, so nothing else is waiting on this loop.
        QEventLoop loop;
        connect(m_reporter, &presence::PresenceReporter::idle, &loop, &QEventLoop::quit);
        QTimer::singleShot(QuitBound, &loop, &QEventLoop::quit);
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    }
    delete m_reporter; // before the transport it sends through
    m_reporter = nullptr;
}

void PresenceService::setAccount(const sync::SyncAccount &account)
{
    m_reporter->setAccount(account);
    m_board->clear();
}

void PresenceService::setOnline(bool online)
{
    m_reporter->setOnline(online);
}

void PresenceService::watch(editing::EditSession *session)
{
    connect(session, &editing::EditSession::edited, m_reporter,
            [this, session](const QString &guid) {
                m_reporter->edited(blogId(session->post().blog), guid);
            });
    // Another post (or none) is open: the old one is left. Typing in the new one reports it.
    connect(session, &editing::EditSession::opened, m_reporter,
            &presence::PresenceReporter::closed);
}

QStringList PresenceService::editorsOf(const QString &blog, const QString &guid) const
{
    const qint64 id = blogId(blog);
    return id > 0 ? m_board->editors(id, guid) : QStringList();
}

void PresenceService::takePresence(qint64 blog, const QList<protocol::PresenceEntry> &presence)
{
    m_board->update(blog, presence);
}

} // namespace inkwell::editor
