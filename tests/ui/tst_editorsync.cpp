#include "editorapplication.h"
#include "model/post.h"
#include "store/localstore.h"
#include "store/postrepository.h"
#include "support/serverlauncher.h"
#include "support/tempdir.h"
#include "ui/mainwindow.h"
#include "ui/posteditor.h"
#include "ui/syncstatuswidget.h"

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
    static QToolButton *toolButton(ui::MainWindow *window, QAction *action);
};

void TestEditorSync::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    // Without a keychain (plain ctest, no D-Bus) the editor asks where to keep the token:
    // answer "do not keep" so the test never waits on a dialog.
    auto *answer = new QTimer(this);
    connect(answer, &QTimer::timeout, this, [] {
        const auto windows = QApplication::topLevelWidgets();
        for (QWidget *widget : windows) {
            auto *box = qobject_cast<QMessageBox *>(widget);
            if (!box || !box->isVisible())
                continue;
            const auto buttons = box->findChildren<QPushButton *>();
            for (QPushButton *button : buttons) {
                if (button->text() == QStringLiteral("Do Not Keep") || button->text() == u"OK")
                    button->click();
            }
        }
    });
    answer->start(50);
}

QToolButton *TestEditorSync::toolButton(ui::MainWindow *window, QAction *action)
{
    const auto bars = window->findChildren<QToolBar *>();
    for (QToolBar *bar : bars) {
        if (auto *button = qobject_cast<QToolButton *>(bar->widgetForAction(action)))
            return button;
    }
    return nullptr;
}

void TestEditorSync::newPostReachesTheServerWhenSyncIsClicked()
{
    test::ServerLauncher server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    QVERIFY(server.addUser(QStringLiteral("writer"), QStringLiteral("correct horse")));
    const qint64 blog = server.addBlog(QStringLiteral("Blog"), QStringLiteral("writer"));
    QVERIFY(blog > 0);

    test::TempDir dir;
    editor::EditorApplication::Options options;
    options.dataDir = dir.path();
    options.server = server.baseUrl();
    options.user = QStringLiteral("writer");
    qputenv("INKWELL_PASSWORD", "correct horse");
    editor::EditorApplication application(options);
    QVERIFY(application.start());
    ui::MainWindow *window = application.window();
    QTRY_VERIFY_WITH_TIMEOUT(window->actions().syncNow->isEnabled(), 15000); // signed in

    QTest::mouseClick(toolButton(window, window->actions().newPost), Qt::LeftButton);
    const QString guid = window->editor()->guid();
    QVERIFY(!guid.isEmpty());
    QTest::keyClicks(window->editor()->titleEdit(), QStringLiteral("Written in the editor"));
    QTRY_COMPARE(application.store()->posts().post(guid)->fields.title,
                 QStringLiteral("Written in the editor"));
    QCOMPARE(application.store()->posts().post(guid)->blog, QString::number(blog));

    QTest::mouseClick(toolButton(window, window->actions().syncNow), Qt::LeftButton);
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
    test::ServerLauncher server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    QVERIFY(server.addUser(QStringLiteral("writer"), QStringLiteral("correct horse")));
    const qint64 blog = server.addBlog(QStringLiteral("Blog"), QStringLiteral("writer"));
    QVERIFY(blog > 0);

    test::TempDir dir;
    editor::EditorApplication::Options options;
    options.dataDir = dir.path();
    options.server = server.baseUrl();
    options.user = QStringLiteral("writer");
    qputenv("INKWELL_PASSWORD", "correct horse");
    editor::EditorApplication application(options);
    QVERIFY(application.start());
    ui::MainWindow *window = application.window();
    QTRY_VERIFY_WITH_TIMEOUT(window->actions().syncNow->isEnabled(), 15000); // signed in
    QTRY_COMPARE_WITH_TIMEOUT(window->syncStatus()->connectivityText(), QStringLiteral("Online"),
                              15000);

    const QUrl url = server.baseUrl();
    QVERIFY(server.stop());
    server.setServeArguments(
            {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(url.port())});

    QTest::mouseClick(toolButton(window, window->actions().newPost), Qt::LeftButton);
    const QString guid = window->editor()->guid();
    QVERIFY(!guid.isEmpty());
    QTest::keyClicks(window->editor()->titleEdit(), QStringLiteral("Written on the train"));
    QTRY_COMPARE(application.store()->posts().post(guid)->fields.title,
                 QStringLiteral("Written on the train"));
    // The sync after the edit fails once its retries (about 15 s) are spent; the editor then
    // shows it is offline and keeps the post.
    QTRY_COMPARE_WITH_TIMEOUT(window->syncStatus()->connectivityText(), QStringLiteral("Offline"),
                              40000);
    QCOMPARE(application.store()->posts().post(guid)->syncStatus, model::SyncStatus::NeedsSync);
    QVERIFY(window->syncStatus()->pendingText().contains(QStringLiteral("1")));

    QVERIFY2(server.start(), qPrintable(server.errorString()));
    QCOMPARE(server.baseUrl(), url);
    QTRY_COMPARE_WITH_TIMEOUT(application.store()->posts().post(guid)->syncStatus,
                              model::SyncStatus::Synced, 30000);
    QVERIFY(application.store()->posts().post(guid)->rev > 0);
    QCOMPARE(window->syncStatus()->connectivityText(), QStringLiteral("Online"));
}

QTEST_MAIN(TestEditorSync)
#include "tst_editorsync.moc"
