#pragma once

#include "model/error.h"
#include "ui/window/mainactions.h"

#include <QMainWindow>

class QLabel;
class QSplitter;
class QTimer;
class QUndoStack;

namespace inkwell::account {
class BlogChoice;
}
namespace inkwell::store {
class LocalStore;
}

namespace inkwell::ui {

class BlogPageService;
class BlogPicker;
class DeletedPostsDialog;
class HistoryService;
class MessageBar;
class PostEditor;
class PostListPane;
class SyncLogWindow;
class SyncService;
class SyncStatusWidget;
class ViewOnBlog;

// The editor's main window: the post list on the left, the open post on the right, the sync
// state in the status bar. Account actions (sign in/out, settings, resolving a conflict) are
// announced as signals for the application to handle.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    MainWindow(store::LocalStore &store, SyncService *sync, QWidget *parent = nullptr);
    ~MainWindow() override;

    // The account's blogs and the one the writer works in (not owned; null: none). The list
    // shows the current blog's posts, new posts go to it, and the blog picker in the toolbar
    // (shown when there is a choice) changes it.
    void setBlogChoice(account::BlogChoice *choice);
    // Moves the posts written while signed out (local only) into blog, so they sync there.
    void adoptLocalPosts(const QString &blog);
    // A short description of the account for the status bar, e.g. "alice at example.org".
    void setAccountText(const QString &text);
    void setSignedIn(bool signedIn);

    PostListPane *listPane() const { return m_list; }
    PostEditor *editor() const { return m_editor; }
    SyncStatusWidget *syncStatus() const { return m_status; }
    const MainActions &actions() const { return m_actions; }
    QUndoStack *undoStack() const { return m_undo; }

    // Creates an empty post, lists and opens it, and puts the cursor in its title.
    void newPost();
    // Deletes the open post (undoable). A Conflicted post asks first: open the merge window,
    // delete anyway (the delete resolves the conflict), or cancel.
    void deleteCurrentPost();
    void openPost(const QString &guid);
    // Opens the first listed post when none is open (e.g. after posts arrived).
    void openFirstPostIfNone();
    void showSyncLog();
    // The History window reads the server through service (not owned; set once at start).
    void setHistoryService(HistoryService *service) { m_history = service; }
    // Opens the History window of guid, or brings its open one forward.
    void showHistory(const QString &guid);
    // Lists the deleted posts, so one can be restored from its history.
    void showDeletedPosts();
    // "View on the Blog" asks service for a post's page (not owned; set once at start).
    void setBlogPageService(BlogPageService *service);

Q_SIGNALS:
    void signInRequested();
    void signOutRequested();
    void settingsRequested();
    // Open the merge window of guid (the Resolve action, a Conflicted row, the editor).
    void resolveRequested(const QString &guid);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void askBeforeDeletingConflicted(const QString &guid);
    void onRevisionRestored(const QString &guid);
    void deletePost(const QString &guid);
    QString resolveTarget() const;
    void buildMenus();
    void buildViewOnBlog();
    void connectActions();
    void refreshCounts();
    void showBlogChoice();
    void showCurrentBlog();
    void restoreLayout();
    void saveLayout();
    void showError(const Error &error);
    void undoOrRedo(bool undo);

    store::LocalStore &m_store;
    SyncService *m_sync;
    HistoryService *m_history = nullptr;
    DeletedPostsDialog *m_deletedPosts = nullptr;
    MainActions m_actions;
    QUndoStack *m_undo;
    MessageBar *m_bar;
    PostListPane *m_list;
    PostEditor *m_editor;
    QSplitter *m_splitter;
    SyncStatusWidget *m_status;
    QLabel *m_account;
    QTimer *m_countTimer;
    SyncLogWindow *m_log = nullptr;
    BlogPicker *m_blogPicker;
    QAction *m_blogPickerAction = nullptr;
    account::BlogChoice *m_blogs = nullptr;
    ViewOnBlog *m_viewOnBlog = nullptr;
};

} // namespace inkwell::ui
