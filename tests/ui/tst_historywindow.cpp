// The History window offscreen over a fake service: listing, paging, the diff, restoring (also a
// deleted post) and the empty, offline and unsupported states.
#include "fakehistoryservice.h"
#include "fakesyncservice.h"
#include "uitestutil.h"

#include "history/historyerror.h"
#include "store/syncrepository.h"
#include "ui/editor/bodyedit.h"
#include "ui/editor/posteditor.h"
#include "ui/history/deletedpostsdialog.h"
#include "ui/history/historydiffview.h"
#include "ui/history/historywindow.h"
#include "ui/list/postlistpane.h"
#include "ui/window/mainwindow.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTreeWidget>

using namespace inkwell;
using history::HistoryProblem;
using test::FakeHistoryService;
using ui::HistoryWindow;

namespace {

protocol::RevisionSummary summary(qint64 rev, const QString &title, bool deleted = false)
{
    return {rev,
            deleted,
            title,
            QStringLiteral("anna"),
            QDateTime::fromSecsSinceEpoch(1'764'000'000 + rev * 60, Qt::UTC),
            100 + rev};
}

model::Revision revision(const QString &guid, qint64 rev, const QString &title, const QString &body)
{
    model::Revision result;
    result.guid = guid;
    result.rev = rev;
    result.fields.title = title;
    result.fields.body = body;
    result.modifiedBy = QStringLiteral("anna");
    result.modifiedAt = QDateTime::fromSecsSinceEpoch(1'764'000'000 + rev * 60, Qt::UTC);
    return result;
}

QStringList column(QTreeWidget *list, int column)
{
    QStringList texts;
    for (int i = 0; i < list->topLevelItemCount(); ++i)
        texts.append(list->topLevelItem(i)->text(column));
    return texts;
}

// Clicks the confirmation's Restore button once the question shows.
void confirmRestore(HistoryWindow &window)
{
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = window.findChild<QMessageBox *>(QStringLiteral("restoreQuestion"))));
    auto *button = box->findChild<QPushButton *>(QStringLiteral("confirmRestore"));
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton);
}

} // namespace

class TestHistoryWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void listsRevisionsAndComparesTheNewest();
    void loadOlderAsksForTheNextPage();
    void restoreAsksThenMakesALocalEdit();
    void restoreBringsBackADeletedPost();
    void deletedPostsListOffersTheirHistory();
    void sameAsCurrentOffersNoRestore();
    void conflictedPostOffersNoRestore();
    void statesForEmptyOfflineAndUnsupported();
    void postNotStoredAsksNothing();
    void mainWindowOpensHistoryAndDeletedPosts();
    void restoreOfTheOpenPostShowsInTheEditor();
};

void TestHistoryWindow::listsRevisionsAndComparesTheNewest()
{
    test::StoreFixture fixture;
    const model::Post post =
            fixture.create(QStringLiteral("Spring"), QStringLiteral("intro\nthe new line\nend"));
    FakeHistoryService service;
    HistoryWindow window(*fixture.store, &service, post.guid);
    window.show();
    QCOMPARE(service.pageCalls.size(), 1);
    QCOMPARE(service.pageCalls[0].blog, QStringLiteral("1"));
    QCOMPARE(service.pageCalls[0].value, 0);
    QVERIFY(!window.listStateText().isEmpty()); // loading
    QVERIFY(window.windowTitle().contains(QStringLiteral("Spring")));

    service.answerPage(
            {{summary(7, QStringLiteral("Spring")), summary(3, QStringLiteral("Draft"))}, true});
    QVERIFY(window.listStateText().isEmpty());
    QCOMPARE(column(window.revisionList(), 0),
             (QStringList{QStringLiteral("7"), QStringLiteral("3")}));
    QCOMPARE(column(window.revisionList(), 1),
             (QStringList{QStringLiteral("anna"), QStringLiteral("anna")}));
    QCOMPARE(column(window.revisionList(), 3),
             (QStringList{QStringLiteral("Spring"), QStringLiteral("Draft")}));
    QVERIFY(window.loadOlderButton()->isEnabled());
    // The newest is selected and fetched; the diff shows once it arrives.
    QCOMPARE(window.selectedRevision(), 7);
    QCOMPARE(service.revisionCalls.size(), 1);
    QCOMPARE(service.revisionCalls[0].value, 7);
    QVERIFY(!window.diffStateText().isEmpty());
    service.answerRevision(revision(post.guid, 7, QStringLiteral("Spring"),
                                    QStringLiteral("intro\nthe old line\nend")));
    QVERIFY(window.diffStateText().isEmpty());
    const QString diff = window.diffView()->textView()->toPlainText();
    QCOMPARE(diff.split(u'\n'),
             (QStringList{QStringLiteral("  intro"), QStringLiteral("− the old line"),
                          QStringLiteral("+ the new line"), QStringLiteral("  end")}));
    // The changed words are tinted on top of the line tints.
    QCOMPARE(window.diffView()->textView()->extraSelections().size(), 4);
    QVERIFY(window.restoreButton()->isEnabled());
    // Selecting another revision fetches it once; going back uses what arrived.
    window.selectRevision(3);
    QCOMPARE(service.revisionCalls.size(), 2);
    window.selectRevision(7);
    QCOMPARE(service.revisionCalls.size(), 2);
    QVERIFY(window.diffStateText().isEmpty());
}

void TestHistoryWindow::loadOlderAsksForTheNextPage()
{
    test::StoreFixture fixture;
    const model::Post post = fixture.create(QStringLiteral("Long"), QStringLiteral("x"));
    FakeHistoryService service;
    HistoryWindow window(*fixture.store, &service, post.guid);
    window.show();
    service.answerPage({{summary(9, QStringLiteral("c")), summary(8, QStringLiteral("b"))}, true});
    QTest::mouseClick(window.loadOlderButton(), Qt::LeftButton);
    QCOMPARE(service.pageCalls.size(), 2);
    QCOMPARE(service.pageCalls[1].value, 8);
    QVERIFY(!window.loadOlderButton()->isEnabled()); // one page at a time
    service.answerPage({{summary(2, QStringLiteral("a"))}, false});
    QCOMPARE(column(window.revisionList(), 0),
             (QStringList{QStringLiteral("9"), QStringLiteral("8"), QStringLiteral("2")}));
    QVERIFY(!window.loadOlderButton()->isEnabled());
    QCOMPARE(window.selectedRevision(), 9); // the selection stays
}

void TestHistoryWindow::restoreAsksThenMakesALocalEdit()
{
    test::StoreFixture fixture;
    const model::Post post = fixture.create(QStringLiteral("Now"), QStringLiteral("current"));
    FakeHistoryService service;
    HistoryWindow window(*fixture.store, &service, post.guid);
    window.show();
    QSignalSpy restored(&window, &HistoryWindow::restored);
    service.answerPage({{summary(4, QStringLiteral("Then"))}, false});
    const model::Revision then =
            revision(post.guid, 4, QStringLiteral("Then"), QStringLiteral("earlier text"));
    service.answerRevision(then);
    QVERIFY(window.restoreButton()->isEnabled());
    QTest::mouseClick(window.restoreButton(), Qt::LeftButton);
    confirmRestore(window);
    QCOMPARE(restored.count(), 1);
    const model::Post stored = *fixture.store->posts().post(post.guid);
    QCOMPARE(stored.fields, then.fields);
    QCOMPARE(stored.editCounter, post.editCounter + 1);
    QCOMPARE(stored.syncStatus, model::SyncStatus::NeedsSync);
    // Now the revision is the current text: nothing more to restore.
    QVERIFY(window.diffStateText().contains(QStringLiteral("same")));
    QVERIFY(!window.restoreButton()->isEnabled());
}

void TestHistoryWindow::restoreBringsBackADeletedPost()
{
    test::StoreFixture fixture;
    const model::Post post = fixture.create(QStringLiteral("Gone"), QStringLiteral("text"));
    QVERIFY(fixture.store->posts().remove(post.guid));
    FakeHistoryService service;
    HistoryWindow window(*fixture.store, &service, post.guid);
    window.show();
    QVERIFY(window.findChild<QLabel *>(QStringLiteral("historySubtitle"))
                    ->text()
                    .contains(QStringLiteral("deleted")));
    service.answerPage(
            {{summary(5, QStringLiteral("Gone"), true), summary(4, QStringLiteral("Gone"))},
             false});
    window.selectRevision(4);
    service.answerRevision(revision(post.guid, 4, QStringLiteral("Gone"), QStringLiteral("text")));
    // Same content as the tombstone, yet restoring brings the post back.
    QVERIFY(window.restoreButton()->isEnabled());
    QTest::mouseClick(window.restoreButton(), Qt::LeftButton);
    confirmRestore(window);
    QVERIFY(!fixture.store->posts().post(post.guid)->deleted);
    QCOMPARE(fixture.store->posts().page({})->size(), 1);
}

void TestHistoryWindow::deletedPostsListOffersTheirHistory()
{
    test::StoreFixture fixture;
    fixture.create(QStringLiteral("Alive"));
    const model::Post gone = fixture.create(QStringLiteral("Gone"));
    QVERIFY(fixture.store->posts().remove(gone.guid));
    ui::DeletedPostsDialog dialog(*fixture.store);
    dialog.show();
    QCOMPARE(dialog.postList()->count(), 1);
    QVERIFY(dialog.postList()->item(0)->text().contains(QStringLiteral("Gone")));
    QSignalSpy requested(&dialog, &ui::DeletedPostsDialog::historyRequested);
    QTest::mouseClick(dialog.historyButton(), Qt::LeftButton);
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.at(0).at(0).toString(), gone.guid);
}

void TestHistoryWindow::sameAsCurrentOffersNoRestore()
{
    test::StoreFixture fixture;
    const model::Post post = fixture.create(QStringLiteral("Same"), QStringLiteral("text"));
    FakeHistoryService service;
    HistoryWindow window(*fixture.store, &service, post.guid);
    window.show();
    service.answerPage({{summary(2, QStringLiteral("Same"))}, false});
    service.answerRevision(revision(post.guid, 2, QStringLiteral("Same"), QStringLiteral("text")));
    QVERIFY(window.diffStateText().contains(QStringLiteral("same")));
    QVERIFY(!window.restoreButton()->isEnabled());
    // An edit elsewhere (the editor, a sync) shows in the open window.
    QVERIFY(fixture.store->posts().update(post.guid, [&] {
        model::PostFields changed = post.fields;
        changed.body = QStringLiteral("text\nmore");
        return changed;
    }()));
    QTRY_VERIFY(window.diffStateText().isEmpty());
    QVERIFY(window.restoreButton()->isEnabled());
    QVERIFY(window.diffView()->textView()->toPlainText().contains(QStringLiteral("+ more")));
}

void TestHistoryWindow::conflictedPostOffersNoRestore()
{
    test::StoreFixture fixture;
    const model::Post post = fixture.create(QStringLiteral("Mine"), QStringLiteral("mine"));
    QVERIFY(fixture.store->sync().markConflicted(
            post.guid, revision(post.guid, 9, QStringLiteral("Theirs"), QStringLiteral("theirs"))));
    FakeHistoryService service;
    HistoryWindow window(*fixture.store, &service, post.guid);
    window.show();
    service.answerPage({{summary(3, QStringLiteral("Old"))}, false});
    service.answerRevision(revision(post.guid, 3, QStringLiteral("Old"), QStringLiteral("old")));
    QVERIFY(window.diffStateText().isEmpty()); // the diff shows
    QVERIFY(!window.restoreButton()->isEnabled()); // restoring waits for the conflict
    QVERIFY(window.restoreButton()->toolTip().contains(QStringLiteral("conflict")));
}

void TestHistoryWindow::statesForEmptyOfflineAndUnsupported()
{
    test::StoreFixture fixture;
    const model::Post post = fixture.create(QStringLiteral("New"));
    FakeHistoryService service;
    HistoryWindow window(*fixture.store, &service, post.guid);
    window.show();
    service.failPage(HistoryProblem::Offline);
    QCOMPARE(window.listStateText(), history::historyFailureText({HistoryProblem::Offline, {}}));
    QVERIFY(window.retryButton()->isVisible());
    QTest::mouseClick(window.retryButton(), Qt::LeftButton);
    QCOMPARE(service.pageCalls.size(), 2);
    service.answerPage({{}, false});
    QVERIFY(window.listStateText().contains(QStringLiteral("no versions")));
    QVERIFY(!window.retryButton()->isVisible());

    HistoryWindow other(*fixture.store, &service, post.guid);
    other.show();
    service.failPage(HistoryProblem::Unsupported);
    QCOMPARE(other.listStateText(), history::historyFailureText({HistoryProblem::Unsupported, {}}));
    QVERIFY(!other.retryButton()->isVisible());
    QVERIFY(!other.restoreButton()->isEnabled());
}

void TestHistoryWindow::postNotStoredAsksNothing()
{
    test::StoreFixture fixture;
    FakeHistoryService service;
    HistoryWindow window(*fixture.store, &service, model::createGuid());
    window.show();
    QVERIFY(service.pageCalls.isEmpty());
    QVERIFY(window.listStateText().contains(QStringLiteral("not stored")));
}

void TestHistoryWindow::mainWindowOpensHistoryAndDeletedPosts()
{
    test::StoreFixture fixture;
    const model::Post post = fixture.create(QStringLiteral("Open me"), QStringLiteral("text"));
    const model::Post gone = fixture.create(QStringLiteral("Gone"));
    QVERIFY(fixture.store->posts().remove(gone.guid));
    test::FakeSyncService sync;
    FakeHistoryService service;
    ui::MainWindow window(*fixture.store, &sync);
    window.setHistoryService(&service);
    window.show();
    window.openPost(post.guid);
    window.actions().history->trigger();
    auto *history = window.findChild<HistoryWindow *>();
    QVERIFY(history);
    QCOMPARE(history->guid(), post.guid);
    QCOMPARE(service.pageCalls.size(), 1);
    // Asking again brings the open window forward instead of opening another.
    window.actions().history->trigger();
    QCOMPARE(window.findChildren<HistoryWindow *>().size(), 1);

    window.actions().deletedPosts->trigger();
    auto *deleted = window.findChild<ui::DeletedPostsDialog *>();
    QVERIFY(deleted && deleted->isVisible());
    QTest::mouseClick(deleted->historyButton(), Qt::LeftButton);
    QCOMPARE(window.findChildren<HistoryWindow *>().size(), 2);
    QCOMPARE(service.pageCalls.constLast().guid, gone.guid);
    // Restoring it from there brings it back into the list and opens it.
    HistoryWindow *goneHistory = nullptr;
    for (HistoryWindow *open : window.findChildren<HistoryWindow *>()) {
        if (open->guid() == gone.guid)
            goneHistory = open;
    }
    QVERIFY(goneHistory);
    service.answerPage({{summary(3, QStringLiteral("Gone"))}, false});
    service.answerRevision(revision(gone.guid, 3, QStringLiteral("Gone"), QStringLiteral("back")));
    QTest::mouseClick(goneHistory->restoreButton(), Qt::LeftButton);
    confirmRestore(*goneHistory);
    QVERIFY(!fixture.store->posts().post(gone.guid)->deleted);
    QCOMPARE(window.listPane()->currentGuid(), gone.guid);
    QCOMPARE(deleted->postList()->item(0)->data(Qt::UserRole).toString(), QString());
}

void TestHistoryWindow::restoreOfTheOpenPostShowsInTheEditor()
{
    test::StoreFixture fixture;
    const model::Post post = fixture.create(QStringLiteral("Open"), QStringLiteral("now\n"));
    test::FakeSyncService sync;
    FakeHistoryService service;
    ui::MainWindow window(*fixture.store, &sync);
    window.setHistoryService(&service);
    window.show();
    window.openPost(post.guid);
    QPlainTextEdit *body = window.editor()->bodyEdit();
    body->setFocus();
    body->moveCursor(QTextCursor::End);
    QTest::keyClicks(body, QStringLiteral("typed"));
    window.actions().history->trigger();
    auto *history = window.findChild<HistoryWindow *>();
    QVERIFY(history);
    // Opening the window stored what was typed: the diff is against it.
    QCOMPARE(fixture.store->posts().post(post.guid)->fields.body, QStringLiteral("now\ntyped"));
    service.answerPage({{summary(2, QStringLiteral("Then"))}, false});
    service.answerRevision(
            revision(post.guid, 2, QStringLiteral("Then"), QStringLiteral("then\n")));
    QTest::mouseClick(history->restoreButton(), Qt::LeftButton);
    confirmRestore(*history);
    const model::Post stored = *fixture.store->posts().post(post.guid);
    QCOMPARE(stored.fields.body, QStringLiteral("then\n"));
    QCOMPARE(stored.syncStatus, model::SyncStatus::NeedsSync);
    QTRY_COMPARE(body->toPlainText(), QStringLiteral("then\n"));
    QCOMPARE(window.editor()->titleEdit()->text(), QStringLiteral("Then"));
}

QTEST_MAIN(TestHistoryWindow)
#include "tst_historywindow.moc"
