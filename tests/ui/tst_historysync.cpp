// The editor's History window against the real inkwell-server on 127.0.0.1: the revisions of
// a post written and synced in the editor, a diff, Restore, and the restore reaching the server
// as its newest revision.
#include "editorapplication.h"
#include "model/post.h"
#include "store/localstore.h"
#include "store/postrepository.h"
#include "support/serverlauncher.h"
#include "support/tempdir.h"
#include "ui/history/historydiffview.h"
#include "ui/history/historywindow.h"
#include "ui/window/mainwindow.h"
#include "uitestutil.h"

#include <QAction>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTreeWidget>

#include <memory>

using namespace inkwell;

class TestHistorySync : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void historyOfASyncedPostRestoresAnEarlierVersion();

private:
    // Edits the post in the store and waits until the editor's sync has the new revision.
    static bool editAndSync(editor::EditorApplication &application, const QString &guid,
                            const QString &title, const QString &body);
};

void TestHistorySync::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    // Without a keychain (plain ctest, no D-Bus) the editor asks where to keep the token.
    test::answerMessageBoxes(this, {QStringLiteral("Do Not Keep"), QStringLiteral("OK")});
}

bool TestHistorySync::editAndSync(editor::EditorApplication &application, const QString &guid,
                                  const QString &title, const QString &body)
{
    store::PostRepository &posts = application.store()->posts();
    const qint64 before = posts.post(guid)->rev;
    model::PostFields fields = posts.post(guid)->fields;
    fields.title = title;
    fields.body = body;
    if (!posts.update(guid, fields))
        return false;
    application.window()->actions().syncNow->trigger();
    return QTest::qWaitFor(
            [&] {
                const auto post = posts.post(guid);
                return post && post->syncStatus == model::SyncStatus::Synced && post->rev > before;
            },
            20000);
}

void TestHistorySync::historyOfASyncedPostRestoresAnEarlierVersion()
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
    QAction *syncNow = window->actions().syncNow;
    QVERIFY(QTest::qWaitFor([syncNow] { return syncNow->isEnabled(); }, 15000));

    model::PostFields first;
    first.title = QStringLiteral("First title");
    first.body = QStringLiteral("one\ntwo\n");
    const auto created = application.store()->posts().create(QString::number(blog), first);
    QVERIFY(created);
    const QString guid = created->guid;
    syncNow->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(application.store()->posts().post(guid)->syncStatus,
                              model::SyncStatus::Synced, 20000);
    QVERIFY(editAndSync(application, guid, QStringLiteral("Second title"),
                        QStringLiteral("one\n2\nthree\n")));

    window->openPost(guid);
    window->actions().history->trigger();
    auto *history = window->findChild<ui::HistoryWindow *>();
    QVERIFY(history);
    QTreeWidget *list = history->revisionList();
    QTRY_COMPARE_WITH_TIMEOUT(list->topLevelItemCount(), 2, 15000);
    QCOMPARE(list->topLevelItem(0)->text(1), QStringLiteral("writer"));
    QCOMPARE(list->topLevelItem(1)->text(3), QStringLiteral("First title"));
    const qint64 oldest = list->topLevelItem(1)->text(0).toLongLong();
    history->selectRevision(oldest);
    QTRY_VERIFY_WITH_TIMEOUT(history->diffStateText().isEmpty(), 15000);
    const QString diff = history->diffView()->textView()->toPlainText();
    QVERIFY2(diff.contains(QStringLiteral("− two")) && diff.contains(QStringLiteral("+ 2")),
             qPrintable(diff));

    QTest::mouseClick(history->restoreButton(), Qt::LeftButton);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = history->findChild<QMessageBox *>(QStringLiteral("restoreQuestion"))));
    QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("confirmRestore")),
                      Qt::LeftButton);
    QCOMPARE(application.store()->posts().post(guid)->fields, first);

    // The next sync sends it: the server's newest revision is the first version again.
    const qint64 beforeRestore = application.store()->posts().post(guid)->rev;
    syncNow->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(
            application.store()->posts().post(guid)->syncStatus == model::SyncStatus::Synced
                    && application.store()->posts().post(guid)->rev > beforeRestore,
            20000);
    history->close();
    QTRY_VERIFY(!window->findChild<ui::HistoryWindow *>());
    window->actions().history->trigger();
    auto *again = window->findChild<ui::HistoryWindow *>();
    QVERIFY(again);
    QTRY_COMPARE_WITH_TIMEOUT(again->revisionList()->topLevelItemCount(), 3, 15000);
    QCOMPARE(again->revisionList()->topLevelItem(0)->text(3), QStringLiteral("First title"));
    QTRY_VERIFY_WITH_TIMEOUT(again->diffStateText().contains(QStringLiteral("same")), 15000);
}

QTEST_MAIN(TestHistorySync)
#include "tst_historysync.moc"
