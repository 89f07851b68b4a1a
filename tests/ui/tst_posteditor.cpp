#include "merge/postmerge.h"
#include "store/attachmentrepository.h"
#include "store/conflictresolver.h"
#include "store/syncrepository.h"
#include "ui/common/messagebar.h"
#include "ui/editor/bodyedit.h"
#include "ui/editor/posteditor.h"
#include "uitestutil.h"

#include <QApplication>
#include <QClipboard>
#include <QImage>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTextBlock>
#include <QThread>

#include <memory>

using namespace inkwell;

class TestPostEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void typingInTheBodyIsSaved();
    void typingInTheTitleIsSaved();
    void pastingAnImageStoresItAndInsertsAReference();
    void remoteChangeIsMergedWithoutMovingTheCursor();
    void overlappingRemoteChangeHoldsTheBufferAndSaysSo();
    void openingAnotherPostSavesTheFirst();
    void saveAfterAnUnseenSyncMergeKeepsBothChanges();
    void resolveStoresTheHeldBufferAsMineAndAsksForTheMergeWindow();
    void leavingAHeldPostStoresItAsAConflict_data();
    void leavingAHeldPostStoresItAsAConflict();
    void ctrlZAfterARemoteMergeKeepsTheColleaguesChange();
    void takingTheirsKeepsTheUndoHistory();

private:
    static model::Post syncedPost(test::StoreFixture &fixture, const QString &body);
    // Opens post (body "one\ntwo\nthree"), types " mine" at the end and lets a server version
    // that changes the first and the last line arrive: the editor holds the buffer.
    static void holdWithOverlap(test::StoreFixture &fixture, ui::PostEditor &editor,
                                const model::Post &post);
    static QPushButton *barButton(const ui::PostEditor &editor, const QString &text);
    // Opens post and types " mine" at the end of its body.
    static void typeMineAtTheEnd(ui::PostEditor &editor, const model::Post &post);
    // The server's next revision of post (rev 2) with the given body.
    static model::Revision serverRevision(const model::Post &post, const QString &body);
};

void TestPostEditor::typeMineAtTheEnd(ui::PostEditor &editor, const model::Post &post)
{
    editor.openPost(post.guid);
    editor.bodyEdit()->setFocus();
    editor.bodyEdit()->moveCursor(QTextCursor::End);
    QTest::keyClicks(editor.bodyEdit(), QStringLiteral(" mine"));
}

model::Revision TestPostEditor::serverRevision(const model::Post &post, const QString &body)
{
    model::Revision theirs;
    theirs.guid = post.guid;
    theirs.rev = 2;
    theirs.fields = post.fields;
    theirs.fields.body = body;
    return theirs;
}

void TestPostEditor::holdWithOverlap(test::StoreFixture &fixture, ui::PostEditor &editor,
                                     const model::Post &post)
{
    typeMineAtTheEnd(editor, post);
    model::Revision theirs = serverRevision(post, QStringLiteral("ONE\ntwo\nthree theirs"));
    QVERIFY(fixture.store->sync().upsertFromServer(QStringLiteral("1"), theirs));
    QTRY_VERIFY(editor.messageBar()->isVisible());
}

QPushButton *TestPostEditor::barButton(const ui::PostEditor &editor, const QString &text)
{
    const auto buttons = editor.messageBar()->findChildren<QPushButton *>();
    for (QPushButton *button : buttons) {
        if (button->text() == text && editor.messageBar()->isVisible())
            return button;
    }
    return nullptr;
}

model::Post TestPostEditor::syncedPost(test::StoreFixture &fixture, const QString &body)
{
    model::Revision revision;
    revision.guid = model::createGuid();
    revision.rev = 1;
    revision.fields.title = QStringLiteral("Shared");
    revision.fields.body = body;
    revision.modifiedAt = QDateTime::currentDateTimeUtc();
    auto applied = fixture.store->sync().upsertFromServer(QStringLiteral("1"), revision);
    if (!applied || *applied != store::PullOutcome::Applied)
        qFatal("upsertFromServer failed");
    return *fixture.store->posts().post(revision.guid);
}

void TestPostEditor::typingInTheBodyIsSaved()
{
    test::StoreFixture fixture;
    const model::Post post = fixture.create(QStringLiteral("t"));
    ui::PostEditor editor(*fixture.store);
    editor.show();
    editor.openPost(post.guid);
    QTest::mouseClick(editor.bodyEdit()->viewport(), Qt::LeftButton);
    QTest::keyClicks(editor.bodyEdit(), QStringLiteral("Hello *world*"));
    QTRY_COMPARE(fixture.store->posts().post(post.guid)->fields.body,
                 QStringLiteral("Hello *world*"));
    QCOMPARE(fixture.store->posts().post(post.guid)->syncStatus, model::SyncStatus::NeedsSync);
}

void TestPostEditor::typingInTheTitleIsSaved()
{
    test::StoreFixture fixture;
    const model::Post post = fixture.create(QString());
    ui::PostEditor editor(*fixture.store);
    editor.show();
    editor.openPost(post.guid);
    QTest::mouseClick(editor.titleEdit(), Qt::LeftButton);
    QTest::keyClicks(editor.titleEdit(), QStringLiteral("A title"));
    QTRY_COMPARE(fixture.store->posts().post(post.guid)->fields.title, QStringLiteral("A title"));
}

void TestPostEditor::pastingAnImageStoresItAndInsertsAReference()
{
    test::StoreFixture fixture;
    const model::Post post = fixture.create(QStringLiteral("with image"));
    ui::PostEditor editor(*fixture.store);
    editor.show();
    editor.openPost(post.guid);
    QImage image(32, 16, QImage::Format_RGB32);
    image.fill(Qt::red);
    auto *mime = new QMimeData;
    mime->setImageData(image);
    QApplication::clipboard()->setMimeData(mime);
    editor.bodyEdit()->setFocus();
    QTest::keyClick(editor.bodyEdit(), Qt::Key_V, Qt::ControlModifier);

    static const QRegularExpression reference(
            QStringLiteral("!\\[[^\\]]*\\]\\(attachment:([0-9a-f]{64})\\)"));
    const auto match = reference.match(editor.bodyEdit()->toPlainText());
    QVERIFY2(match.hasMatch(), qPrintable(editor.bodyEdit()->toPlainText()));
    auto stored = fixture.store->attachments().attachment(match.captured(1));
    QVERIFY(stored);
    QImage roundTrip;
    QVERIFY(roundTrip.loadFromData(stored->data));
    QCOMPARE(roundTrip.size(), image.size());
    QTRY_VERIFY(fixture.store->posts().post(post.guid)->fields.body.contains(match.captured(1)));
}

void TestPostEditor::remoteChangeIsMergedWithoutMovingTheCursor()
{
    test::StoreFixture fixture;
    const model::Post post =
            syncedPost(fixture, QStringLiteral("first line\nsecond line\nthird line"));
    ui::PostEditor editor(*fixture.store);
    editor.show();
    editor.openPost(post.guid);
    QTextCursor cursor = editor.bodyEdit()->textCursor();
    cursor.setPosition(editor.bodyEdit()->document()->findBlockByNumber(2).position() + 5);
    editor.bodyEdit()->setTextCursor(cursor);
    editor.bodyEdit()->setFocus();
    QTest::keyClicks(editor.bodyEdit(), QStringLiteral("XY"));
    QTRY_VERIFY(fixture.store->posts().post(post.guid)->fields.body.contains(u"XY"));

    // The server's version changes the first line; the engine merges it into the store.
    const model::Post mine = *fixture.store->posts().post(post.guid);
    model::Revision theirs = serverRevision(
            post, QStringLiteral("FIRST LINE, EDITED ELSEWHERE\nsecond line\nthird line"));
    const merge::PostMerge merged =
            merge::mergePost({*mine.base, false}, {mine.fields, false}, {theirs.fields, false});
    QVERIFY(merged.isClean());
    QVERIFY(fixture.store->sync().applyMerge(theirs, merged.merged));

    QTRY_COMPARE(editor.bodyEdit()->toPlainText(),
                 QStringLiteral("FIRST LINE, EDITED ELSEWHERE\nsecond line\nthirdXY line"));
    const QTextCursor after = editor.bodyEdit()->textCursor();
    QCOMPARE(after.blockNumber(), 2);
    QCOMPARE(after.positionInBlock(), 7);
    QVERIFY(editor.bodyEdit()->document()->isUndoAvailable());
    QVERIFY(!editor.messageBar()->isVisible());
}

void TestPostEditor::overlappingRemoteChangeHoldsTheBufferAndSaysSo()
{
    test::StoreFixture fixture;
    const model::Post post = syncedPost(fixture, QStringLiteral("only line"));
    ui::PostEditor editor(*fixture.store);
    editor.show();
    typeMineAtTheEnd(editor, post);
    // Before the typing is saved, the server's version of the same line arrives.
    model::Revision theirs = serverRevision(post, QStringLiteral("only line theirs"));
    QVERIFY(fixture.store->sync().upsertFromServer(QStringLiteral("1"), theirs));
    QTRY_VERIFY(editor.messageBar()->isVisible());
    QCOMPARE(editor.bodyEdit()->toPlainText(), QStringLiteral("only line mine"));
    QVERIFY(barButton(editor, QStringLiteral("Resolve…")));
    QVERIFY(!barButton(editor, QStringLiteral("Keep Mine")));
    QVERIFY(editor.save());
    QCOMPARE(fixture.store->posts().post(post.guid)->fields.body,
             QStringLiteral("only line theirs")); // nothing overwritten until the writer chooses
}

void TestPostEditor::resolveStoresTheHeldBufferAsMineAndAsksForTheMergeWindow()
{
    test::StoreFixture fixture;
    const model::Post post = syncedPost(fixture, QStringLiteral("one\ntwo\nthree"));
    ui::PostEditor editor(*fixture.store);
    editor.show();
    QSignalSpy resolve(&editor, &ui::PostEditor::resolveRequested);
    holdWithOverlap(fixture, editor, post);

    QPushButton *button = barButton(editor, QStringLiteral("Resolve…"));
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton);

    QCOMPARE(resolve.size(), 1);
    QCOMPARE(resolve.at(0).at(0).toString(), post.guid);
    const model::Post conflict = *fixture.store->posts().post(post.guid);
    QCOMPARE(conflict.syncStatus, model::SyncStatus::Conflicted);
    QCOMPARE(conflict.fields.body, QStringLiteral("one\ntwo\nthree mine"));
    QCOMPARE(conflict.theirs->fields.body, QStringLiteral("ONE\ntwo\nthree theirs"));
    QCOMPARE(editor.guid(), post.guid);
}

void TestPostEditor::leavingAHeldPostStoresItAsAConflict_data()
{
    QTest::addColumn<bool>("closeEditor");
    QTest::newRow("opening another post") << false;
    QTest::newRow("closing the editor") << true;
}

void TestPostEditor::leavingAHeldPostStoresItAsAConflict()
{
    QFETCH(bool, closeEditor);
    test::StoreFixture fixture;
    const model::Post post = syncedPost(fixture, QStringLiteral("one\ntwo\nthree"));
    const model::Post other = fixture.create(QStringLiteral("other"));
    auto editor = std::make_unique<ui::PostEditor>(*fixture.store);
    editor->show();
    holdWithOverlap(fixture, *editor, post);

    if (closeEditor)
        editor.reset();
    else
        editor->openPost(other.guid);

    const model::Post conflict = *fixture.store->posts().post(post.guid);
    QCOMPARE(conflict.syncStatus, model::SyncStatus::Conflicted);
    QCOMPARE(conflict.fields.body, QStringLiteral("one\ntwo\nthree mine"));
}

void TestPostEditor::ctrlZAfterARemoteMergeKeepsTheColleaguesChange()
{
    test::StoreFixture fixture;
    const model::Post post = syncedPost(fixture, QStringLiteral("first\nmiddle\nlast"));
    ui::PostEditor editor(*fixture.store);
    editor.show();
    typeMineAtTheEnd(editor, post);
    QVERIFY(editor.save());
    // Bob's change of the first line reaches the store through a sync merge.
    const model::Post mine = *fixture.store->posts().post(post.guid);
    model::Revision theirs = serverRevision(post, QStringLiteral("FIRST BY BOB\nmiddle\nlast"));
    theirs.modifiedBy = QStringLiteral("bob");
    const merge::PostMerge merged =
            merge::mergePost({*mine.base, false}, {mine.fields, false}, {theirs.fields, false});
    QVERIFY(fixture.store->sync().applyMerge(theirs, merged.merged));
    const QString both = QStringLiteral("FIRST BY BOB\nmiddle\nlast mine");
    QTRY_COMPARE(editor.bodyEdit()->toPlainText(), both);

    QTest::keyClick(editor.bodyEdit(), Qt::Key_Z, Qt::ControlModifier);
    QTest::keyClick(editor.bodyEdit(), Qt::Key_Z, Qt::ControlModifier);

    QCOMPARE(editor.bodyEdit()->toPlainText(), both);
    QVERIFY(editor.messageBar()->isVisible());
    QPushButton *undoTheirs = barButton(editor, QStringLiteral("Undo Their Change"));
    QVERIFY(undoTheirs);
    QVERIFY(editor.messageBar()->text().contains(u"bob"));
    QVERIFY(editor.save());
    QCOMPARE(fixture.store->posts().post(post.guid)->fields.body, both);

    // Only on purpose: then it is the writer's edit and is saved like one.
    QTest::mouseClick(undoTheirs, Qt::LeftButton);
    QCOMPARE(editor.bodyEdit()->toPlainText(), QStringLiteral("first\nmiddle\nlast mine"));
    QVERIFY(editor.save());
    QCOMPARE(fixture.store->posts().post(post.guid)->fields.body,
             QStringLiteral("first\nmiddle\nlast mine"));
}

void TestPostEditor::takingTheirsKeepsTheUndoHistory()
{
    test::StoreFixture fixture;
    const model::Post post = syncedPost(fixture, QStringLiteral("one\ntwo\nthree"));
    ui::PostEditor editor(*fixture.store);
    editor.show();
    holdWithOverlap(fixture, editor, post);
    QPushButton *resolve = barButton(editor, QStringLiteral("Resolve…"));
    QVERIFY(resolve);
    QTest::mouseClick(resolve, Qt::LeftButton);
    QVERIFY(editor.bodyEdit()->document()->isUndoAvailable());

    // The merge window takes theirs for the open post.
    const auto conflicted = fixture.store->posts().post(post.guid);
    QVERIFY(conflicted && conflicted->theirs);
    store::ConflictResolver resolver(*fixture.store);
    QVERIFY(resolver.takeTheirs(post.guid, conflicted->theirs->rev));

    QTRY_COMPARE(editor.bodyEdit()->toPlainText(), QStringLiteral("ONE\ntwo\nthree theirs"));
    QVERIFY(editor.bodyEdit()->document()->isUndoAvailable());
    QCOMPARE(fixture.store->posts().post(post.guid)->syncStatus, model::SyncStatus::Synced);
}

void TestPostEditor::openingAnotherPostSavesTheFirst()
{
    test::StoreFixture fixture;
    const model::Post first = fixture.create(QStringLiteral("first"));
    const model::Post second = fixture.create(QStringLiteral("second"));
    ui::PostEditor editor(*fixture.store);
    editor.show();
    editor.openPost(first.guid);
    editor.bodyEdit()->setFocus();
    QTest::keyClicks(editor.bodyEdit(), QStringLiteral("unsaved"));
    editor.openPost(second.guid); // at once, before the save delay
    QCOMPARE(fixture.store->posts().post(first.guid)->fields.body, QStringLiteral("unsaved"));
    QCOMPARE(editor.titleEdit()->text(), QStringLiteral("second"));
}

// A sync merge lands (on another thread) after the editor last read the post and before its
// save, with no event loop in between to announce it: the save must not overwrite it.
void TestPostEditor::saveAfterAnUnseenSyncMergeKeepsBothChanges()
{
    test::StoreFixture fixture;
    const model::Post post =
            syncedPost(fixture, QStringLiteral("first line\nsecond line\nthird line"));
    ui::PostEditor editor(*fixture.store);
    editor.show();
    typeMineAtTheEnd(editor, post);

    QThread *sync = QThread::create([&] {
        model::Revision theirs =
                serverRevision(post, QStringLiteral("FIRST LINE THEIRS\nsecond line\nthird line"));
        (void)fixture.store->sync().upsertFromServer(QStringLiteral("1"), theirs);
        fixture.store->releaseThreadConnection();
    });
    sync->start();
    QVERIFY(sync->wait(10000));
    delete sync;
    QVERIFY(editor.save());

    const QString expected = QStringLiteral("FIRST LINE THEIRS\nsecond line\nthird line mine");
    QCOMPARE(fixture.store->posts().post(post.guid)->fields.body, expected);
    QCOMPARE(editor.bodyEdit()->toPlainText(), expected);
    QVERIFY(!editor.messageBar()->isVisible());
}

QTEST_MAIN(TestPostEditor)
#include "tst_posteditor.moc"
