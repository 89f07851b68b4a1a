#include "merge/postmerge.h"
#include "store/attachmentrepository.h"
#include "store/syncrepository.h"
#include "ui/editor/bodyedit.h"
#include "ui/common/messagebar.h"
#include "ui/editor/posteditor.h"
#include "uitestutil.h"

#include <QApplication>
#include <QClipboard>
#include <QImage>
#include <QLineEdit>
#include <QMimeData>
#include <QRegularExpression>
#include <QTextBlock>
#include <QThread>

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

private:
    static model::Post syncedPost(test::StoreFixture &fixture, const QString &body);
};

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
    model::Revision theirs;
    theirs.guid = post.guid;
    theirs.rev = 2;
    theirs.fields = post.fields;
    theirs.fields.body = QStringLiteral("FIRST LINE, EDITED ELSEWHERE\nsecond line\nthird line");
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
    editor.openPost(post.guid);
    editor.bodyEdit()->setFocus();
    editor.bodyEdit()->moveCursor(QTextCursor::End);
    QTest::keyClicks(editor.bodyEdit(), QStringLiteral(" mine"));
    // Before the typing is saved, the server's version of the same line arrives.
    model::Revision theirs;
    theirs.guid = post.guid;
    theirs.rev = 2;
    theirs.fields = post.fields;
    theirs.fields.body = QStringLiteral("only line theirs");
    QVERIFY(fixture.store->sync().upsertFromServer(QStringLiteral("1"), theirs));
    QTRY_VERIFY(editor.messageBar()->isVisible());
    QCOMPARE(editor.bodyEdit()->toPlainText(), QStringLiteral("only line mine"));
    QTest::qWait(ui::PostEditor::SaveDelayMs * 2);
    QCOMPARE(fixture.store->posts().post(post.guid)->fields.body,
             QStringLiteral("only line theirs")); // nothing overwritten until the writer chooses
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
    editor.openPost(post.guid);
    editor.bodyEdit()->setFocus();
    editor.bodyEdit()->moveCursor(QTextCursor::End);
    QTest::keyClicks(editor.bodyEdit(), QStringLiteral(" mine"));

    QThread *sync = QThread::create([&] {
        model::Revision theirs;
        theirs.guid = post.guid;
        theirs.rev = 2;
        theirs.fields = post.fields;
        theirs.fields.body = QStringLiteral("FIRST LINE THEIRS\nsecond line\nthird line");
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
