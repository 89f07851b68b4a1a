#include "account/blogchoice.h"
#include "conflicttestutil.h"
#include "fakesyncservice.h"
#include "store/searchindexer.h"
#include "store/syncrepository.h"
#include "ui/common/messagebar.h"
#include "ui/editor/posteditor.h"
#include "ui/list/postlistmodel.h"
#include "ui/list/postlistpane.h"
#include "ui/sync/syncstatuswidget.h"
#include "ui/window/mainwindow.h"
#include "uitestutil.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QToolBar>
#include <QToolButton>

using namespace inkwell;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void searchFieldNarrowsTheList();
    void searchTellsOfPostsWaitingForTheIndex();
    void newPostButtonCreatesAndOpensAPost();
    void deletingIsUndoable();
    void syncButtonAndShortcutAskForASync();
    void statusBarShowsPendingAndConnectivity();
    void statusBarTellsOfSkippedPostsUntilACleanRun();
    void clickingAPostOpensIt();
    void signingInMovesOfflinePostsIntoTheBlog();
    void resolveActsOnAConflictedTombstoneInTheList();
    void activatingAConflictedRowAsksToResolveIt();
    void deletingAConflictedPostAsksFirst_data();
    void deletingAConflictedPostAsksFirst();

private:
    static QToolButton *toolButton(ui::MainWindow &window, QAction *action);
};

QToolButton *TestMainWindow::toolButton(ui::MainWindow &window, QAction *action)
{
    const auto bars = window.findChildren<QToolBar *>();
    for (QToolBar *bar : bars) {
        if (auto *button = qobject_cast<QToolButton *>(bar->widgetForAction(action)))
            return button;
    }
    return nullptr;
}

void TestMainWindow::searchFieldNarrowsTheList()
{
    test::StoreFixture fixture;
    fixture.create(QStringLiteral("Mountain walk"), QStringLiteral("ridge"));
    fixture.create(QStringLiteral("City trip"), QStringLiteral("museums"));
    fixture.create(QStringLiteral("Lakes"), QStringLiteral("mountain lakes"));
    test::FakeSyncService sync;
    ui::MainWindow window(*fixture.store, &sync);
    window.show();
    QListView *list = window.listPane()->view();
    QCOMPARE(list->model()->rowCount(), 3);
    QTest::mouseClick(window.listPane()->searchField(), Qt::LeftButton);
    QTest::keyClicks(window.listPane()->searchField(), QStringLiteral("mounta"));
    QCOMPARE(list->model()->rowCount(), 2);
    QTest::keyClicks(window.listPane()->searchField(), QStringLiteral("in walk"));
    QCOMPARE(list->model()->rowCount(), 1);
    QCOMPARE(list->model()->index(0, 0).data(ui::PostListModel::TitleRole).toString(),
             QStringLiteral("Mountain walk"));
    window.listPane()->searchField()->clear();
    QCOMPARE(list->model()->rowCount(), 3);
}

void TestMainWindow::searchTellsOfPostsWaitingForTheIndex()
{
    test::StoreFixture fixture;
    fixture.create(QStringLiteral("Harbour at dawn"));
    // A pulled page of more than a batch: listed at once, searchable once indexed.
    const int pulled = int(store::LocalStore::SearchIndexBatch) + 30;
    QVERIFY(fixture.store->write(
            [&]() -> Result<void> {
                for (int i = 0; i < pulled; ++i)
                    fixture.create(QStringLiteral("Harbour log %1").arg(i));
                return {};
            },
            store::LocalStore::SearchIndexing::Later));
    test::FakeSyncService sync;
    ui::MainWindow window(*fixture.store, &sync);
    window.show();
    ui::PostListPane *pane = window.listPane();
    QLabel *note = pane->searchNote();
    QVERIFY(note->isHidden()); // no search, nothing to say
    QTest::keyClicks(pane->searchField(), QStringLiteral("harbour"));
    QCOMPARE(pane->view()->model()->rowCount(), 1);
    QVERIFY(note->isVisible());
    QVERIFY2(note->text().contains(QString::number(pulled)), qPrintable(note->text()));

    // The sync engine's indexer catches up batch by batch; the search follows each batch.
    store::SearchIndexer indexer(*fixture.store);
    indexer.schedule();
    QTRY_VERIFY(note->isHidden());
    QCOMPARE(fixture.store->searchIndexBacklog(1).value(), 0);
    QCOMPARE(pane->view()->model()->rowCount(), ui::PostListModel::PageSize); // a page of all
    QVERIFY(pane->view()->model()->canFetchMore({}));
    pane->searchField()->clear();
    QVERIFY(note->isHidden());
}

void TestMainWindow::newPostButtonCreatesAndOpensAPost()
{
    test::StoreFixture fixture;
    test::FakeSyncService sync;
    account::BlogChoice blogs;
    blogs.setBlogs({{1, QStringLiteral("Notes")}});
    ui::MainWindow window(*fixture.store, &sync);
    window.setBlogChoice(&blogs);
    window.show();
    QToolButton *button = toolButton(window, window.actions().newPost);
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton);
    const QString guid = window.editor()->guid();
    QVERIFY(!guid.isEmpty());
    QCOMPARE(window.listPane()->model()->rowOf(guid), 0);
    QTest::keyClicks(window.editor()->titleEdit(), QStringLiteral("Fresh"));
    QTRY_COMPARE(fixture.store->posts().post(guid)->fields.title, QStringLiteral("Fresh"));
    QCOMPARE(fixture.store->posts().post(guid)->blog, QStringLiteral("1"));
    QTRY_VERIFY(sync.localEdits > 0);
}

void TestMainWindow::deletingIsUndoable()
{
    test::StoreFixture fixture;
    fixture.create(QStringLiteral("Keep"));
    QTest::qWait(5);
    const model::Post doomed =
            fixture.create(QStringLiteral("Remove me"), QStringLiteral("body text"));
    test::FakeSyncService sync;
    ui::MainWindow window(*fixture.store, &sync);
    window.show();
    QCOMPARE(window.editor()->titleEdit()->text(), QStringLiteral("Remove me"));
    QTest::mouseClick(toolButton(window, window.actions().deletePost), Qt::LeftButton);
    QCOMPARE(window.listPane()->model()->rowCount(), 1);
    QCOMPARE(window.editor()->titleEdit()->text(), QStringLiteral("Keep"));
    auto *bar = window.findChild<ui::MessageBar *>(QStringLiteral("messageBar"));
    QVERIFY(bar && bar->isVisible());
    QPushButton *undo = nullptr;
    const auto buttons = bar->findChildren<QPushButton *>();
    for (QPushButton *candidate : buttons) {
        if (candidate->text() == QStringLiteral("Undo"))
            undo = candidate;
    }
    QVERIFY(undo);
    QTest::mouseClick(undo, Qt::LeftButton);
    QTRY_COMPARE(window.listPane()->model()->rowCount(), 2);
    // The same post comes back (same guid), as an edit waiting to sync.
    QVERIFY(window.listPane()->model()->rowOf(doomed.guid) >= 0);
    const auto restored = fixture.store->posts().post(doomed.guid);
    QVERIFY(restored && !restored->deleted);
    QCOMPARE(restored->fields, doomed.fields);
    QCOMPARE(restored->syncStatus, model::SyncStatus::NeedsSync);
    QCOMPARE(restored->editCounter, doomed.editCounter + 2);
}

void TestMainWindow::signingInMovesOfflinePostsIntoTheBlog()
{
    test::StoreFixture fixture;
    const model::Post offline =
            fixture.create(QStringLiteral("Written offline"), {}, model::PublishState::Draft, {});
    const model::Post other = fixture.create(QStringLiteral("Other blog"), {},
                                             model::PublishState::Draft, QStringLiteral("2"));
    test::FakeSyncService sync;
    account::BlogChoice blogs;
    ui::MainWindow window(*fixture.store, &sync);
    window.show();
    blogs.setBlogs({{5, QStringLiteral("Travel")}});
    window.setBlogChoice(&blogs);
    window.adoptLocalPosts(QStringLiteral("5"));
    QCOMPARE(fixture.store->posts().post(offline.guid)->blog, QStringLiteral("5"));
    QCOMPARE(fixture.store->posts().post(offline.guid)->syncStatus, model::SyncStatus::NeedsSync);
    QCOMPARE(fixture.store->posts().post(other.guid)->blog, QStringLiteral("2"));
    auto *bar = window.findChild<ui::MessageBar *>(QStringLiteral("messageBar"));
    QVERIFY(bar && bar->isVisible());
}

void TestMainWindow::syncButtonAndShortcutAskForASync()
{
    test::StoreFixture fixture;
    test::FakeSyncService sync;
    ui::MainWindow window(*fixture.store, &sync);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTest::mouseClick(toolButton(window, window.actions().syncNow), Qt::LeftButton);
    QCOMPARE(sync.syncRequests, 1);
    window.activateWindow();
    QTest::keyClick(&window, Qt::Key_F5);
    QTest::keyClick(&window, Qt::Key_R, Qt::ControlModifier);
    QCOMPARE(sync.syncRequests, 3);
}

void TestMainWindow::statusBarShowsPendingAndConnectivity()
{
    test::StoreFixture fixture;
    fixture.create(QStringLiteral("one"));
    fixture.create(QStringLiteral("two"));
    test::FakeSyncService sync;
    ui::MainWindow window(*fixture.store, &sync);
    window.show();
    QVERIFY(window.syncStatus()->pendingText().contains(u'2'));
    QCOMPARE(window.syncStatus()->connectivityText(), QStringLiteral("Online"));
    sync.state = ui::SyncService::Connectivity::Offline;
    Q_EMIT sync.connectivityChanged(sync.state);
    QCOMPARE(window.syncStatus()->connectivityText(), QStringLiteral("Offline"));
    Q_EMIT sync.started();
    QTRY_VERIFY(window.syncStatus()->isProgressVisible());
    sync.lastSuccess = QDateTime::currentDateTimeUtc();
    Q_EMIT sync.finished(sync.lastSuccess);
    QVERIFY(!window.syncStatus()->isProgressVisible());
    QVERIFY(window.syncStatus()->lastSyncText().contains(QStringLiteral("just now")));
}

void TestMainWindow::statusBarTellsOfSkippedPostsUntilACleanRun()
{
    test::StoreFixture fixture;
    test::FakeSyncService sync;
    ui::MainWindow window(*fixture.store, &sync);
    window.show();
    ui::SyncStatusWidget *status = window.syncStatus();
    QVERIFY(status->skippedText().isEmpty());

    const QString guid = QStringLiteral("0b9f5c1e-7d2a-4e33-9a51-1c2d3e4f5a6b");
    Q_EMIT sync.started();
    Q_EMIT sync.changeSkipped(guid,
                              Error{ErrorCode::InvalidArgument, QStringLiteral("title too long")});
    Q_EMIT sync.changeSkipped(QString(), Error{ErrorCode::Malformed, QStringLiteral("bad guid")});
    QVERIFY(status->skippedText().isEmpty()); // told once the run is over
    sync.lastSuccess = QDateTime::currentDateTimeUtc();
    Q_EMIT sync.finished(sync.lastSuccess);
    QVERIFY(status->skippedText().contains(
            QStringLiteral("2 unreadable post(s) from the server skipped")));
    QVERIFY(status->skippedDetails().contains(guid));
    QVERIFY(status->skippedDetails().contains(QStringLiteral("title too long")));
    QVERIFY(status->skippedDetails().contains(QStringLiteral("bad guid")));
    QVERIFY(status->lastSyncText().contains(QStringLiteral("just now")));

    // A failed run that skipped nothing leaves the warning; the next clean run clears it.
    Q_EMIT sync.started();
    Q_EMIT sync.failed(Error{ErrorCode::Network, {}});
    QVERIFY(!status->skippedText().isEmpty());
    Q_EMIT sync.started();
    Q_EMIT sync.finished(sync.lastSuccess);
    QVERIFY(status->skippedText().isEmpty());
    QVERIFY(status->skippedDetails().isEmpty());
}

void TestMainWindow::clickingAPostOpensIt()
{
    test::StoreFixture fixture;
    fixture.create(QStringLiteral("older"));
    QTest::qWait(5);
    fixture.create(QStringLiteral("newer"));
    test::FakeSyncService sync;
    ui::MainWindow window(*fixture.store, &sync);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QListView *list = window.listPane()->view();
    const QRect second = list->visualRect(list->model()->index(1, 0));
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, second.center());
    QCOMPARE(window.editor()->titleEdit()->text(), QStringLiteral("older"));
}

void TestMainWindow::resolveActsOnAConflictedTombstoneInTheList()
{
    test::StoreFixture fixture;
    fixture.create(QStringLiteral("Open post"));
    // I deleted the post; the server edited it.
    const model::PostFields base = test::postFields(QStringLiteral("Gone"), QStringLiteral("a\n"));
    const QString guid = test::makeConflict(
            *fixture.store, base, base,
            test::postFields(QStringLiteral("Gone"), QStringLiteral("a\nb\n")), true);
    test::FakeSyncService sync;
    ui::MainWindow window(*fixture.store, &sync);
    window.show();
    QSignalSpy resolve(&window, &ui::MainWindow::resolveRequested);
    window.listPane()->setFilter(store::PostFilter::Conflicted);
    ui::PostListModel *model = window.listPane()->model();
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->guidAt(0), guid);
    QVERIFY(model->index(0, 0).data(ui::PostListModel::DeletedRole).toBool());
    QListView *list = window.listPane()->view();
    list->setFocus();
    list->setCurrentIndex(model->index(0, 0));
    window.actions().resolve->trigger();
    QCOMPARE(resolve.size(), 1);
    QCOMPARE(resolve.at(0).at(0).toString(), guid);
}

void TestMainWindow::activatingAConflictedRowAsksToResolveIt()
{
    test::StoreFixture fixture;
    const model::PostFields base = test::postFields(QStringLiteral("Both"), QStringLiteral("a\n"));
    const QString guid = test::makeConflict(
            *fixture.store, base, test::postFields(QStringLiteral("Mine"), QStringLiteral("a\n")),
            test::postFields(QStringLiteral("Theirs"), QStringLiteral("a\n")));
    fixture.create(QStringLiteral("Plain"));
    test::FakeSyncService sync;
    ui::MainWindow window(*fixture.store, &sync);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy resolve(&window, &ui::MainWindow::resolveRequested);
    QListView *list = window.listPane()->view();
    ui::PostListModel *model = window.listPane()->model();
    list->setFocus();
    // Enter on a plain post opens nothing; on a Conflicted one it asks for the merge window.
    list->setCurrentIndex(model->index(1 - model->rowOf(guid), 0));
    QTest::keyClick(list, Qt::Key_Return);
    QCOMPARE(resolve.size(), 0);
    list->setCurrentIndex(model->index(model->rowOf(guid), 0));
    QTest::keyClick(list, Qt::Key_Return);
    QCOMPARE(resolve.size(), 1);
    QCOMPARE(resolve.at(0).at(0).toString(), guid);
    // So does a double click.
    const QRect conflicted = list->visualRect(model->index(model->rowOf(guid), 0));
    // (A real double click is a click, then a double-click event.)
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, conflicted.center());
    QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, conflicted.center());
    QCOMPARE(resolve.size(), 2);
}

void TestMainWindow::deletingAConflictedPostAsksFirst_data()
{
    QTest::addColumn<QString>("answer");
    QTest::addColumn<bool>("resolveAsked");
    QTest::addColumn<bool>("deleted");
    QTest::newRow("cancel") << "" << false << false;
    QTest::newRow("open merge window") << "openMergeWindow" << true << false;
    QTest::newRow("delete anyway") << "deleteAnyway" << false << true;
}

void TestMainWindow::deletingAConflictedPostAsksFirst()
{
    QFETCH(QString, answer);
    QFETCH(bool, resolveAsked);
    QFETCH(bool, deleted);
    test::StoreFixture fixture;
    const model::PostFields base = test::postFields(QStringLiteral("Both"), QStringLiteral("a\n"));
    const QString guid = test::makeConflict(
            *fixture.store, base, test::postFields(QStringLiteral("Mine"), QStringLiteral("a\n")),
            test::postFields(QStringLiteral("Theirs"), QStringLiteral("a\n")));
    test::FakeSyncService sync;
    ui::MainWindow window(*fixture.store, &sync);
    window.show();
    QCOMPARE(window.editor()->guid(), guid);
    QSignalSpy resolve(&window, &ui::MainWindow::resolveRequested);
    QTest::mouseClick(toolButton(window, window.actions().deletePost), Qt::LeftButton);
    auto *question = window.findChild<QMessageBox *>(QStringLiteral("deleteConflictedQuestion"));
    QVERIFY(question);
    QVERIFY(question->text().contains(QStringLiteral("conflicts with your version")));
    // Nothing happens before the writer answers.
    QCOMPARE(fixture.store->posts().post(guid)->syncStatus, model::SyncStatus::Conflicted);
    if (answer.isEmpty())
        QTest::mouseClick(question->button(QMessageBox::Cancel), Qt::LeftButton);
    else
        QTest::mouseClick(question->findChild<QPushButton *>(answer), Qt::LeftButton);
    QCOMPARE(resolve.size(), resolveAsked ? 1 : 0);
    const auto post = fixture.store->posts().post(guid);
    QCOMPARE(post->deleted, deleted);
    QCOMPARE(post->syncStatus,
             deleted ? model::SyncStatus::NeedsSync : model::SyncStatus::Conflicted);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
