#pragma once

#include "model/post.h"

#include <QObject>
#include <QPointer>

class QAction;
class QLabel;

namespace inkwell::editing {
class EditSession;
}
namespace inkwell::store {
class LocalStore;
}

namespace inkwell::ui {

class BlogPageService;

// "View on the Blog" for the open post and the status bar note that the blog shows an older
// version of it. Both follow model::blogCopy() of the stored post: the action is enabled while
// the server's version is published (and the server has sites), and opens the browser at the
// page the server names; the note shows while local changes are not on the blog yet.
class ViewOnBlog final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ViewOnBlog)

public:
    // action and note are not owned; the session's open post is the one shown.
    ViewOnBlog(store::LocalStore &store, editing::EditSession *session, QAction *action,
               QLabel *note, QObject *parent = nullptr);

    // The server to ask (not owned; null: none, the action stays disabled).
    void setService(BlogPageService *service);
    // Reads the open post again and updates the action and the note.
    void refresh();
    // Asks the server for the open post's page; the browser opens when it answers.
    void view();

    static QString olderVersionText();

Q_SIGNALS:
    void failed(const QString &message);

private:
    store::LocalStore &m_store;
    editing::EditSession *m_session;
    // The window may delete them before the session closes its post.
    QPointer<QAction> m_action;
    QPointer<QLabel> m_note;
    QPointer<BlogPageService> m_service;
    model::Post m_post;
    QString m_asked; // the guid whose page was asked for, until the answer
};

} // namespace inkwell::ui
