// The main window's part in publishing: "View on the Blog" and the note that the blog shows an
// older version of the open post.
#include "ui/window/mainwindow.h"

#include "ui/common/messagebar.h"
#include "ui/editor/posteditor.h"
#include "ui/publish/viewonblog.h"

#include <QLabel>
#include <QStatusBar>

namespace inkwell::ui {

void MainWindow::buildViewOnBlog()
{
    auto *note = new QLabel(this);
    statusBar()->addWidget(note);
    m_viewOnBlog = new ViewOnBlog(m_store, m_editor->session(), m_actions.viewOnBlog, note, this);
    connect(m_viewOnBlog, &ViewOnBlog::failed, this, [this](const QString &message) {
        m_bar->showMessage(MessageBar::Kind::Error, message);
    });
}

void MainWindow::setBlogPageService(BlogPageService *service)
{
    m_viewOnBlog->setService(service);
}

} // namespace inkwell::ui
