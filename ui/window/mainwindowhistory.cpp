// The main window's part in post history: the History window and the deleted posts.
#include "ui/window/mainwindow.h"

#include "ui/common/messagebar.h"
#include "ui/editor/posteditor.h"
#include "ui/history/deletedpostsdialog.h"
#include "ui/history/historywindow.h"
#include "ui/list/postlistmodel.h"
#include "ui/list/postlistpane.h"
#include "ui/sync/syncservice.h"

namespace inkwell::ui {

void MainWindow::showHistory(const QString &guid)
{
    if (guid.isEmpty() || !m_history)
        return;
    const auto open = findChildren<HistoryWindow *>();
    for (HistoryWindow *window : open) {
        if (window->guid() == guid && window->isVisible()) {
            window->raise();
            window->activateWindow();
            return;
        }
    }
    // The window compares with the stored text: store what is typed first.
    if (guid == m_editor->guid())
        (void)m_editor->save();
    auto *window = new HistoryWindow(m_store, m_history, guid, this);
    window->setAttribute(Qt::WA_DeleteOnClose);
    connect(window, &HistoryWindow::aboutToRestore, this, [this](const QString &restoring) {
        if (restoring == m_editor->guid())
            (void)m_editor->save();
    });
    connect(window, &HistoryWindow::restored, this, &MainWindow::onRevisionRestored);
    window->show();
}

void MainWindow::showDeletedPosts()
{
    if (!m_deletedPosts) {
        m_deletedPosts = new DeletedPostsDialog(m_store, this);
        connect(m_deletedPosts, &DeletedPostsDialog::historyRequested, this,
                &MainWindow::showHistory);
    }
    m_deletedPosts->reload();
    m_deletedPosts->show();
    m_deletedPosts->raise();
    m_deletedPosts->activateWindow();
}

void MainWindow::onRevisionRestored(const QString &guid)
{
    m_list->model()->refresh({guid});
    if (m_deletedPosts)
        m_deletedPosts->reload();
    if (m_editor->guid() != guid) {
        m_list->select(guid);
        openPost(guid);
    }
    m_sync->notifyLocalEdit();
}

} // namespace inkwell::ui
