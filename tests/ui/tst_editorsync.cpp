#include "editorapplication.h"
#include "model/post.h"
#include "store/localstore.h"
#include "store/postrepository.h"
#include "support/serverlauncher.h"
#include "support/tempdir.h"
#include "ui/editor/posteditor.h"
#include "ui/sync/syncstatuswidget.h"
#include "ui/window/mainwindow.h"
#include "uitestutil.h"

#include <QApplication>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>

#include <memory>

using namespace inkwell;

// The editor against the real inkwell-server on 127.0.0.1: sign in, write, press Sync.
class TestEditorSync : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void newPostReachesTheServerWhenSyncIsClicked();
    void postWrittenWhileTheServerIsDownSyncsWhenItReturns();

private:
    struct Session
    {
        test::ServerLauncher server;
        test::TempDir dir;
        qint64 blog = 0;
        std::unique_ptr<editor::EditorApplication> application;
    };
    // Starts the server with one writer and one blog, then the editor signed in to it; false
    // (with a warning saying why) when something did not come up.
    static bool startSignedIn(Session &session);
    // Clicks New Post and types its title; the post's guid once the title is saved, else "".
    static QString writeNewPost(editor::EditorApplication &application, const QString &title);
};

void TestEditorSync::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    // Without a keychain (plain ctest, no D-Bus) the editor asks where to keep the token.
    test::answerMessageBoxes(this, {QStringLiteral("Do Not Keep"), QStringLiteral("OK")});
}

bool TestEditorSync::startSignedIn(Session &session)
{
    test::ServerLauncher &server = session.server;
    const bool up = server.start()
            && server.addUser(QStringLiteral("writer"), QStringLiteral("correct horse"));
    session.blog = up ? server.addBlog(QStringLiteral("Blog"), QStringLiteral("writer")) : -1;
    if (session.blog <= 0) {
        qWarning() << "server did not come up:" << server.errorString() << server.serverLog();
        return false;
    }
    editor::EditorApplication::Options options;
    options.dataDir = session.dir.path();
    options.server = server.baseUrl();
    options.user = QStringLiteral("writer");
    qputenv("INKWELL_PASSWORD", "correct horse");
    session.application = std::make_unique<editor::EditorApplication>(options);
    if (!session.application->start())
        return false;
    QAction *syncNow = session.application->window()->actions().syncNow;
    // Signed in once Sync is enabled.
    return QTest::qWaitFor([syncNow] { return syncNow->isEnabled(); }, 15000);
}

QString TestEditorSync::writeNewPost(editor::EditorApplication &application, const QString &title)
{
    ui::MainWindow *window = application.window();
    QTest::mouseClick(test::toolBarButton(window, window->actions().newPost), Qt::LeftButton);
    const QString guid = window->editor()->guid();
    if (guid.isEmpty())
        return {};
    QTest::keyClicks(window->editor()->titleEdit(), title);
    store::PostRepository &posts = application.store()->posts();
    const bool saved = QTest::qWaitFor(
            [&] {
                const auto post = posts.post(guid);
                return post && post->fields.title == title;
            },
            5000);
    return saved ? guid : QString();
}

void TestEditorSync::newPostReachesTheServerWhenSyncIsClicked()
{
    Session session;
    QVERIFY(startSignedIn(session));
    editor::EditorApplication &application = *session.application;
    ui::MainWindow *window = application.window();

    const QString guid = writeNewPost(application, QStringLiteral("Written in the editor"));
    QVERIFY(!guid.isEmpty());
    QCOMPARE(application.store()->posts().post(guid)->blog, QString::number(session.blog));

    QTest::mouseClick(test::toolBarButton(window, window->actions().syncNow), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(application.store()->posts().post(guid)->syncStatus,
                              model::SyncStatus::Synced, 20000);
    const model::Post synced = *application.store()->posts().post(guid);
    QVERIFY(synced.rev > 0);
    QCOMPARE(synced.fields.title, QStringLiteral("Written in the editor"));
    QTRY_VERIFY(window->syncStatus()->lastSyncText().contains(QStringLiteral("just now")));
}

// The whole editor stack offline: the server goes away after sign-in, the writer keeps
// writing, and once the server is back the post reaches it without anyone pressing Sync.
void TestEditorSync::postWrittenWhileTheServerIsDownSyncsWhenItReturns()
{
    Session session;
    QVERIFY(startSignedIn(session));
    editor::EditorApplication &application = *session.application;
    ui::MainWindow *window = application.window();
    QTRY_COMPARE_WITH_TIMEOUT(window->syncStatus()->connectivityText(), QStringLiteral("Online"),
                              15000);

    test::ServerLauncher &server = session.server;
    const QUrl url = server.baseUrl();
    QVERIFY(server.stop());
    server.setServeArguments(
            {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(url.port())});

    const QString guid = writeNewPost(application, QStringLiteral("Written on the train"));
    QVERIFY(!guid.isEmpty());
    // The first failed request of the sync after the edit makes the editor probe the server,
    // so it shows Offline within seconds (not after the run's retries, about 15 s) and keeps
    // the post.
    QTRY_COMPARE_WITH_TIMEOUT(window->syncStatus()->connectivityText(), QStringLiteral("Offline"),
                              10000);
    QCOMPARE(application.store()->posts().post(guid)->syncStatus, model::SyncStatus::NeedsSync);
    QVERIFY(window->syncStatus()->pendingText().contains(QStringLiteral("1")));

    QVERIFY2(server.start(), qPrintable(server.errorString()));
    QCOMPARE(server.baseUrl(), url);
    QTRY_COMPARE_WITH_TIMEOUT(application.store()->posts().post(guid)->syncStatus,
                              model::SyncStatus::Synced, 30000);
    QVERIFY(application.store()->posts().post(guid)->rev > 0);
    QTRY_COMPARE_WITH_TIMEOUT(window->syncStatus()->connectivityText(), QStringLiteral("Online"),
                              15000);
}

QTEST_MAIN(TestEditorSync)
#include "tst_editorsync.moc"
