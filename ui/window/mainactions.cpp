#include "ui/window/mainactions.h"

#include "ui/common/icons.h"

#include <QAction>
#include <QWidget>

namespace inkwell::ui {

namespace {

QAction *make(QWidget *window, const QString &text, const QString &icon,
              const QList<QKeySequence> &shortcuts, const QString &tip = {})
{
    auto *action = new QAction(text, window);
    if (!icon.isEmpty())
        action->setIcon(actionIcon(icon, window->palette()));
    action->setShortcuts(shortcuts);
    QString toolTip = tip.isEmpty() ? QString(text).remove(u'&').remove(QStringLiteral("…")) : tip;
    if (!shortcuts.isEmpty())
        toolTip +=
                QStringLiteral(" (%1)").arg(shortcuts.first().toString(QKeySequence::NativeText));
    action->setToolTip(toolTip);
    action->setStatusTip(toolTip);
    window->addAction(action);
    return action;
}

} // namespace

MainActions MainActions::create(QWidget *w)
{
    MainActions a{};
    a.newPost = make(w, tr("&New Post"), QStringLiteral("new"), {QKeySequence::New});
    a.deletePost = make(w, tr("&Delete Post"), QStringLiteral("delete"),
                        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete)},
                        tr("Delete the open post; Undo brings it back"));
    a.insertImage = make(w, tr("Insert &Image…"), QStringLiteral("image"),
                         {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I)},
                         tr("Insert an image into the post body"));
    a.undo = make(w, tr("&Undo"), QStringLiteral("undo"), {QKeySequence::Undo});
    a.redo = make(w, tr("&Redo"), QStringLiteral("redo"), {QKeySequence::Redo});
    a.restoreDeleted = make(w, tr("Restore &Deleted Post"), QStringLiteral("restore"),
                            {QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_Z)});
    a.history = make(w, tr("Post &History…"), QStringLiteral("history"),
                     {QKeySequence(Qt::CTRL | Qt::Key_H)},
                     tr("Earlier versions of the post on the server; restore one"));
    a.viewOnBlog =
            make(w, tr("View on the &Blog"), {}, {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B)},
                 tr("Open the post's page on the blog in the browser"));
    a.deletedPosts = make(w, tr("Deleted &Posts…"), QStringLiteral("restore"), {},
                          tr("Posts deleted here or by others; restore one from its history"));
    a.find = make(w, tr("&Find Posts"), QStringLiteral("search"), {QKeySequence::Find});
    a.syncNow = make(w, tr("&Sync Now"), QStringLiteral("sync"),
                     {QKeySequence(Qt::CTRL | Qt::Key_R), QKeySequence(Qt::Key_F5)},
                     tr("Send your changes and fetch the others'"));
    a.resolve = make(w, tr("&Resolve Conflict…"), QStringLiteral("resolve"),
                     {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R)},
                     tr("Compare your version with the server's and choose"));
    a.syncLog =
            make(w, tr("Sync &Log"), QStringLiteral("log"), {QKeySequence(Qt::CTRL | Qt::Key_L)});
    a.signIn = make(w, tr("Sign &In…"), QStringLiteral("sign-in"),
                    {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L)});
    a.signOut = make(w, tr("Sign &Out"), QStringLiteral("sign-out"),
                     {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O)});
    a.settings = make(w, tr("S&ettings…"), QStringLiteral("settings"),
                      {QKeySequence(Qt::CTRL | Qt::Key_Comma)});
    a.togglePreview = make(w, tr("Show Pre&view"), QStringLiteral("preview"),
                           {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P)});
    a.togglePreview->setCheckable(true);
    a.togglePreview->setChecked(true);
    a.quit = make(w, tr("&Quit"), QStringLiteral("quit"), {QKeySequence::Quit});
    const char *filterNames[] = {QT_TRANSLATE_NOOP("inkwell::ui::MainActions", "&All Posts"),
                                 QT_TRANSLATE_NOOP("inkwell::ui::MainActions", "&Drafts"),
                                 QT_TRANSLATE_NOOP("inkwell::ui::MainActions", "&Published"),
                                 QT_TRANSLATE_NOOP("inkwell::ui::MainActions", "&Conflicted")};
    for (int i = 0; i < 4; ++i) {
        a.filters[i] =
                make(w, tr(filterNames[i]), {}, {QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i))});
        a.filters[i]->setCheckable(true);
    }
    a.filters[0]->setChecked(true);
    return a;
}

} // namespace inkwell::ui
