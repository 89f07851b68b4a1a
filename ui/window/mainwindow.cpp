#include "ui/window/mainwindow.h"

#include "account/blogchoice.h"
#include "model/post.h"
#include "store/localstore.h"
#include "store/postrepository.h"
#include "ui/common/icons.h"
#include "ui/common/messagebar.h"
#include "ui/editor/bodyedit.h"
#include "ui/editor/posteditor.h"
#include "ui/list/postlistmodel.h"
#include "ui/list/postlistpane.h"
#include "ui/sync/synclogwindow.h"
#include "ui/sync/syncservice.h"
#include "ui/sync/syncstatuswidget.h"
#include "ui/window/blogpicker.h"
#include "ui/window/deletepostcommand.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>

namespace inkwell::ui {

MainWindow::MainWindow(store::LocalStore &store, SyncService *sync, QWidget *parent)
    : QMainWindow(parent), m_store(store), m_sync(sync), m_actions(MainActions::create(this)),
      m_undo(new QUndoStack(this)), m_bar(new MessageBar(this)),
      m_list(new PostListPane(store, this)), m_editor(new PostEditor(store, this)),
      m_splitter(new QSplitter(Qt::Horizontal, this)), m_status(new SyncStatusWidget(sync, this)),
      m_account(new QLabel(this)), m_countTimer(new QTimer(this)),
      m_blogPicker(new BlogPicker(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Inkwell"));
    setWindowIcon(applicationIcon());
    // Who else is editing: in the list rows and the editor's header.
    m_list->model()->setPresence(sync);
    m_editor->setPresence(sync);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(m_list);
    m_splitter->addWidget(m_editor);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setSizes({320, 960});
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_bar);
    layout->addWidget(m_splitter, 1);
    setCentralWidget(central);
    m_account->setObjectName(QStringLiteral("account"));
    statusBar()->addWidget(m_account);
    statusBar()->addPermanentWidget(m_status);
    buildMenus();
    buildViewOnBlog();
    connectActions();
    restoreLayout();
    refreshCounts();
    setSignedIn(sync->connectivity() != SyncService::Connectivity::NotConfigured);
    openFirstPostIfNone();
}

void MainWindow::openFirstPostIfNone()
{
    const QString first = m_list->model()->guidAt(0);
    if (!m_editor->guid().isEmpty() || first.isEmpty())
        return;
    m_list->select(first);
    m_editor->openPost(first);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus()
{
    const MainActions &a = m_actions;
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addActions({a.newPost, a.deletePost, a.insertImage});
    file->addSeparator();
    file->addActions({a.signIn, a.signOut, a.settings});
    file->addSeparator();
    file->addAction(a.quit);
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addActions({a.undo, a.redo, a.restoreDeleted});
    edit->addActions({a.history, a.deletedPosts});
    edit->addSeparator();
    edit->addAction(a.find);
    QMenu *view = menuBar()->addMenu(tr("&View"));
    auto *filters = new QActionGroup(this);
    for (QAction *filter : a.filters) {
        filters->addAction(filter);
        view->addAction(filter);
    }
    view->addSeparator();
    view->addAction(a.togglePreview);
    view->addAction(a.viewOnBlog);
    QMenu *sync = menuBar()->addMenu(tr("&Sync"));
    sync->addActions({a.syncNow, a.resolve, a.syncLog});

    QToolBar *tools = addToolBar(tr("Main Toolbar"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tools->setMovable(false);
    tools->addActions({a.newPost, a.deletePost, a.insertImage});
    tools->addSeparator();
    tools->addActions({a.syncNow, a.resolve});
    m_blogPickerAction = tools->addWidget(m_blogPicker);
    m_blogPickerAction->setVisible(false);
}

void MainWindow::connectActions()
{
    const MainActions &a = m_actions;
    connect(a.newPost, &QAction::triggered, this, &MainWindow::newPost);
    connect(a.deletePost, &QAction::triggered, this, &MainWindow::deleteCurrentPost);
    connect(a.insertImage, &QAction::triggered, m_editor, &PostEditor::insertImageFromFile);
    connect(a.undo, &QAction::triggered, this, [this] { undoOrRedo(true); });
    connect(a.redo, &QAction::triggered, this, [this] { undoOrRedo(false); });
    connect(a.restoreDeleted, &QAction::triggered, m_undo, &QUndoStack::undo);
    connect(m_undo, &QUndoStack::canUndoChanged, a.restoreDeleted, &QAction::setEnabled);
    a.restoreDeleted->setEnabled(false);
    connect(a.find, &QAction::triggered, this, [this] {
        m_list->searchField()->setFocus();
        m_list->searchField()->selectAll();
    });
    connect(a.syncNow, &QAction::triggered, m_sync, &SyncService::syncNow);
    connect(a.resolve, &QAction::triggered, this, [this] {
        const QString target = resolveTarget();
        if (target == m_editor->guid())
            m_editor->requestResolve(); // stores a held buffer as a conflict first
        else
            Q_EMIT resolveRequested(target);
    });
    connect(a.syncLog, &QAction::triggered, this, &MainWindow::showSyncLog);
    connect(a.history, &QAction::triggered, this, [this] { showHistory(resolveTarget()); });
    connect(a.deletedPosts, &QAction::triggered, this, &MainWindow::showDeletedPosts);
    connect(a.signIn, &QAction::triggered, this, &MainWindow::signInRequested);
    connect(a.signOut, &QAction::triggered, this, &MainWindow::signOutRequested);
    connect(a.settings, &QAction::triggered, this, &MainWindow::settingsRequested);
    connect(a.quit, &QAction::triggered, this, &QWidget::close);
    connect(a.togglePreview, &QAction::toggled, this, [this](bool shown) {
        if (auto *preview = m_editor->findChild<QWidget *>(QStringLiteral("preview")))
            preview->setVisible(shown);
    });
    for (int i = 0; i < 4; ++i) {
        connect(a.filters[i], &QAction::triggered, this,
                [this, i] { m_list->setFilter(store::PostFilter(i)); });
    }
    connect(m_list, &PostListPane::postActivated, this, &MainWindow::openPost);
    connect(m_list, &PostListPane::resolveRequested, this, &MainWindow::resolveRequested);
    // Right-clicking a post makes it current (and opens it), so these act on that post.
    m_list->view()->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_list->view()->addActions({a.resolve, a.history, a.viewOnBlog, a.deletePost});
    connect(m_editor, &PostEditor::resolveRequested, this, &MainWindow::resolveRequested);
    connect(m_editor, &PostEditor::saved, m_sync, &SyncService::notifyLocalEdit);
    connect(m_editor, &PostEditor::errorOccurred, this, &MainWindow::showError);
    connect(m_list->model(), &PostListModel::loadFailed, this, &MainWindow::showError);
    // Counting scans the table: coalesce bursts of changes (typing, pulled pages) into one count.
    m_countTimer->setSingleShot(true);
    m_countTimer->setInterval(250);
    connect(m_countTimer, &QTimer::timeout, this, &MainWindow::refreshCounts);
    connect(&m_store, &store::LocalStore::postsChanged, m_countTimer, qOverload<>(&QTimer::start),
            Qt::QueuedConnection);
    connect(m_sync, &SyncService::finished, this, &MainWindow::refreshCounts);
}

void MainWindow::setAccountText(const QString &text)
{
    m_account->setText(text);
}

void MainWindow::setSignedIn(bool signedIn)
{
    m_actions.signIn->setVisible(!signedIn);
    m_actions.signOut->setVisible(signedIn);
    m_actions.syncNow->setEnabled(signedIn);
}

void MainWindow::setBlogChoice(account::BlogChoice *choice)
{
    if (m_blogs)
        m_blogs->disconnect(this);
    m_blogs = choice;
    m_blogPicker->setChoice(choice);
    if (m_blogs) {
        connect(m_blogs, &account::BlogChoice::blogsChanged, this, &MainWindow::showBlogChoice);
        connect(m_blogs, &account::BlogChoice::currentChanged, this, &MainWindow::showCurrentBlog);
    }
    showBlogChoice();
    showCurrentBlog();
}

void MainWindow::showBlogChoice()
{
    m_blogPickerAction->setVisible(m_blogs && m_blogs->offersChoice());
}

void MainWindow::showCurrentBlog()
{
    const std::optional<QString> scope = m_blogs ? m_blogs->listScope() : std::nullopt;
    if (scope == m_list->model()->blog())
        return;
    // A post of another blog does not stay open behind a list that no longer shows it.
    (void)m_editor->save();
    if (const QString open = m_editor->guid(); !open.isEmpty() && scope) {
        auto post = m_store.posts().post(open);
        if (!post || post->blog != *scope)
            m_editor->openPost({});
    }
    m_list->model()->setBlog(scope);
    openFirstPostIfNone();
}

void MainWindow::newPost()
{
    auto post = m_store.posts().create(m_blogs ? m_blogs->currentKey() : QString(), {});
    if (!post) {
        showError(post.error());
        return;
    }
    m_list->model()->refresh({post->guid});
    m_list->select(post->guid);
    openPost(post->guid);
    m_editor->titleEdit()->setFocus();
}

void MainWindow::deleteCurrentPost()
{
    const QString guid = m_editor->guid();
    if (guid.isEmpty())
        return;
    auto post = m_store.posts().post(guid);
    if (post && post->syncStatus == model::SyncStatus::Conflicted)
        askBeforeDeletingConflicted(guid);
    else
        deletePost(guid);
}

void MainWindow::askBeforeDeletingConflicted(const QString &guid)
{
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Delete Conflicted Post"),
                                tr("This post changed on the server and conflicts with your "
                                   "version."),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("deleteConflictedQuestion"));
    box->setInformativeText(tr("Open the merge window to compare both versions, or delete it "
                               "anyway: the delete then replaces the server's version."));
    QPushButton *open = box->addButton(tr("&Open Merge Window"), QMessageBox::AcceptRole);
    QPushButton *remove = box->addButton(tr("&Delete Anyway"), QMessageBox::DestructiveRole);
    box->addButton(QMessageBox::Cancel);
    open->setObjectName(QStringLiteral("openMergeWindow"));
    remove->setObjectName(QStringLiteral("deleteAnyway"));
    box->setDefaultButton(open);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, guid, open, remove](auto *button) {
        if (button == open)
            Q_EMIT resolveRequested(guid);
        else if (button == remove)
            deletePost(guid);
    });
    box->open();
}

void MainWindow::deletePost(const QString &guid)
{
    const int row = m_list->model()->rowOf(guid);
    if (guid == m_editor->guid())
        (void)m_editor->save();
    auto *command = new DeletePostCommand(m_store, guid);
    m_undo->push(command);
    if (command->failed()) {
        showError({ErrorCode::DatabaseQuery, QStringLiteral("delete failed")});
        return;
    }
    if (guid == m_editor->guid())
        m_editor->openPost({});
    m_list->model()->refresh({guid});
    const QString next = m_list->model()->guidAt(std::min(row, m_list->model()->rowCount() - 1));
    m_bar->showMessage(MessageBar::Kind::Information, tr("The post was deleted."));
    connect(m_bar->addButton(tr("Undo")), &QPushButton::clicked, m_undo, &QUndoStack::undo);
    if (!next.isEmpty() && m_editor->guid().isEmpty()) {
        m_list->select(next);
        m_editor->openPost(next);
    }
}

QString MainWindow::resolveTarget() const
{
    // The list's current row when the list is being used (it may be a Conflicted tombstone,
    // which the editor cannot open); the open post otherwise.
    const QString listed = m_list->currentGuid();
    if (!listed.isEmpty() && (m_editor->guid().isEmpty() || m_list->view()->hasFocus()))
        return listed;
    return m_editor->guid();
}

void MainWindow::undoOrRedo(bool undo)
{
    // Text widgets handle their own undo; elsewhere the window's post-level history applies.
    QWidget *focus = QApplication::focusWidget();
    if (focus == m_editor->bodyEdit()) // the session's undo: it stops before others' changes
        undo ? m_editor->undo() : m_editor->redo();
    else if (auto *body = qobject_cast<QPlainTextEdit *>(focus))
        undo ? body->undo() : body->redo();
    else if (auto *line = qobject_cast<QLineEdit *>(focus))
        undo ? line->undo() : line->redo();
    else
        undo ? m_undo->undo() : m_undo->redo();
}

void MainWindow::openPost(const QString &guid)
{
    m_editor->openPost(guid);
    m_bar->dismiss();
}

void MainWindow::showSyncLog()
{
    if (!m_log)
        m_log = new SyncLogWindow(m_sync, this);
    m_log->show();
    m_log->raise();
}

void MainWindow::refreshCounts()
{
    auto counts = m_store.posts().counts();
    if (counts)
        m_status->setPendingCount(counts->needsSync, counts->conflicted);
}

void MainWindow::adoptLocalPosts(const QString &blog)
{
    auto moved = m_store.posts().adoptLocalPosts(blog);
    if (!moved) {
        showError(moved.error());
        return;
    }
    if (moved->isEmpty())
        return;
    const bool named = m_blogs && m_blogs->offersChoice() && m_blogs->currentKey() == blog;
    m_bar->showMessage(MessageBar::Kind::Information,
                       named ? tr("Posts written while signed out (%1) will now sync to %2.")
                                       .arg(moved->size())
                                       .arg(m_blogs->currentName())
                             : tr("Posts written while signed out (%1) will now sync to your blog.")
                                       .arg(moved->size()));
}

void MainWindow::showError(const Error &error)
{
    m_bar->showMessage(MessageBar::Kind::Error, errorText(error.code));
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1200, 760);
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
}

void MainWindow::saveLayout()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    (void)m_editor->save();
    saveLayout();
    event->accept();
}

} // namespace inkwell::ui
