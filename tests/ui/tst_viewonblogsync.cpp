// "View on the Blog" against the real inkwell-server: once a post is published and synced to a
// public blog, the action asks the server for the post's page and opens that address, which the
// server then serves; the note about an older version comes and goes with local edits and sync.
#include "uitestutil.h"

#include "editorapplication.h"
#include "store/postrepository.h"
#include "support/serverlauncher.h"
#include "ui/editor/posteditor.h"
#include "ui/list/postlistmodel.h"
#include "ui/list/postlistpane.h"
#include "ui/window/mainwindow.h"

#include <QAction>
#include <QDesktopServices>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>

using namespace inkwell;

namespace {

// Receives the URLs QDesktopServices::openUrl() is asked to open.
class UrlCatcher final : public QObject
{
    Q_OBJECT

public:
    QList<QUrl> opened;

public Q_SLOTS:
    void open(const QUrl &url) { opened.append(url); }
};

} // namespace

class TestViewOnBlogSync : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        // Without a keychain (plain ctest, no D-Bus) the editor asks where to keep the token.
        test::answerMessageBoxes(this, {QStringLiteral("Do Not Keep"), QStringLiteral("OK")});
        QDesktopServices::setUrlHandler(QStringLiteral("http"), &m_urls, "open");
    }

    void cleanupTestCase() { QDesktopServices::unsetUrlHandler(QStringLiteral("http")); }

    void opensThePageTheServerServes()
    {
        test::ServerLauncher server;
        test::TempDir dir;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        QVERIFY(server.addUser(QStringLiteral("writer"), QStringLiteral("correct horse")));
        const qint64 blog = server.addBlog(QStringLiteral("Field Notes"), QStringLiteral("writer"));
        QVERIFY(blog > 0);
        const auto made = server.runCli({QStringLiteral("blog"), QStringLiteral("set"),
                                         QString::number(blog), QStringLiteral("--public")});
        QVERIFY2(made.exitCode == 0, made.standardError.constData());

        editor::EditorApplication::Options options;
        options.dataDir = dir.path();
        options.server = server.baseUrl();
        options.user = QStringLiteral("writer");
        qputenv("INKWELL_PASSWORD", "correct horse");
        editor::EditorApplication application(options);
        QVERIFY(application.start());
        ui::MainWindow *window = application.window();
        QAction *syncNow = window->actions().syncNow;
        QTRY_VERIFY_WITH_TIMEOUT(syncNow->isEnabled(), 15000);

        // A published post, synced.
        model::PostFields fields;
        fields.title = QStringLiteral("Heron at dawn");
        fields.body = QStringLiteral("It stood in the reeds.\n");
        fields.state = model::PublishState::Published;
        auto post = application.store()->posts().create(QString::number(blog), fields);
        QVERIFY(post);
        const QString guid = post->guid;
        window->listPane()->model()->reload();
        window->openPost(guid);
        QAction *view = window->actions().viewOnBlog;
        QVERIFY(!view->isEnabled()); // not on the server yet
        syncNow->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(application.store()->posts().post(guid)->syncStatus,
                                  model::SyncStatus::Synced, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(view->isEnabled(), 15000); // the server has sites

        view->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(m_urls.opened.size(), 1, 15000);
        const QUrl page = m_urls.opened.constFirst();
        QCOMPARE(page.host(), server.baseUrl().host());
        QCOMPARE(page.port(), server.baseUrl().port());
        QVERIFY2(page.path().endsWith(QLatin1String("/heron-at-dawn/")), qPrintable(page.path()));
        QNetworkAccessManager network;
        std::unique_ptr<QNetworkReply> reply(network.get(QNetworkRequest(page)));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        QVERIFY(finished.wait(15000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QVERIFY(reply->readAll().contains("Heron at dawn"));

        // A local edit: the blog shows the older version until the sync.
        auto *note = window->statusBar()->findChild<QLabel *>(QStringLiteral("blogVersionNote"));
        QVERIFY(note);
        QVERIFY(!note->isVisible());
        fields.body += QStringLiteral("Then it flew.\n");
        QVERIFY(application.store()->posts().update(guid, fields));
        QTRY_VERIFY(note->isVisible());
        syncNow->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!note->isVisible(), 20000);
    }

private:
    UrlCatcher m_urls;
};

QTEST_MAIN(TestViewOnBlogSync)
#include "tst_viewonblogsync.moc"
