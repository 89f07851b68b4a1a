#include "conflicttestutil.h"
#include "fakesyncservice.h"
#include "store/attachmentrepository.h"
#include "ui/common/messagebar.h"
#include "ui/merge/mergefieldrow.h"
#include "ui/merge/mergehighlighter.h"
#include "ui/merge/mergehunkbar.h"
#include "ui/merge/mergepanes.h"
#include "ui/merge/mergewindow.h"
#include "uitestutil.h"

#include <QAction>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTextBlock>
#include <QToolButton>

using namespace inkwell;
using merge::FieldChoice;
using merge::HunkChoice;
using merge::MergeField;
using ui::MergeSide;

namespace {

// Two conflicting regions (alpha, beta) and one change only the server made (gamma).
const QString baseBody = QStringLiteral("Intro\nalpha\nkeep 1\nkeep 2\nbeta\nkeep 3\nkeep 4\n"
                                        "gamma\nend\n");
const QString mineBody = QStringLiteral("Intro\nalpha mine\nkeep 1\nkeep 2\nbeta mine\nkeep 3\n"
                                        "keep 4\ngamma\nend\n");
const QString theirsBody = QStringLiteral("Intro\nalpha theirs\nkeep 1\nkeep 2\nbeta theirs\n"
                                          "keep 3\nkeep 4\ngamma theirs\nend\n");

QString bodyWith(const QString &alpha, const QString &beta)
{
    return QStringLiteral("Intro\n%1keep 1\nkeep 2\n%2keep 3\nkeep 4\ngamma theirs\nend\n")
            .arg(alpha, beta);
}

} // namespace

class TestMergeWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void opensWithThreePanesAndTheOpenCount();
    void nextAndPreviousWalkTheConflicts();
    void baseIsShownOnAToggle();
    void hunkButtonsSetTheCurrentHunk_data();
    void hunkButtonsSetTheCurrentHunk();
    void editingTheResultByHandMakesTheHunkCustom();
    void undoAndRedoOfChoices();
    void saveIsDisabledUntilResolvedThenStoresTheResult();
    void cancelLeavesThePostConflictedAndUnchanged();
    void keepMineKeepsTheirCleanChanges();
    void keepBothSavesMineAsANewPost();
    void fieldRowsShowBothValuesAndChoose();
    void coversAreThumbnailsAndFetchedWhenMissing();
    void editVersusDeleteIsAPlainChoice_data();
    void editVersusDeleteIsAPlainChoice();
    void wholePostChoicesOnEditVersusDelete_data();
    void wholePostChoicesOnEditVersusDelete();
    void theirsReplacedWhileOpenIsMergedAgain();
    void theirsReplacedBeforeSaveIsMergedAgain();
    void keyboardOnlyResolution();
    void keyboardOnlyFieldChoice();
    void headerSaysWhoChangedTheirs();
    void panesScrollTogetherByHunk();

private:
    struct Opened
    {
        test::StoreFixture fixture;
        test::FakeSyncService sync;
        QString guid;
        std::unique_ptr<ui::MergeWindow> window;
    };
    static void open(Opened &opened, const model::PostFields &base, const model::PostFields &mine,
                     const model::PostFields &theirs, bool mineDeleted = false,
                     bool theirsDeleted = false);
    static void openBodyConflict(Opened &opened);
    // A post "Gone?" edited ("a\nedited\n") on one side and deleted on the other.
    static void openEditVersusDelete(Opened &opened, bool mineDeleted);
    // Saves the chosen edit versus delete: the post is deleted or has the edited body.
    static void saveEditVersusDelete(Opened &opened, bool deleted);
    static void click(ui::MergeWindow &window, const QString &buttonName);
    static QList<qsizetype> conflictHunks(const merge::MergeSession &session);
    static QStringList highlightedTexts(QPlainTextEdit *pane);
};

QStringList TestMergeWindow::highlightedTexts(QPlainTextEdit *pane)
{
    QStringList texts;
    const auto selections = pane->extraSelections();
    for (const QTextEdit::ExtraSelection &selection : selections)
        texts.append(selection.cursor.selectedText().trimmed());
    return texts;
}

void TestMergeWindow::open(Opened &opened, const model::PostFields &base,
                           const model::PostFields &mine, const model::PostFields &theirs,
                           bool mineDeleted, bool theirsDeleted)
{
    opened.guid = test::makeConflict(*opened.fixture.store, base, mine, theirs, mineDeleted,
                                     theirsDeleted);
    opened.window =
            std::make_unique<ui::MergeWindow>(*opened.fixture.store, &opened.sync, opened.guid);
    QVERIFY(opened.window->hasConflict());
    opened.window->show();
    QVERIFY(QTest::qWaitForWindowExposed(opened.window.get()));
}

void TestMergeWindow::openBodyConflict(Opened &opened)
{
    open(opened, test::postFields(QStringLiteral("Post"), baseBody),
         test::postFields(QStringLiteral("Post"), mineBody),
         test::postFields(QStringLiteral("Post"), theirsBody));
}

void TestMergeWindow::click(ui::MergeWindow &window, const QString &buttonName)
{
    auto *button = window.findChild<QAbstractButton *>(buttonName);
    QVERIFY2(button, qPrintable(buttonName));
    QVERIFY2(button->isEnabled(), qPrintable(buttonName));
    QTest::mouseClick(button, Qt::LeftButton);
}

QList<qsizetype> TestMergeWindow::conflictHunks(const merge::MergeSession &session)
{
    QList<qsizetype> result;
    for (qsizetype i = 0; i < session.hunkCount(); ++i) {
        if (session.hunk(i).kind == merge::HunkKind::Conflict)
            result.append(i);
    }
    return result;
}

void TestMergeWindow::opensWithThreePanesAndTheOpenCount()
{
    Opened o;
    openBodyConflict(o);
    ui::MergePanes *panes = o.window->panes();
    QCOMPARE(panes->pane(MergeSide::Mine)->toPlainText(), mineBody);
    QCOMPARE(panes->pane(MergeSide::Theirs)->toPlainText(), theirsBody);
    // Open conflicts show mine; the server's clean change is already in the result.
    QCOMPARE(panes->pane(MergeSide::Result)->toPlainText(),
             bodyWith(QStringLiteral("alpha mine\n"), QStringLiteral("beta mine\n")));
    QVERIFY(panes->pane(MergeSide::Mine)->isVisible());
    QVERIFY(panes->pane(MergeSide::Result)->isVisible());
    QVERIFY(panes->pane(MergeSide::Theirs)->isVisible());
    QVERIFY(!panes->pane(MergeSide::Base)->isVisible());
    QVERIFY(!panes->pane(MergeSide::Result)->isReadOnly());
    auto *position = o.window->findChild<QLabel *>(QStringLiteral("hunkPosition"));
    QVERIFY(position);
    QVERIFY2(position->text().contains(QStringLiteral("2 left")), qPrintable(position->text()));
    QVERIFY(position->text().contains(QStringLiteral("Conflict 1 of 2")));
    QVERIFY(o.window->fieldRows().isEmpty());
    // Changed lines are highlighted in every side pane.
    QVERIFY(!panes->pane(MergeSide::Mine)->extraSelections().isEmpty());
    QVERIFY(!panes->pane(MergeSide::Result)->extraSelections().isEmpty());
    QVERIFY(!panes->pane(MergeSide::Theirs)->extraSelections().isEmpty());
    // ... and inside them the words that differ from the base.
    QVERIFY(highlightedTexts(panes->pane(MergeSide::Mine)).contains(QStringLiteral("mine")));
    QVERIFY(highlightedTexts(panes->pane(MergeSide::Theirs)).contains(QStringLiteral("theirs")));
    QVERIFY(highlightedTexts(panes->pane(MergeSide::Result)).contains(QStringLiteral("mine")));
}

void TestMergeWindow::nextAndPreviousWalkTheConflicts()
{
    Opened o;
    openBodyConflict(o);
    const QList<qsizetype> conflicts = conflictHunks(o.window->session());
    QCOMPARE(conflicts.size(), 2);
    ui::MergePanes *panes = o.window->panes();
    QCOMPARE(panes->currentHunk(), conflicts.at(0));
    click(*o.window, QStringLiteral("nextConflictButton"));
    QCOMPARE(panes->currentHunk(), conflicts.at(1));
    auto *position = o.window->findChild<QLabel *>(QStringLiteral("hunkPosition"));
    QVERIFY(position->text().contains(QStringLiteral("Conflict 2 of 2")));
    click(*o.window, QStringLiteral("nextConflictButton")); // wraps around
    QCOMPARE(panes->currentHunk(), conflicts.at(0));
    click(*o.window, QStringLiteral("previousConflictButton"));
    QCOMPARE(panes->currentHunk(), conflicts.at(1));
    // The shortcut is in the tooltip.
    QVERIFY(o.window->hunkBar()->nextAction()->toolTip().contains(QStringLiteral("Alt+Down")));
}

void TestMergeWindow::baseIsShownOnAToggle()
{
    Opened o;
    openBodyConflict(o);
    QPlainTextEdit *base = o.window->panes()->pane(MergeSide::Base);
    QVERIFY(!base->isVisible());
    click(*o.window, QStringLiteral("showBaseButton"));
    QVERIFY(base->isVisible());
    QCOMPARE(base->toPlainText(), baseBody);
    click(*o.window, QStringLiteral("showBaseButton"));
    QVERIFY(!base->isVisible());
}

void TestMergeWindow::hunkButtonsSetTheCurrentHunk_data()
{
    QTest::addColumn<QString>("button");
    QTest::addColumn<QString>("alpha");
    QTest::newRow("mine") << "useMineButton"
                          << "alpha mine\n";
    QTest::newRow("theirs") << "useTheirsButton"
                            << "alpha theirs\n";
    QTest::newRow("both, mine first") << "mineThenTheirsButton"
                                      << "alpha mine\nalpha theirs\n";
    QTest::newRow("both, theirs first") << "theirsThenMineButton"
                                        << "alpha theirs\nalpha mine\n";
    QTest::newRow("base") << "useBaseButton"
                          << "alpha\n";
}

void TestMergeWindow::hunkButtonsSetTheCurrentHunk()
{
    QFETCH(QString, button);
    QFETCH(QString, alpha);
    Opened o;
    openBodyConflict(o);
    click(*o.window, button);
    QCOMPARE(o.window->panes()->pane(MergeSide::Result)->toPlainText(),
             bodyWith(alpha, QStringLiteral("beta mine\n")));
    QCOMPARE(o.window->session().unresolvedCount(), 1);
    auto *position = o.window->findChild<QLabel *>(QStringLiteral("hunkPosition"));
    QVERIFY(position->text().contains(QStringLiteral("1 left")));
}

void TestMergeWindow::editingTheResultByHandMakesTheHunkCustom()
{
    Opened o;
    openBodyConflict(o);
    QPlainTextEdit *result = o.window->panes()->pane(MergeSide::Result);
    const qsizetype beta = conflictHunks(o.window->session()).at(1);
    // Put the caret on "beta mine" and retype the line.
    result->setFocus();
    result->setTextCursor(QTextCursor(result->document()->findBlockByNumber(4)));
    QTest::keyClick(result, Qt::Key_End, Qt::ShiftModifier);
    QTest::keyClicks(result, QStringLiteral("beta by hand"));
    QCOMPARE(result->toPlainText(),
             bodyWith(QStringLiteral("alpha mine\n"), QStringLiteral("beta by hand\n")));
    QCOMPARE(o.window->session().hunkChoice(beta), HunkChoice::Custom);
    QCOMPARE(o.window->session().hunkResultLines(beta),
             QStringList{QStringLiteral("beta by hand")});
    QCOMPARE(o.window->session().unresolvedCount(), 1);
    QVERIFY(highlightedTexts(result).contains(QStringLiteral("by hand")));
    // The caret stays where the writer typed.
    QCOMPARE(result->textCursor().blockNumber(), 4);
    QCOMPARE(result->textCursor().positionInBlock(), 12);
}

void TestMergeWindow::undoAndRedoOfChoices()
{
    Opened o;
    openBodyConflict(o);
    QPlainTextEdit *result = o.window->panes()->pane(MergeSide::Result);
    click(*o.window, QStringLiteral("useTheirsButton"));
    QVERIFY(result->toPlainText().contains(QStringLiteral("alpha theirs")));
    click(*o.window, QStringLiteral("undoChoiceButton"));
    QVERIFY(result->toPlainText().contains(QStringLiteral("alpha mine")));
    QCOMPARE(o.window->session().unresolvedCount(), 2);
    click(*o.window, QStringLiteral("redoChoiceButton"));
    QVERIFY(result->toPlainText().contains(QStringLiteral("alpha theirs")));
    QCOMPARE(o.window->session().unresolvedCount(), 1);
    // In the result pane with nothing typed, Ctrl+Z undoes the choice too.
    o.window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(o.window.get()));
    result->setFocus();
    QTest::keyClick(result, Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(result->toPlainText().contains(QStringLiteral("alpha mine")));
    QTest::keyClick(result, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(result->toPlainText().contains(QStringLiteral("alpha theirs")));
}

void TestMergeWindow::saveIsDisabledUntilResolvedThenStoresTheResult()
{
    Opened o;
    openBodyConflict(o);
    QSignalSpy resolved(o.window.get(), &ui::MergeWindow::resolved);
    QPushButton *save = o.window->saveButton();
    QVERIFY(!save->isEnabled());
    click(*o.window, QStringLiteral("useTheirsButton"));
    QVERIFY(!save->isEnabled());
    click(*o.window, QStringLiteral("nextConflictButton"));
    click(*o.window, QStringLiteral("mineThenTheirsButton"));
    QVERIFY(save->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(resolved.size(), 1);
    QVERIFY(!o.window->isVisible());
    const auto post = o.fixture.store->posts().post(o.guid);
    QVERIFY(post);
    QCOMPARE(post->syncStatus, model::SyncStatus::NeedsSync);
    QCOMPARE(
            post->fields.body,
            bodyWith(QStringLiteral("alpha theirs\n"), QStringLiteral("beta mine\nbeta theirs\n")));
    QCOMPARE(post->rev, 2);
    QVERIFY(!post->theirs);
}

void TestMergeWindow::cancelLeavesThePostConflictedAndUnchanged()
{
    Opened o;
    openBodyConflict(o);
    const model::Post before = *o.fixture.store->posts().post(o.guid);
    click(*o.window, QStringLiteral("useTheirsButton"));
    click(*o.window, QStringLiteral("takeTheirs"));
    QVERIFY(o.window->saveButton()->isEnabled());
    click(*o.window, QStringLiteral("cancel"));
    QVERIFY(!o.window->isVisible());
    QCOMPARE(*o.fixture.store->posts().post(o.guid), before);
    QCOMPARE(before.syncStatus, model::SyncStatus::Conflicted);
}

void TestMergeWindow::keepMineKeepsTheirCleanChanges()
{
    Opened o;
    openBodyConflict(o);
    click(*o.window, QStringLiteral("keepMine"));
    QCOMPARE(o.window->session().unresolvedCount(), 0);
    QTest::mouseClick(o.window->saveButton(), Qt::LeftButton);
    const auto post = o.fixture.store->posts().post(o.guid);
    QCOMPARE(post->fields.body,
             bodyWith(QStringLiteral("alpha mine\n"), QStringLiteral("beta mine\n")));
    QCOMPARE(post->syncStatus, model::SyncStatus::NeedsSync);
}

void TestMergeWindow::keepBothSavesMineAsANewPost()
{
    Opened o;
    openBodyConflict(o);
    QSignalSpy resolved(o.window.get(), &ui::MergeWindow::resolved);
    click(*o.window, QStringLiteral("keepBoth"));
    QCOMPARE(resolved.size(), 1);
    const auto original = o.fixture.store->posts().post(o.guid);
    QCOMPARE(original->fields.body, theirsBody);
    QVERIFY(original->syncStatus != model::SyncStatus::Conflicted);
    const auto all = o.fixture.store->posts().page({});
    QVERIFY(all);
    QCOMPARE(all->size(), 2);
    bool copyFound = false;
    for (const model::Post &post : *all)
        copyFound |= post.guid != o.guid && post.fields.body == mineBody;
    QVERIFY(copyFound);
}

void TestMergeWindow::fieldRowsShowBothValuesAndChoose()
{
    Opened o;
    model::PostFields base = test::postFields(QStringLiteral("Walk"), QStringLiteral("text\n"));
    model::PostFields mine = base;
    mine.title = QStringLiteral("Walk in May");
    mine.state = model::PublishState::Published;
    model::PostFields theirs = base;
    theirs.title = QStringLiteral("Walk in June");
    open(o, base, mine, theirs);
    QCOMPARE(o.window->fieldRows().size(), 1);
    ui::MergeFieldRow *title = o.window->fieldRows().constFirst();
    QCOMPARE(title->field(), MergeField::Title);
    const auto labels = title->findChildren<QLabel *>();
    QStringList texts;
    for (QLabel *label : labels)
        texts.append(label->text());
    QVERIFY(texts.contains(QStringLiteral("Walk in May")));
    QVERIFY(texts.contains(QStringLiteral("Walk in June")));
    QCOMPARE(o.window->session().unresolvedCount(), 1);
    QVERIFY(!o.window->saveButton()->isEnabled());
    QTest::mouseClick(title->theirsButton(), Qt::LeftButton);
    QCOMPARE(o.window->session().fieldChoice(MergeField::Title), FieldChoice::Theirs);
    QVERIFY(o.window->saveButton()->isEnabled());
    QTest::mouseClick(o.window->saveButton(), Qt::LeftButton);
    const auto post = o.fixture.store->posts().post(o.guid);
    QCOMPARE(post->fields.title, QStringLiteral("Walk in June"));
    QCOMPARE(post->fields.state, model::PublishState::Published); // only mine changed it
    QCOMPARE(post->syncStatus, model::SyncStatus::NeedsSync);
}

void TestMergeWindow::coversAreThumbnailsAndFetchedWhenMissing()
{
    Opened o;
    const auto red = o.fixture.store->attachments().add(test::pngBytes(Qt::red));
    QVERIFY(red);
    const QByteArray blue = test::pngBytes(Qt::blue);
    const QString blueHash =
            QString::fromLatin1(QCryptographicHash::hash(blue, QCryptographicHash::Sha256).toHex());
    model::PostFields base = test::postFields(QStringLiteral("Covers"), QStringLiteral("text\n"));
    open(o, base, test::postFields(QStringLiteral("Covers"), QStringLiteral("text\n"), red->sha256),
         test::postFields(QStringLiteral("Covers"), QStringLiteral("text\n"), blueHash));
    QCOMPARE(o.window->fieldRows().size(), 1);
    ui::MergeFieldRow *row = o.window->fieldRows().constFirst();
    QCOMPARE(row->field(), MergeField::Cover);
    const auto labels = row->findChildren<QLabel *>();
    const auto pixmaps = [&labels] {
        int count = 0;
        for (QLabel *label : labels)
            count += label->pixmap().isNull() ? 0 : 1;
        return count;
    };
    // Mine is local; theirs is asked for and shown once it arrived.
    QCOMPARE(pixmaps(), 1);
    QVERIFY(o.sync.requestedAttachments.contains(blueHash));
    QVERIFY(o.fixture.store->attachments().add(blue));
    Q_EMIT o.sync.attachmentArrived(blueHash);
    QCOMPARE(pixmaps(), 2);
}

void TestMergeWindow::openEditVersusDelete(Opened &o, bool mineDeleted)
{
    const model::PostFields base = test::postFields(QStringLiteral("Gone?"), QStringLiteral("a\n"));
    const model::PostFields edited =
            test::postFields(QStringLiteral("Gone?"), QStringLiteral("a\nedited\n"));
    open(o, base, mineDeleted ? base : edited, mineDeleted ? edited : base, mineDeleted,
         !mineDeleted);
}

void TestMergeWindow::saveEditVersusDelete(Opened &o, bool deleted)
{
    QVERIFY(o.window->saveButton()->isEnabled());
    QTest::mouseClick(o.window->saveButton(), Qt::LeftButton);
    const auto post = o.fixture.store->posts().post(o.guid);
    QCOMPARE(post->deleted, deleted);
    QVERIFY(post->syncStatus != model::SyncStatus::Conflicted);
    if (!deleted)
        QCOMPARE(post->fields.body, QStringLiteral("a\nedited\n"));
}

void TestMergeWindow::editVersusDeleteIsAPlainChoice_data()
{
    QTest::addColumn<bool>("mineDeleted");
    QTest::addColumn<QString>("choice");
    QTest::addColumn<bool>("deleted");
    QTest::newRow("they deleted, restore with my edits")
            << false << "Restore with my edits" << false;
    QTest::newRow("they deleted, accept the delete") << false << "Accept the delete" << true;
    QTest::newRow("I deleted, keep my delete") << true << "Keep my delete" << true;
    QTest::newRow("I deleted, restore with their edits")
            << true << "Restore with their edits" << false;
}

void TestMergeWindow::editVersusDeleteIsAPlainChoice()
{
    QFETCH(bool, mineDeleted);
    QFETCH(QString, choice);
    QFETCH(bool, deleted);
    Opened o;
    openEditVersusDelete(o, mineDeleted);
    QCOMPARE(o.window->fieldRows().size(), 1);
    ui::MergeFieldRow *row = o.window->fieldRows().constFirst();
    QCOMPARE(row->field(), MergeField::Deletion);
    QRadioButton *button =
            row->mineButton()->text() == choice ? row->mineButton() : row->theirsButton();
    QCOMPARE(button->text(), choice);
    QVERIFY(!o.window->saveButton()->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    saveEditVersusDelete(o, deleted);
}

void TestMergeWindow::wholePostChoicesOnEditVersusDelete_data()
{
    QTest::addColumn<bool>("mineDeleted");
    QTest::addColumn<QString>("button");
    QTest::addColumn<bool>("deleted");
    // Keep Mine keeps my side of the delete too: my delete stays a delete.
    QTest::newRow("I deleted, keep mine") << true << "keepMine" << true;
    QTest::newRow("I deleted, take theirs") << true << "takeTheirs" << false;
    QTest::newRow("they deleted, keep mine") << false << "keepMine" << false;
    QTest::newRow("they deleted, take theirs") << false << "takeTheirs" << true;
}

void TestMergeWindow::wholePostChoicesOnEditVersusDelete()
{
    QFETCH(bool, mineDeleted);
    QFETCH(QString, button);
    QFETCH(bool, deleted);
    Opened o;
    openEditVersusDelete(o, mineDeleted);
    click(*o.window, button);
    saveEditVersusDelete(o, deleted);
}

void TestMergeWindow::theirsReplacedWhileOpenIsMergedAgain()
{
    Opened o;
    openBodyConflict(o);
    click(*o.window, QStringLiteral("useTheirsButton")); // alpha: still the same after
    QString newer = theirsBody;
    newer.replace(QStringLiteral("beta theirs"), QStringLiteral("beta theirs, later"));
    test::replaceTheirs(*o.fixture.store, o.guid, test::postFields(QStringLiteral("Post"), newer),
                        3);
    QTRY_COMPARE(o.window->theirsRev(), 3);
    QVERIFY(o.window->messageBar()->isVisible());
    QVERIFY(o.window->messageBar()->text().contains(
            QStringLiteral("The server's version changed while you were resolving")));
    QCOMPARE(o.window->panes()->pane(MergeSide::Theirs)->toPlainText(), newer);
    // The choice for the unchanged conflict was kept.
    QVERIFY(o.window->panes()
                    ->pane(MergeSide::Result)
                    ->toPlainText()
                    .contains(QStringLiteral("alpha theirs")));
    QCOMPARE(o.window->session().unresolvedCount(), 1);
}

void TestMergeWindow::theirsReplacedBeforeSaveIsMergedAgain()
{
    Opened o;
    openBodyConflict(o);
    click(*o.window, QStringLiteral("takeTheirs"));
    // The newer version arrives; Save runs before the window heard of it.
    test::replaceTheirs(*o.fixture.store, o.guid,
                        test::postFields(QStringLiteral("Post"), theirsBody + u"more\n"), 3);
    QTest::mouseClick(o.window->saveButton(), Qt::LeftButton);
    QVERIFY(o.window->isVisible());
    QCOMPARE(o.window->theirsRev(), 3);
    QVERIFY(o.window->messageBar()->text().contains(QStringLiteral("the merge was redone")));
    QCOMPARE(o.fixture.store->posts().post(o.guid)->syncStatus, model::SyncStatus::Conflicted);
}

void TestMergeWindow::keyboardOnlyResolution()
{
    Opened o;
    openBodyConflict(o);
    ui::MergeWindow *window = o.window.get();
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window));
    QTest::keyClick(window, Qt::Key_2, Qt::ControlModifier); // alpha: theirs
    QTest::keyClick(window, Qt::Key_Down, Qt::AltModifier); // next conflict
    QTest::keyClick(window, Qt::Key_1, Qt::ControlModifier); // beta: mine
    QVERIFY(window->saveButton()->isEnabled());
    QTest::keyClick(window, Qt::Key_S, Qt::AltModifier); // &Save (a mnemonic animates the click)
    QTRY_VERIFY(!window->isVisible());
    const auto post = o.fixture.store->posts().post(o.guid);
    QCOMPARE(post->fields.body,
             bodyWith(QStringLiteral("alpha theirs\n"), QStringLiteral("beta mine\n")));
    QCOMPARE(post->syncStatus, model::SyncStatus::NeedsSync);
}

void TestMergeWindow::keyboardOnlyFieldChoice()
{
    Opened o;
    model::PostFields base = test::postFields(QStringLiteral("Walk"), QStringLiteral("text\n"));
    model::PostFields mine = base;
    mine.title = QStringLiteral("Walk in May");
    model::PostFields theirs = base;
    theirs.title = QStringLiteral("Walk in June");
    open(o, base, mine, theirs);
    ui::MergeWindow *window = o.window.get();
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window));
    // The first decision has the focus; an arrow key moves within the row, Space chooses, and
    // once chosen the arrow keys move the choice.
    ui::MergeFieldRow *title = window->fieldRows().constFirst();
    QCOMPARE(QApplication::focusWidget(), title->mineButton());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Right);
    QCOMPARE(QApplication::focusWidget(), title->theirsButton());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
    QCOMPARE(window->session().fieldChoice(MergeField::Title), FieldChoice::Theirs);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Left);
    QCOMPARE(window->session().fieldChoice(MergeField::Title), FieldChoice::Mine);
    // Tab leaves the row for the hunk strip.
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QVERIFY(window->hunkBar()->isAncestorOf(QApplication::focusWidget()));
    QTest::keyClick(window, Qt::Key_S, Qt::AltModifier);
    QTRY_VERIFY(!window->isVisible());
    QCOMPARE(o.fixture.store->posts().post(o.guid)->fields.title, QStringLiteral("Walk in May"));
}

void TestMergeWindow::headerSaysWhoChangedTheirs()
{
    Opened o;
    openBodyConflict(o);
    auto *header = o.window->findChild<QLabel *>(QStringLiteral("mergeHeader"));
    QVERIFY(header);
    QVERIFY(header->text().contains(QStringLiteral("bob")));
    QVERIFY(header->text().contains(QStringLiteral("revision 2")));
}

void TestMergeWindow::panesScrollTogetherByHunk()
{
    // Mine adds six lines near the top, so the same hunk sits lower in mine than in theirs.
    QStringList base;
    for (int i = 0; i < 120; ++i)
        base.append(QStringLiteral("line %1").arg(i));
    QStringList mine = base;
    QStringList theirs = base;
    for (int i = 0; i < 6; ++i)
        mine.insert(5, QStringLiteral("mine's insertion %1").arg(i));
    mine[6 + 90] = QStringLiteral("line 90 as mine has it");
    theirs[90] = QStringLiteral("line 90 as theirs has it");
    Opened o;
    open(o, test::postFields(QStringLiteral("Long"), base.join(u'\n')),
         test::postFields(QStringLiteral("Long"), mine.join(u'\n')),
         test::postFields(QStringLiteral("Long"), theirs.join(u'\n')));
    o.window->resize(900, 420);
    QApplication::processEvents();
    const merge::MergeSession &session = o.window->session();
    const qsizetype conflict = conflictHunks(session).constFirst();
    const auto mineRanges = ui::MergeHighlighter::ranges(session, MergeSide::Mine);
    const auto theirsRanges = ui::MergeHighlighter::ranges(session, MergeSide::Theirs);
    QCOMPARE(mineRanges.at(conflict).first, theirsRanges.at(conflict).first + 6);
    QPlainTextEdit *minePane = o.window->panes()->pane(MergeSide::Mine);
    QPlainTextEdit *theirsPane = o.window->panes()->pane(MergeSide::Theirs);
    QPlainTextEdit *resultPane = o.window->panes()->pane(MergeSide::Result);
    minePane->verticalScrollBar()->setValue(int(mineRanges.at(conflict).first));
    const auto topLine = [](QPlainTextEdit *pane) {
        return qsizetype(pane->cursorForPosition(QPoint(0, 0)).blockNumber());
    };
    QCOMPARE(topLine(minePane), mineRanges.at(conflict).first);
    QCOMPARE(topLine(theirsPane), theirsRanges.at(conflict).first);
    QCOMPARE(topLine(resultPane), session.resultRanges().at(conflict).firstLine);
    // Scrolling theirs brings mine back along, without the two scrolling each other on.
    theirsPane->verticalScrollBar()->setValue(0);
    QCOMPARE(topLine(minePane), 0);
    QCOMPARE(topLine(theirsPane), 0);
}

QTEST_MAIN(TestMergeWindow)
#include "tst_mergewindow.moc"
