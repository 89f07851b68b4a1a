// A real conflict between two writers on the real inkwell-server, resolved in the editor's merge
// window by clicking: ann works in the editor, bob in a second profile with the real sync stack.
#include "e2e/server/apiclient.h"
#include "editorapplication.h"
#include "enginesyncservice.h"
#include "merge/mergesession.h"
#include "model/post.h"
#include "net/threadedtransport.h"
#include "store/localstore.h"
#include "store/postrepository.h"
#include "support/enginereplica.h"
#include "support/serverlauncher.h"
#include "support/tempdir.h"
#include "ui/account/editorsettings.h"
#include "ui/list/postlistmodel.h"
#include "ui/list/postlistpane.h"
#include "ui/merge/mergefieldrow.h"
#include "ui/merge/mergehunkbar.h"
#include "ui/merge/mergepanes.h"
#include "ui/merge/mergewindow.h"
#include "ui/window/mainwindow.h"
#include "uitestutil.h"

#include <QApplication>
#include <QListView>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTextBlock>
#include <QTimer>
#include <QToolButton>

#include <memory>

using namespace inkwell;

namespace {

const QString BasePassword = QStringLiteral("correct horse");

model::PostFields post(const QString &title, const QStringList &paragraphs)
{
    model::PostFields fields;
    fields.title = title;
    fields.body = paragraphs.join(QStringLiteral("\n\n")) + u'\n';
    return fields;
}

QStringList paragraphs(const QString &who)
{
    QStringList list{QStringLiteral("Intro.")};
    for (int i = 1; i <= 4; ++i)
        list << QStringLiteral("P%1 %2.").arg(i).arg(who);
    list << QStringLiteral("Outro.");
    return list;
}

} // namespace

class TestMergeWindowSync : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void conflictResolvedByClickingReachesBothWriters();

private:
    // Clicks "next conflict" until the current hunk is the one whose base has baseLine; false
    // when no hunk has it.
    static bool goToHunk(ui::MergeWindow *window, const QString &baseLine);
    static void clickChoice(ui::MergeWindow *window, merge::HunkChoice choice);
};

void TestMergeWindowSync::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings settings;
    settings.clear();
    // Syncs start only from the Sync button: with auto-sync on, ann's edit would push itself
    // editDelay (3 s) after it was made, and on a busy machine that can come before bob's sync,
    // turning the conflict into bob's instead of hers.
    ui::EditorSettings editorSettings = ui::EditorSettings::load(settings);
    editorSettings.autoSync = false;
    editorSettings.save(settings);
    test::answerMessageBoxes(this, {QStringLiteral("Do Not Keep")});
}

bool TestMergeWindowSync::goToHunk(ui::MergeWindow *window, const QString &baseLine)
{
    const merge::MergeSession &session = window->session();
    QToolButton *next = test::buttonFor(window->hunkBar(), window->hunkBar()->nextAction());
    if (!next)
        return false;
    for (qsizetype step = 0; step <= session.hunkCount(); ++step) {
        const qsizetype current = window->panes()->currentHunk();
        if (current >= 0 && session.hunk(current).base.contains(baseLine))
            return true;
        QTest::mouseClick(next, Qt::LeftButton);
    }
    return false;
}

void TestMergeWindowSync::clickChoice(ui::MergeWindow *window, merge::HunkChoice choice)
{
    QToolButton *button =
            test::buttonFor(window->hunkBar(), window->hunkBar()->choiceAction(choice));
    QVERIFY(button);
    QVERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
}

void TestMergeWindowSync::conflictResolvedByClickingReachesBothWriters()
{
    test::ServerLauncher server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    QVERIFY(server.addUser(QStringLiteral("ann"), BasePassword));
    QVERIFY(server.addUser(QStringLiteral("bob"), BasePassword));
    const qint64 blog = server.addBlog(QStringLiteral("Shared"), QStringLiteral("ann"));
    QVERIFY(blog > 0);
    QVERIFY(server.addMember(blog, QStringLiteral("bob")));

    // bob: a second profile with the real network stack.
    test::ApiClient api(server.baseUrl());
    QVERIFY(api.login(QStringLiteral("bob"), BasePassword));
    test::TempDir dir;
    sync::SyncOptions options;
    options.requestTimeout = std::chrono::seconds(10);
    test::EngineReplica bob(dir.filePath(QStringLiteral("bob.db")),
                            std::make_unique<net::ThreadedTransport>(),
                            {server.baseUrl(), QString::fromLatin1(api.token()), {blog}}, options,
                            std::chrono::seconds(60));
    const QString guid =
            bob.create(post(QStringLiteral("Plan"), paragraphs(QStringLiteral("base")))).guid;
    QVERIFY(bob.sync());

    // ann: the editor, signed in, gets the post.
    editor::EditorApplication::Options editorOptions;
    editorOptions.dataDir = dir.filePath(QStringLiteral("ann"));
    editorOptions.server = server.baseUrl();
    editorOptions.user = QStringLiteral("ann");
    qputenv("INKWELL_PASSWORD", BasePassword.toUtf8());
    editor::EditorApplication application(editorOptions);
    QVERIFY(application.start());
    ui::MainWindow *window = application.window();
    QAction *syncNow = window->actions().syncNow;
    QVERIFY(QTest::qWaitFor([syncNow] { return syncNow->isEnabled(); }, 15000));
    store::PostRepository &posts = application.store()->posts();
    // The sync at sign-in brings the post (live updates are off with auto-sync). No Sync Now
    // here: pressed while that run goes on, it would queue a run after it that could push ann's
    // edit below before bob's, and the conflict would be bob's instead of hers.
    QTRY_VERIFY_WITH_TIMEOUT(posts.post(guid) && posts.post(guid)->rev > 0, 20000);
    // The run that brought it pushes, in its next round, whatever is pending by then: ann
    // edits only once it has ended, or her edit could reach the server before bob's.
    const editor::EngineSyncService *annSync = application.syncService();
    QTRY_VERIFY_WITH_TIMEOUT(annSync->lastSuccessfulSync().isValid() && !annSync->isSyncing(),
                             20000);

    // Both rewrite every paragraph and the title; bob syncs first, so ann meets a conflict.
    bob.edit(guid, [](model::PostFields &fields) {
        fields = post(QStringLiteral("Plan for Monday"), paragraphs(QStringLiteral("bob")));
    });
    QVERIFY(posts.update(
            guid, post(QStringLiteral("Plan for Tuesday"), paragraphs(QStringLiteral("ann")))));
    QVERIFY(bob.sync());
    syncNow->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(posts.post(guid)->syncStatus, model::SyncStatus::Conflicted, 20000);

    // Resolve from the list: select the row, press Resolve.
    window->listPane()->model()->reload();
    const int row = window->listPane()->model()->rowOf(guid);
    QVERIFY(row >= 0);
    window->listPane()->view()->setCurrentIndex(window->listPane()->model()->index(row));
    window->actions().resolve->trigger();
    ui::MergeWindow *merge = nullptr;
    QTRY_VERIFY((merge = window->findChild<ui::MergeWindow *>()) && merge->isVisible());
    QCOMPARE(merge->guid(), guid);
    QCOMPARE(merge->session().unresolvedCount(), 5); // the title and four paragraphs
    QVERIFY(!merge->saveButton()->isEnabled());

    QVERIFY(goToHunk(merge, QStringLiteral("P1 base.")));
    clickChoice(merge, merge::HunkChoice::Mine);
    QVERIFY(goToHunk(merge, QStringLiteral("P2 base.")));
    clickChoice(merge, merge::HunkChoice::Theirs);
    QVERIFY(goToHunk(merge, QStringLiteral("P3 base.")));
    clickChoice(merge, merge::HunkChoice::MineThenTheirs);

    // P4 is written by hand in the result pane: select mine's line there and type over it.
    QPlainTextEdit *result = merge->panes()->pane(ui::MergeSide::Result);
    const QTextBlock block = result->document()->find(QStringLiteral("P4 ann.")).block();
    QVERIFY(block.isValid());
    QTextCursor cursor(block);
    cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
    result->setTextCursor(cursor);
    result->setFocus();
    QTest::keyClicks(result, QStringLiteral("P4 by hand."));

    ui::MergeFieldRow *title = nullptr;
    for (ui::MergeFieldRow *fieldRow : merge->fieldRows()) {
        if (fieldRow->field() == merge::MergeField::Title)
            title = fieldRow;
    }
    QVERIFY(title);
    QTest::mouseClick(title->theirsButton(), Qt::LeftButton);

    QTRY_COMPARE(merge->session().unresolvedCount(), 0);
    QVERIFY(merge->saveButton()->isEnabled());
    QTest::mouseClick(merge->saveButton(), Qt::LeftButton);

    const model::PostFields expected =
            post(QStringLiteral("Plan for Monday"),
                 {QStringLiteral("Intro."), QStringLiteral("P1 ann."), QStringLiteral("P2 bob."),
                  QStringLiteral("P3 ann.\nP3 bob."), QStringLiteral("P4 by hand."),
                  QStringLiteral("Outro.")});
    QTRY_COMPARE(posts.post(guid)->syncStatus, model::SyncStatus::NeedsSync);
    QCOMPARE(posts.post(guid)->fields, expected);

    // The resolution syncs on the next run and reaches bob; both equal the server.
    syncNow->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(posts.post(guid)->syncStatus, model::SyncStatus::Synced, 20000);
    QVERIFY(bob.sync());
    QCOMPARE(bob.post(guid).fields, expected);
    QCOMPARE(bob.post(guid).rev, posts.post(guid)->rev);
    auto serverPosts = api.pullAll(blog);
    QVERIFY(serverPosts);
    QCOMPARE(test::differenceFromServer(bob, *serverPosts), QString());
}

QTEST_MAIN(TestMergeWindowSync)
#include "tst_mergewindowsync.moc"
