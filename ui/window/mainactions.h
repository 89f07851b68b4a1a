#pragma once

#include <QCoreApplication>

class QAction;
class QWidget;

namespace inkwell::ui {

// Every command of the main window, with its icon, shortcut and accessible text. The window
// connects them; menus and the toolbar show them.
struct MainActions
{
    Q_DECLARE_TR_FUNCTIONS(inkwell::ui::MainActions)

public:
    QAction *newPost;
    QAction *deletePost;
    QAction *insertImage;
    QAction *undo;
    QAction *redo;
    QAction *restoreDeleted;
    QAction *history;
    QAction *viewOnBlog;
    QAction *deletedPosts;
    QAction *find;
    QAction *syncNow;
    QAction *resolve;
    QAction *syncLog;
    QAction *signIn;
    QAction *signOut;
    QAction *settings;
    QAction *togglePreview;
    QAction *quit;
    QAction *filters[4]; // All, Drafts, Published, Conflicted

    // Creates the actions as children of window.
    static MainActions create(QWidget *window);
};

} // namespace inkwell::ui
