// inkwell_screenshots: renders the real main window offscreen (QWidget::grab) in the states the
// README shows, over a temporary store with demo posts: the list with every badge, the editor with
// an image, colleagues editing, a sync in progress (driven through a scripted SyncService), the
// merge window and the sign-in dialog warning about plain http.
// Usage: inkwell_screenshots OUTPUT_DIR [--dark] [--prefix NAME]   (see scripts/screenshots.sh)
#include "blogpickerscreenshot.h"
#include "demoposts.h"
#include "editorapplication.h"
#include "fakesyncservice.h"
#include "historyscreenshots.h"
#include "mergescreenshots.h"
#include "model/error.h"
#include "model/post.h"
#include "store/localstore.h"
#include "store/postrepository.h"
#include "store/syncrepository.h"
#include "support/tempdir.h"
#include "ui/account/logindialog.h"
#include "ui/common/icons.h"
#include "ui/common/theme.h"
#include "ui/editor/posteditor.h"
#include "ui/list/postlistmodel.h"
#include "ui/list/postlistpane.h"
#include "ui/window/mainwindow.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTest>
#include <QUuid>

using namespace inkwell;

namespace {

// Marks the demo posts as synced by two authors, one as pending, one as conflicted.
void shapeStates(store::LocalStore &store)
{
    auto posts = store.posts().page({});
    if (!posts)
        return;
    const QStringList authors{QStringLiteral("anna"), QStringLiteral("ben")};
    for (int i = 0; i < posts->size(); ++i) {
        const model::Post &post = posts->at(i);
        model::Revision revision;
        revision.guid = post.guid;
        revision.rev = i + 1;
        revision.fields = post.fields;
        revision.createdBy = authors.at(i % 2);
        revision.modifiedBy = authors.at(i % 2);
        revision.modifiedAt = post.modifiedAt;
        (void)store.sync().acknowledgePushes({{revision, post.editCounter}});
    }
    if (posts->size() >= 4) {
        model::PostFields edited = posts->at(2).fields;
        edited.body += QStringLiteral("\nOne more line written offline.\n");
        (void)store.posts().update(posts->at(2).guid, edited);
        model::Revision theirs;
        theirs.guid = posts->at(3).guid;
        theirs.rev = 99;
        theirs.fields = posts->at(3).fields;
        theirs.fields.title += QStringLiteral(" (their edit)");
        theirs.modifiedBy = QStringLiteral("ben");
        (void)store.sync().markConflicted(posts->at(3).guid, theirs);
    }
}

bool save(QWidget *widget, const QString &path)
{
    QApplication::processEvents();
    const bool saved = widget->grab().save(path);
    std::printf("%s %s\n", saved ? "wrote" : "FAILED", qPrintable(path));
    return saved;
}

// Never called: the screenshot shows the dialog before signing in.
class NoSignIn final : public ui::SignInService
{
public:
    void signIn(const QUrl &, const QString &, const QString &, QObject *, Callback) override { }
};

// The sign-in dialog with plain http to another computer allowed: the box ticked, the warning
// shown.
bool saveLoginDialog(const QDir &out, const QString &prefix)
{
    NoSignIn service;
    ui::LoginDialog dialog(&service);
    dialog.setServer(QUrl(QStringLiteral("http://blog.example.org")));
    dialog.setUser(QStringLiteral("anna"));
    dialog.findChild<QLineEdit *>(QStringLiteral("password"))->setText(QStringLiteral("secret"));
    dialog.findChild<QCheckBox *>(QStringLiteral("allowHttp"))->setChecked(true);
    dialog.show();
    (void)QTest::qWaitForWindowExposed(&dialog);
    dialog.adjustSize();
    return save(&dialog, out.filePath(prefix + QStringLiteral("login-http-warning.png")));
}

// Colleagues typing: Ben in the open post (its row and the editor's header), Carl and Dora in
// another post of the list.
bool savePresence(ui::MainWindow &window, test::FakeSyncService &sync, const QDir &out,
                  const QString &prefix)
{
    const QString open = window.editor()->guid();
    ui::PostListModel *model = window.listPane()->model();
    QString other;
    for (int row = 0; row < model->rowCount() && other.isEmpty(); ++row) {
        if (model->guidAt(row) != open)
            other = model->guidAt(row);
    }
    const auto editing = [](const QString &guid, const char *user) {
        return protocol::PresenceEntry{guid, QLatin1String(user), QStringLiteral("editing"), 30};
    };
    sync.presence.update(1, {editing(open, "ben"), editing(other, "carl"), editing(other, "dora")});
    QTest::qWait(100);
    const bool saved = save(&window, out.filePath(prefix + QStringLiteral("presence.png")));
    sync.presence.clear();
    return saved;
}

// A search right after a large pull: the posts are listed, and the note under the search field
// says that some of them are not searchable yet. Last, since it adds posts to the store.
bool saveSearchWhileIndexing(ui::MainWindow &window, store::LocalStore &store, const QDir &out,
                             const QString &prefix)
{
    // A pulled page as the sync engine writes it: the server's revisions, without their index.
    QList<model::Revision> page;
    for (int i = 1; i <= 1250; ++i) {
        model::Revision revision;
        revision.guid = QUuid::createUuid().toString(QUuid::WithoutBraces);
        revision.rev = 1000 + i;
        revision.fields.title = QStringLiteral("Hut log, day %1").arg(i);
        revision.fields.body = QStringLiteral("Notes from the mountain hut.");
        revision.createdBy = revision.modifiedBy = QStringLiteral("ben");
        revision.modifiedAt = QDateTime::currentDateTimeUtc().addSecs(-86400 + i);
        page.append(revision);
    }
    const auto pulled = store.write(
            [&store, &page]() -> Result<void> {
                auto stored = store.sync().upsertPageFromServer(QStringLiteral("1"), page);
                if (!stored)
                    return stored.error();
                return {};
            },
            store::LocalStore::SearchIndexing::Later);
    if (!pulled)
        return false;
    QLineEdit *search = window.listPane()->searchField();
    search->setText(QStringLiteral("mountain"));
    QTest::qWait(300);
    const bool saved = save(&window, out.filePath(prefix + QStringLiteral("search-indexing.png")));
    search->clear();
    return saved;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication application(argc, argv);
    QApplication::setApplicationName(QStringLiteral("inkwell-screenshots"));
    QStandardPaths::setTestModeEnabled(true);
    editor::EditorApplication::installTranslations(application);
    const QStringList arguments = QApplication::arguments();
    if (arguments.size() < 2) {
        std::fprintf(stderr, "usage: inkwell_screenshots OUTPUT_DIR [--dark] [--prefix NAME]\n");
        return 2;
    }
    const QDir out(arguments.at(1));
    const bool dark = arguments.contains(QStringLiteral("--dark"));
    const int prefixAt = int(arguments.indexOf(QStringLiteral("--prefix")));
    const QString prefix = prefixAt > 0 && prefixAt + 1 < arguments.size()
            ? arguments.at(prefixAt + 1) + u'-'
            : QString();
    if (dark)
        ui::applyTheme(application, ui::Theme::Dark);
    QApplication::setWindowIcon(ui::applicationIcon());

    test::TempDir dir;
    store::LocalStore store(dir.filePath(QStringLiteral("shots.sqlite")));
    if (!store.open() || !editor::createDemoPosts(store, QStringLiteral("1")))
        return 1;
    shapeStates(store);

    test::FakeSyncService sync;
    sync.lastSuccess = QDateTime::currentDateTimeUtc().addSecs(-180);
    ui::MainWindow window(store, &sync);
    window.setAccountText(QStringLiteral("anna on blog.example.org"));
    window.setSignedIn(true);
    window.resize(1280, 800);
    window.show();
    window.listPane()->model()->reload();
    (void)QTest::qWaitForWindowExposed(&window);

    // Open the post with the image.
    ui::PostListModel *model = window.listPane()->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QString guid = model->guidAt(row);
        if (store.posts().post(guid)->fields.body.contains(QStringLiteral("attachment:"))) {
            window.listPane()->select(guid);
            window.openPost(guid);
        }
    }
    QTest::qWait(300);
    bool ok = save(&window, out.filePath(prefix + QStringLiteral("main-window.png")));
    ok &= savePresence(window, sync, out, prefix);

    sync.syncing = true;
    Q_EMIT sync.started();
    Q_EMIT sync.progressed(37, 120);
    QTest::qWait(600); // the progress bar appears for runs longer than a moment
    ok &= save(&window, out.filePath(prefix + QStringLiteral("sync-in-progress.png")));

    // A run that met a post from the server it could not read: the status bar says so until a
    // clean run.
    Q_EMIT sync.changeSkipped(QStringLiteral("5f0c2a7e-91d4-4b8e-a3f6-2d7c9e1b4a60"),
                              Error{ErrorCode::TooLarge,
                                    QStringLiteral("fields.title: longer than 1000 characters")});
    sync.syncing = false;
    Q_EMIT sync.finished(QDateTime::currentDateTimeUtc());
    QTest::qWait(300);
    ok &= save(&window, out.filePath(prefix + QStringLiteral("sync-skipped-posts.png")));

    // Signing in after writing offline: the local-only posts join the blog.
    Q_EMIT sync.started();
    Q_EMIT sync.finished(QDateTime::currentDateTimeUtc());
    model::PostFields offline;
    offline.title = QStringLiteral("Written on the train");
    (void)store.posts().create(QString(), offline);
    window.adoptLocalPosts(QStringLiteral("1"));
    QTest::qWait(300);
    ok &= save(&window, out.filePath(prefix + QStringLiteral("offline-posts-adopted.png")));

    // The merge window: a body conflict, a field conflict with two covers, an edit versus a delete.
    ok &= test::makeMergeScreenshots(store, out, prefix);
    ok &= saveLoginDialog(out, prefix);
    // The History window: an older revision compared with the current text.
    ok &= test::makeHistoryScreenshot(store, out, prefix);
    // The blog picker of an account with several blogs, open.
    ok &= test::makeBlogPickerScreenshot(window, out, prefix);
    ok &= saveSearchWhileIndexing(window, store, out, prefix);
    return ok ? 0 : 1;
}
