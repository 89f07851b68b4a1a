#include "ui/publish/viewonblog.h"

#include "editing/editsession.h"
#include "model/blogcopy.h"
#include "store/localstore.h"
#include "store/postrepository.h"
#include "ui/publish/blogpageservice.h"

#include <QAction>
#include <QDesktopServices>
#include <QLabel>

namespace inkwell::ui {

ViewOnBlog::ViewOnBlog(store::LocalStore &store, editing::EditSession *session, QAction *action,
                       QLabel *note, QObject *parent)
    : QObject(parent), m_store(store), m_session(session), m_action(action), m_note(note)
{
    m_note->setObjectName(QStringLiteral("blogVersionNote"));
    m_note->setText(olderVersionText());
    m_note->setVisible(false);
    connect(m_action, &QAction::triggered, this, &ViewOnBlog::view);
    connect(m_session, &editing::EditSession::opened, this, &ViewOnBlog::refresh);
    connect(m_session, &editing::EditSession::saved, this, &ViewOnBlog::refresh);
    connect(m_session, &editing::EditSession::stateChanged, this, &ViewOnBlog::refresh);
    connect(&m_store, &store::LocalStore::postsChanged, this, [this](const QStringList &guids) {
        if (!m_session->guid().isEmpty() && guids.contains(m_session->guid()))
            refresh();
    });
    refresh();
}

QString ViewOnBlog::olderVersionText()
{
    return tr("The blog shows an older version until you sync");
}

void ViewOnBlog::setService(BlogPageService *service)
{
    if (m_service)
        m_service->disconnect(this);
    m_service = service;
    if (m_service) {
        connect(m_service, &BlogPageService::hasSiteChanged, this, &ViewOnBlog::refresh);
        connect(m_service, &BlogPageService::pageFound, this,
                [this](const QString &guid, const QUrl &url) {
                    if (guid != std::exchange(m_asked, QString()))
                        return;
                    if (!QDesktopServices::openUrl(url))
                        Q_EMIT failed(
                                tr("Could not open the browser at %1").arg(url.toDisplayString()));
                });
        connect(m_service, &BlogPageService::pageFailed, this,
                [this](const QString &guid, const QString &message) {
                    if (guid == std::exchange(m_asked, QString()))
                        Q_EMIT failed(message);
                });
    }
    refresh();
}

void ViewOnBlog::refresh()
{
    if (!m_action || !m_note)
        return;
    m_post = {};
    if (const QString guid = m_session->guid(); !guid.isEmpty()) {
        if (auto stored = m_store.posts().post(guid))
            m_post = *stored;
    }
    const model::BlogCopy copy = model::blogCopy(m_post);
    m_action->setEnabled(copy != model::BlogCopy::None
                         && m_post.fields.state == model::PublishState::Published && m_service
                         && m_service->hasSite());
    m_note->setVisible(copy == model::BlogCopy::Older);
}

void ViewOnBlog::view()
{
    refresh();
    if (!m_action || !m_action->isEnabled())
        return;
    m_asked = m_post.guid;
    m_service->findPage(m_post.blog, m_post.guid);
}

} // namespace inkwell::ui
