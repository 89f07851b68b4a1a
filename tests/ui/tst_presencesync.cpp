// The editor against the real server with a colleague in the same blog: the writer's typing
// shows on the colleague's side, the colleague's shows in the writer's list and editor header,
// and each goes when its writer leaves the post or quits. The whole path: EditSession -> reporter
// -> server -> live answers -> SyncController -> board, and back through the window's SyncService.
#include "editorapplication.h"
#include "net/threadedtransport.h"
#include "presence/presenceboard.h"
#include "presence/presencereporter.h"
#include "store/localstore.h"
#include "support/serverlauncher.h"
#include "support/tempdir.h"
#include "sync/synccontroller.h"
#include "ui/editor/bodyedit.h"
#include "ui/editor/posteditor.h"
#include "ui/list/postlistmodel.h"
#include "ui/list/postlistpane.h"
#include "ui/window/mainwindow.h"
#include "uitestutil.h"

#include "e2e/server/apiclient.h"

#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace inkwell;
using namespace std::chrono_literals;

namespace {

constexpr int kTimeoutMs = 15000;

// The colleague: a live channel feeding a board, and a reporter of their own typing.
struct Colleague
{
    test::TempDir dir;
    store::LocalStore store{dir.filePath(QStringLiteral("ben.db"))};
    sync::SyncController controller{&store,
                                    [] { return std::make_unique<net::ThreadedTransport>(); }};
    presence::PresenceBoard board;
    net::ThreadedTransport transport;
    presence::PresenceReporter reporter{&transport};

    bool start(const sync::SyncAccount &account)
    {
        if (!store.open())
            return false;
        QObject::connect(&controller, &sync::SyncController::presenceChanged, &board,
                         &presence::PresenceBoard::update);
        sync::LiveChannel::Options options;
        options.pollTimeout = 2s;
        controller.setLiveOptions(options);
        controller.setLiveUpdates(sync::SyncController::LiveUpdates::On);
        controller.setAccount(account);
        reporter.setAccount(account);
        reporter.setOnline(true);
        return QTest::qWaitFor(
                [&] {
                    return controller.liveState() == sync::LiveChannel::State::Connected
                            && reporter.support() == presence::PresenceReporter::Support::Supported;
                },
                kTimeoutMs);
    }
};

} // namespace

class TestPresenceSync : public QObject
{
    Q_OBJECT

private:
    // The server with the writer and Ben in one blog, the editor signed in as the writer and Ben
    // connected.
    struct Setup
    {
        test::ServerLauncher server;
        test::TempDir dir;
        qint64 blog = 0;
        std::unique_ptr<editor::EditorApplication> application;
        std::unique_ptr<Colleague> ben;
    };

    static bool start(Setup &setup)
    {
        test::ServerLauncher &server = setup.server;
        if (!server.start()
            || !server.addUser(QStringLiteral("writer"), QStringLiteral("correct horse"))
            || !server.addUser(QStringLiteral("ben"), QStringLiteral("correct horse")))
            return false;
        setup.blog = server.addBlog(QStringLiteral("Team"), QStringLiteral("writer"));
        if (setup.blog <= 0 || !server.addMember(setup.blog, QStringLiteral("ben")))
            return false;
        editor::EditorApplication::Options options;
        options.dataDir = setup.dir.path();
        options.server = server.baseUrl();
        options.user = QStringLiteral("writer");
        qputenv("INKWELL_PASSWORD", "correct horse");
        setup.application = std::make_unique<editor::EditorApplication>(options);
        if (!setup.application->start())
            return false;
        QAction *syncNow = setup.application->window()->actions().syncNow;
        if (!QTest::qWaitFor([syncNow] { return syncNow->isEnabled(); }, kTimeoutMs))
            return false; // not signed in
        test::ApiClient api(server.baseUrl());
        if (!api.login(QStringLiteral("ben"), QStringLiteral("correct horse")))
            return false;
        setup.ben = std::make_unique<Colleague>();
        return setup.ben->start({server.baseUrl(), QString::fromLatin1(api.token()), {setup.blog}});
    }

    // Clicks New Post and types title; the post's guid.
    static QString newPost(ui::MainWindow *window, const QString &title)
    {
        QTest::mouseClick(test::toolBarButton(window, window->actions().newPost), Qt::LeftButton);
        QTest::keyClicks(window->editor()->titleEdit(), title);
        return window->editor()->guid();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        // Without a keychain the editor asks where to keep the token.
        test::answerMessageBoxes(this, {QStringLiteral("Do Not Keep"), QStringLiteral("OK")});
    }

    void writerAndColleagueSeeEachOtherEditing()
    {
        Setup setup;
        QVERIFY2(start(setup), qPrintable(setup.server.serverLog()));
        ui::MainWindow *window = setup.application->window();
        Colleague &ben = *setup.ben;
        const qint64 blog = setup.blog;

        // The writer starts a post and types in it: Ben sees "writer".
        const QString guid = newPost(window, QStringLiteral("Team notes"));
        QVERIFY(!guid.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(ben.board.editors(blog, guid),
                                  QStringList{QStringLiteral("writer")}, kTimeoutMs);

        // Ben types in the same post: the writer's header and list row name him.
        ben.reporter.edited(blog, guid);
        QLabel *header = window->editor()->editorsLabel();
        QTRY_VERIFY_WITH_TIMEOUT(header->isVisible(), kTimeoutMs);
        QCOMPARE(header->text(), QStringLiteral("ben is editing"));
        ui::PostListModel *model = window->listPane()->model();
        QCOMPARE(model->data(model->index(model->rowOf(guid)), ui::PostListModel::EditorsRole)
                         .toStringList(),
                 QStringList{QStringLiteral("ben")});
        // Information, not a lock: the writer goes on typing.
        QTest::keyClicks(window->editor()->bodyEdit(), QStringLiteral("Agenda"));
        QTRY_COMPARE(setup.application->store()->posts().post(guid)->fields.body,
                     QStringLiteral("Agenda"));

        // Ben leaves the post: gone from the writer's header.
        ben.reporter.closed();
        QTRY_VERIFY_WITH_TIMEOUT(header->isHidden(), kTimeoutMs);

        // The writer opens another post: gone from Ben's board.
        const QString second = newPost(window, QStringLiteral("Last words"));
        QVERIFY(second != guid);
        QTRY_VERIFY_WITH_TIMEOUT(ben.board.editors(blog, guid).isEmpty(), kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(ben.board.editors(blog, second),
                                  QStringList{QStringLiteral("writer")}, kTimeoutMs);

        // The writer quits: the clear goes out on the way, well before the server's 30 s
        // lifetime would end the entry.
        setup.application.reset();
        QTRY_VERIFY_WITH_TIMEOUT(ben.board.editors(blog, second).isEmpty(), 10000);
    }

    void signingOutClearsTheWritersPresence()
    {
        Setup setup;
        QVERIFY2(start(setup), qPrintable(setup.server.serverLog()));
        ui::MainWindow *window = setup.application->window();
        const QString guid = newPost(window, QStringLiteral("Draft"));
        QTRY_COMPARE_WITH_TIMEOUT(setup.ben->board.editors(setup.blog, guid),
                                  QStringList{QStringLiteral("writer")}, kTimeoutMs);
        Q_EMIT window->signOutRequested();
        QTRY_VERIFY_WITH_TIMEOUT(setup.ben->board.editors(setup.blog, guid).isEmpty(), 10000);
        // The post stays open and editable, and nothing is reported any more.
        QTest::keyClicks(window->editor()->titleEdit(), QStringLiteral(" offline"));
        QTest::qWait(500);
        QVERIFY(setup.ben->board.editors(setup.blog, guid).isEmpty());
    }
};

QTEST_MAIN(TestPresenceSync)
#include "tst_presencesync.moc"
