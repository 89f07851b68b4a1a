#include "editing/editsession.h"
#include "merge/postmerge.h"
#include "model/post.h"
#include "store/conflictresolver.h"
#include "store/localstore.h"
#include "store/postrepository.h"
#include "store/syncrepository.h"
#include "support/tempdir.h"

#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>

#include <memory>

using namespace inkwell;
using editing::EditSession;
using model::SyncStatus;

namespace {

const QString blog = QStringLiteral("b");

// Types text into the document at position, as the writer would (one undo step).
void type(QTextDocument *document, int position, const QString &text)
{
    QTextCursor cursor(document);
    cursor.setPosition(position);
    cursor.insertText(text);
}

int endOf(QTextDocument *document)
{
    return document->characterCount() - 1;
}

} // namespace

class TestEditSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void editsAreSavedAfterTheDelay();
    void saveMergesAChangeStoredInBetweenAndRetries();
    void cleanIncomingChangeKeepsCursorAndUndoHistory();
    void editedReportsTheWritersChangesOnly();
    void incomingTitleChangeIsTakenIn();
    void overlappingChangeHoldsTheBuffer();
    void leavingAHeldPostStoresItAsAConflict_data();
    void leavingAHeldPostStoresItAsAConflict();
    void theStoredConflictKeepsTheirNonOverlappingChanges();
    void keepingMineInTheOpenPostKeepsTheirOtherChangesAndTheHistory();
    void resolveHeldStoresTheConflictAndStaysOpen();
    void deleteElsewhereWithUnsavedEditsHolds();
    void deleteElsewhereWithoutUnsavedEditsCloses();
    void undoStopsAtAnIncomingChange();
    void undoingAnIncomingChangeOnPurposeWorks();
    void takingTheirsArrivesAsCursorEditsAndKeepsUndoHistory();
    void storeErrorsAreReported();
    void openingATombstoneFails();
    void openingTheOpenPostAgainKeepsTheHeldBuffer();

private:
    // A post as a pull leaves it: Synced at rev 1, last modified by ann.
    model::Post syncedPost(const QString &body);
    // The server's next version of guid with body, last modified by by.
    void arrive(const QString &guid, qint64 rev, const QString &body,
                const QString &by = QStringLiteral("bob"));
    model::Post stored(const QString &guid) { return *m_store->posts().post(guid); }
    std::unique_ptr<EditSession> openSession(const QString &guid);

    std::unique_ptr<test::TempDir> m_dir;
    std::unique_ptr<store::LocalStore> m_store;
};

void TestEditSession::init()
{
    m_dir = std::make_unique<test::TempDir>();
    m_store = std::make_unique<store::LocalStore>(m_dir->filePath(QStringLiteral("e.sqlite")));
    QVERIFY(m_store->open());
}

void TestEditSession::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

model::Post TestEditSession::syncedPost(const QString &body)
{
    model::Revision revision;
    revision.guid = model::createGuid();
    revision.rev = 1;
    revision.fields.title = QStringLiteral("Shared");
    revision.fields.body = body;
    revision.createdBy = QStringLiteral("ann");
    revision.modifiedBy = QStringLiteral("ann");
    revision.modifiedAt = QDateTime::currentDateTimeUtc();
    auto applied = m_store->sync().upsertFromServer(blog, revision);
    if (!applied || *applied != store::PullOutcome::Applied)
        qFatal("upsertFromServer failed");
    return stored(revision.guid);
}

void TestEditSession::arrive(const QString &guid, qint64 rev, const QString &body,
                             const QString &by)
{
    model::Revision revision;
    revision.guid = guid;
    revision.rev = rev;
    revision.fields = stored(guid).fields;
    revision.fields.body = body;
    revision.modifiedBy = by;
    revision.modifiedAt = QDateTime::currentDateTimeUtc();
    auto applied = m_store->sync().upsertFromServer(blog, revision);
    QVERIFY(applied);
    QCOMPARE(*applied, store::PullOutcome::Applied);
}

std::unique_ptr<EditSession> TestEditSession::openSession(const QString &guid)
{
    auto session = std::make_unique<EditSession>(*m_store);
    session->setSaveDelay(60 * 60 * 1000); // saves only when a test asks for one
    if (!session->open(guid))
        qFatal("open failed");
    return session;
}

void TestEditSession::editsAreSavedAfterTheDelay()
{
    const model::Post post = syncedPost(QStringLiteral("body"));
    EditSession session(*m_store);
    session.setSaveDelay(0);
    QVERIFY(session.open(post.guid));
    QSignalSpy saved(&session, &EditSession::saved);
    type(session.document(), endOf(session.document()), QStringLiteral(" typed"));
    session.setTitle(QStringLiteral("New title"));

    QTRY_COMPARE(stored(post.guid).fields.body, QStringLiteral("body typed"));
    QCOMPARE(stored(post.guid).fields.title, QStringLiteral("New title"));
    QCOMPARE(stored(post.guid).syncStatus, SyncStatus::NeedsSync);
    QCOMPARE(saved.size(), 1);
    QCOMPARE(session.base(), stored(post.guid).fields);
}

void TestEditSession::saveMergesAChangeStoredInBetweenAndRetries()
{
    const model::Post post = syncedPost(QStringLiteral("first\nsecond\nthird"));
    auto session = openSession(post.guid);
    type(session->document(), endOf(session->document()), QStringLiteral(" mine"));
    // Stored with no event loop turn in between: the session has not heard of it.
    arrive(post.guid, 2, QStringLiteral("FIRST\nsecond\nthird"));

    QVERIFY(session->save());

    const QString expected = QStringLiteral("FIRST\nsecond\nthird mine");
    QCOMPARE(stored(post.guid).fields.body, expected);
    QCOMPARE(session->document()->toPlainText(), expected);
    QCOMPARE(session->state(), EditSession::State::Editing);
}

void TestEditSession::cleanIncomingChangeKeepsCursorAndUndoHistory()
{
    const model::Post post = syncedPost(QStringLiteral("first line\nsecond line\nthird line"));
    auto session = openSession(post.guid);
    QTextDocument *document = session->document();
    QTextCursor caret(document);
    caret.setPosition(document->findBlockByNumber(2).position() + 5);
    caret.insertText(QStringLiteral("XY"));
    const int steps = document->availableUndoSteps();

    arrive(post.guid, 2, QStringLiteral("FIRST LINE, EDITED ELSEWHERE\nsecond line\nthird line"));

    QTRY_COMPARE(document->toPlainText(),
                 QStringLiteral("FIRST LINE, EDITED ELSEWHERE\nsecond line\nthirdXY line"));
    QCOMPARE(caret.blockNumber(), 2);
    QCOMPARE(caret.positionInBlock(), 7);
    QVERIFY(document->availableUndoSteps() > steps); // history kept
    QCOMPARE(session->state(), EditSession::State::Editing);
    QCOMPARE(session->base(), stored(post.guid).fields);
    QVERIFY(session->save());
    QCOMPARE(stored(post.guid).fields.body, document->toPlainText());
}

void TestEditSession::editedReportsTheWritersChangesOnly()
{
    const model::Post post = syncedPost(QStringLiteral("first line\nsecond line\nthird line"));
    auto session = std::make_unique<EditSession>(*m_store);
    session->setSaveDelay(60 * 60 * 1000);
    QSignalSpy edited(session.get(), &EditSession::edited);
    QVERIFY(session->open(post.guid)); // opening fills the buffer: not an edit
    QCOMPARE(edited.size(), 0);
    type(session->document(), endOf(session->document()), QStringLiteral("!"));
    session->setTitle(QStringLiteral("Mine"));
    QCOMPARE(edited.size(), 2);
    QCOMPARE(edited.at(0).at(0).toString(), post.guid);
    // A change merged in from elsewhere is not the writer's.
    arrive(post.guid, 2, QStringLiteral("FIRST LINE\nsecond line\nthird line"));
    QTRY_COMPARE(session->document()->toPlainText(),
                 QStringLiteral("FIRST LINE\nsecond line\nthird line!"));
    QCOMPARE(edited.size(), 2);
}

void TestEditSession::incomingTitleChangeIsTakenIn()
{
    const model::Post post = syncedPost(QStringLiteral("body"));
    auto session = openSession(post.guid);
    QSignalSpy fieldsChanged(session.get(), &EditSession::fieldsChanged);
    model::Revision revision;
    revision.guid = post.guid;
    revision.rev = 2;
    revision.fields = post.fields;
    revision.fields.title = QStringLiteral("Their title");
    QVERIFY(m_store->sync().upsertFromServer(blog, revision));

    QTRY_COMPARE(fieldsChanged.size(), 1);
    QCOMPARE(session->fields().title, QStringLiteral("Their title"));
}

void TestEditSession::overlappingChangeHoldsTheBuffer()
{
    const model::Post post = syncedPost(QStringLiteral("only line"));
    auto session = openSession(post.guid);
    QSignalSpy stateChanged(session.get(), &EditSession::stateChanged);
    type(session->document(), endOf(session->document()), QStringLiteral(" mine"));

    arrive(post.guid, 2, QStringLiteral("only line theirs"));

    QTRY_COMPARE(session->state(), EditSession::State::Held);
    QVERIFY(!stateChanged.isEmpty());
    QCOMPARE(session->document()->toPlainText(), QStringLiteral("only line mine"));
    QVERIFY(session->save()); // held: nothing written, no error
    QCOMPARE(stored(post.guid).fields.body, QStringLiteral("only line theirs"));
    QCOMPARE(stored(post.guid).syncStatus, SyncStatus::Synced);
}

void TestEditSession::leavingAHeldPostStoresItAsAConflict_data()
{
    QTest::addColumn<QString>("how");
    QTest::newRow("opening another post") << QStringLiteral("switch");
    QTest::newRow("closing") << QStringLiteral("close");
    QTest::newRow("destroying the session") << QStringLiteral("destroy");
}

void TestEditSession::leavingAHeldPostStoresItAsAConflict()
{
    QFETCH(QString, how);
    const model::Post post = syncedPost(QStringLiteral("only line"));
    const model::Post other = syncedPost(QStringLiteral("another post"));
    auto session = openSession(post.guid);
    type(session->document(), endOf(session->document()), QStringLiteral(" mine"));
    arrive(post.guid, 2, QStringLiteral("only line theirs"));
    QTRY_COMPARE(session->state(), EditSession::State::Held);
    const model::PostFields buffer = session->fields();
    const model::PostFields base = session->base();
    QSignalSpy errors(session.get(), &EditSession::errorOccurred);

    if (how == u"switch") {
        QVERIFY(session->open(other.guid));
        QCOMPARE(session->guid(), other.guid);
        QCOMPARE(session->document()->toPlainText(), QStringLiteral("another post"));
    } else if (how == u"close") {
        QVERIFY(session->close());
        QCOMPARE(session->state(), EditSession::State::Closed);
    } else {
        session.reset();
    }

    const model::Post conflict = stored(post.guid);
    QCOMPARE(conflict.syncStatus, SyncStatus::Conflicted);
    QCOMPARE(conflict.fields, buffer);
    QCOMPARE(conflict.base, std::optional<model::PostFields>(base));
    QVERIFY(conflict.theirs);
    QCOMPARE(conflict.theirs->fields.body, QStringLiteral("only line theirs"));
    QCOMPARE(conflict.theirs->rev, 2);
    QCOMPARE(conflict.theirs->modifiedBy, QStringLiteral("bob"));
    QCOMPARE(errors.size(), 0);
}

void TestEditSession::theStoredConflictKeepsTheirNonOverlappingChanges()
{
    const model::Post post = syncedPost(QStringLiteral("one\ntwo\nthree"));
    auto session = openSession(post.guid);
    type(session->document(), endOf(session->document()), QStringLiteral(" mine"));
    arrive(post.guid, 2, QStringLiteral("ONE\ntwo\nthree theirs"));
    QTRY_COMPARE(session->state(), EditSession::State::Held);
    QVERIFY(session->close());

    // Keeping mine for the overlapping hunk still keeps their first line.
    const model::Post conflict = stored(post.guid);
    const merge::PostMerge merged =
            merge::mergePost({*conflict.base, false}, {conflict.fields, false},
                             {conflict.theirs->fields, conflict.theirs->deleted});
    QCOMPARE(merged.body.conflictCount(), 1);
    QCOMPARE(merged.merged.fields.body, QStringLiteral("ONE\ntwo\nthree mine"));
}

void TestEditSession::keepingMineInTheOpenPostKeepsTheirOtherChangesAndTheHistory()
{
    const model::Post post = syncedPost(QStringLiteral("one\ntwo\nthree"));
    auto session = openSession(post.guid);
    QTextDocument *document = session->document();
    type(document, endOf(document), QStringLiteral(" mine"));
    arrive(post.guid, 2, QStringLiteral("ONE\ntwo\nthree theirs"));
    QTRY_COMPARE(session->state(), EditSession::State::Held);
    QVERIFY(session->resolveHeld()); // Resolve…: the post stays open, Conflicted
    const int steps = document->availableUndoSteps();

    store::ConflictResolver resolver(*m_store);
    QVERIFY(resolver.keepMine(post.guid, stored(post.guid).theirs->rev));

    QTRY_COMPARE(document->toPlainText(), QStringLiteral("ONE\ntwo\nthree mine"));
    QVERIFY(document->availableUndoSteps() > steps);
    QCOMPARE(session->state(), EditSession::State::Editing);
    QCOMPARE(stored(post.guid).syncStatus, SyncStatus::NeedsSync);
    QVERIFY(session->save()); // nothing left to write
    QCOMPARE(stored(post.guid).fields.body, QStringLiteral("ONE\ntwo\nthree mine"));
}

void TestEditSession::resolveHeldStoresTheConflictAndStaysOpen()
{
    const model::Post post = syncedPost(QStringLiteral("only line"));
    auto session = openSession(post.guid);
    type(session->document(), endOf(session->document()), QStringLiteral(" mine"));
    arrive(post.guid, 2, QStringLiteral("only line theirs"));
    QTRY_COMPARE(session->state(), EditSession::State::Held);

    QVERIFY(session->resolveHeld());

    QCOMPARE(session->state(), EditSession::State::Editing);
    QCOMPARE(session->guid(), post.guid);
    QCOMPARE(session->post().syncStatus, SyncStatus::Conflicted);
    QCOMPARE(stored(post.guid).syncStatus, SyncStatus::Conflicted);
    QCOMPARE(stored(post.guid).fields.body, QStringLiteral("only line mine"));
    QVERIFY(session->document()->isUndoAvailable());
    // Typing on goes on editing "mine" of the conflict.
    type(session->document(), endOf(session->document()), QStringLiteral("!"));
    QVERIFY(session->save());
    QCOMPARE(stored(post.guid).fields.body, QStringLiteral("only line mine!"));
    QCOMPARE(stored(post.guid).syncStatus, SyncStatus::Conflicted);
}

void TestEditSession::deleteElsewhereWithUnsavedEditsHolds()
{
    const model::Post post = syncedPost(QStringLiteral("text"));
    auto session = openSession(post.guid);
    type(session->document(), endOf(session->document()), QStringLiteral(" unsaved"));
    QVERIFY(m_store->posts().remove(post.guid));
    QTRY_COMPARE(session->state(), EditSession::State::Held);

    QVERIFY(session->close());

    const model::Post conflict = stored(post.guid);
    QVERIFY(!conflict.deleted);
    QCOMPARE(conflict.fields.body, QStringLiteral("text unsaved"));
    QVERIFY(conflict.theirs && conflict.theirs->deleted);
    QCOMPARE(conflict.syncStatus, SyncStatus::Conflicted);
}

void TestEditSession::deleteElsewhereWithoutUnsavedEditsCloses()
{
    const model::Post post = syncedPost(QStringLiteral("text"));
    auto session = openSession(post.guid);
    QVERIFY(m_store->posts().remove(post.guid));
    QTRY_COMPARE(session->state(), EditSession::State::Deleted);
    QVERIFY(session->close());
    QVERIFY(stored(post.guid).deleted);
}

void TestEditSession::undoStopsAtAnIncomingChange()
{
    const model::Post post = syncedPost(QStringLiteral("first line\nmiddle\nlast line"));
    auto session = openSession(post.guid);
    QTextDocument *document = session->document();
    type(document, endOf(document), QStringLiteral(" mine"));
    arrive(post.guid, 2, QStringLiteral("FIRST LINE BY BOB\nmiddle\nlast line"));
    const QString merged = QStringLiteral("FIRST LINE BY BOB\nmiddle\nlast line mine");
    QTRY_COMPARE(document->toPlainText(), merged);
    type(document, endOf(document), QStringLiteral(" again"));
    QSignalSpy stopped(session.get(), &EditSession::undoStopped);

    QVERIFY(session->undo()); // the writer's own edit after the change
    QCOMPARE(document->toPlainText(), merged);
    QVERIFY(!session->undo()); // the colleague's change: stops
    QVERIFY(!session->isUndoAvailable());
    QVERIFY(!session->undo());

    QCOMPARE(document->toPlainText(), merged);
    QCOMPARE(stopped.size(), 2);
    QCOMPARE(stopped.at(0).at(0).toString(), QStringLiteral("bob"));
    QVERIFY(session->save());
    QVERIFY(stored(post.guid).fields.body.startsWith(u"FIRST LINE BY BOB"));
    // Redo and typing after the stop work as before.
    session->redo();
    QCOMPARE(document->toPlainText(), merged + QStringLiteral(" again"));
}

void TestEditSession::undoingAnIncomingChangeOnPurposeWorks()
{
    const model::Post post = syncedPost(QStringLiteral("first line\nmiddle\nlast line"));
    auto session = openSession(post.guid);
    QTextDocument *document = session->document();
    type(document, endOf(document), QStringLiteral(" mine"));
    arrive(post.guid, 2, QStringLiteral("FIRST LINE BY BOB\nmiddle\nlast line"));
    QTRY_COMPARE(document->toPlainText(),
                 QStringLiteral("FIRST LINE BY BOB\nmiddle\nlast line mine"));
    QVERIFY(!session->undo());

    session->undoIncomingChange();
    QCOMPARE(document->toPlainText(), QStringLiteral("first line\nmiddle\nlast line mine"));
    QVERIFY(session->undo()); // the writer's own edit before it
    QCOMPARE(document->toPlainText(), QStringLiteral("first line\nmiddle\nlast line"));
    // Redoing the colleague's change sets the stop again.
    session->redo();
    session->redo();
    QCOMPARE(document->toPlainText(), QStringLiteral("FIRST LINE BY BOB\nmiddle\nlast line mine"));
    QVERIFY(!session->undo());
}

void TestEditSession::takingTheirsArrivesAsCursorEditsAndKeepsUndoHistory()
{
    const model::Post post = syncedPost(QStringLiteral("one\ntwo"));
    auto session = openSession(post.guid);
    QTextDocument *document = session->document();
    type(document, endOf(document), QStringLiteral(" mine"));
    arrive(post.guid, 2, QStringLiteral("one\ntwo theirs"));
    QTRY_COMPARE(session->state(), EditSession::State::Held);
    QVERIFY(session->resolveHeld());
    const int steps = document->availableUndoSteps();
    QVERIFY(steps > 0);

    // The merge window takes theirs for the open post.
    const model::Post conflicted = stored(post.guid);
    QVERIFY(conflicted.theirs);
    store::ConflictResolver resolver(*m_store);
    QVERIFY(resolver.takeTheirs(post.guid, conflicted.theirs->rev));

    QTRY_COMPARE(document->toPlainText(), QStringLiteral("one\ntwo theirs"));
    QVERIFY(document->availableUndoSteps() > steps);
    QCOMPARE(session->state(), EditSession::State::Editing);
    QVERIFY(session->save()); // nothing of mine left to write
    QCOMPARE(stored(post.guid).fields.body, QStringLiteral("one\ntwo theirs"));
    QCOMPARE(stored(post.guid).syncStatus, SyncStatus::Synced);
    // The writer's own history is still there, behind the change.
    session->undoIncomingChange();
    QCOMPARE(document->toPlainText(), QStringLiteral("one\ntwo mine"));
}

void TestEditSession::storeErrorsAreReported()
{
    const model::Post post = syncedPost(QStringLiteral("text"));
    auto session = openSession(post.guid);
    QSignalSpy errors(session.get(), &EditSession::errorOccurred);
    session->setCover(QStringLiteral("not a hash"));

    const Result<void> saved = session->save();

    QVERIFY(!saved);
    QCOMPARE(saved.error().code, ErrorCode::InvalidArgument);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(stored(post.guid).fields, post.fields);

    // A held buffer the store refuses to keep as a conflict: the error is reported too.
    session->setCover({});
    type(session->document(), endOf(session->document()), QStringLiteral(" mine"));
    model::Revision theirs;
    theirs.guid = post.guid;
    theirs.rev = 2;
    theirs.fields = post.fields;
    QVERIFY(m_store->sync().markConflicted(post.guid, theirs));
    model::PostFields other = post.fields;
    other.body = QStringLiteral("text other");
    QVERIFY(m_store->posts().update(post.guid, other));
    QTRY_COMPARE(session->state(), EditSession::State::Held);
    QVERIFY(!session->resolveHeld());
    QCOMPARE(errors.size(), 2);
    QCOMPARE(session->state(), EditSession::State::Held);
    // Leaving still does not drop it: it becomes a new post.
    QSignalSpy savedCopy(session.get(), &EditSession::saved);
    QVERIFY(!session->close());
    QCOMPARE(savedCopy.size(), 1);
    const QString copy = savedCopy.at(0).at(0).toString();
    QVERIFY(copy != post.guid);
    QCOMPARE(stored(copy).fields.body, QStringLiteral("text mine"));
    QCOMPARE(stored(copy).blog, post.blog);
}

void TestEditSession::openingATombstoneFails()
{
    const model::Post post = syncedPost(QStringLiteral("text"));
    QVERIFY(m_store->posts().remove(post.guid));
    EditSession session(*m_store);
    const Result<void> opened = session.open(post.guid);
    QVERIFY(!opened);
    QCOMPARE(opened.error().code, ErrorCode::NotFound);
    QCOMPARE(session.state(), EditSession::State::Closed);
}

void TestEditSession::openingTheOpenPostAgainKeepsTheHeldBuffer()
{
    const model::Post post = syncedPost(QStringLiteral("only line"));
    auto session = openSession(post.guid);
    type(session->document(), endOf(session->document()), QStringLiteral(" mine"));
    arrive(post.guid, 2, QStringLiteral("only line theirs"));
    QTRY_COMPARE(session->state(), EditSession::State::Held);

    QVERIFY(session->open(post.guid)); // e.g. the list selects it again

    QCOMPARE(session->state(), EditSession::State::Held);
    QCOMPARE(session->document()->toPlainText(), QStringLiteral("only line mine"));
    QVERIFY(session->document()->isUndoAvailable());
    QCOMPARE(stored(post.guid).syncStatus, SyncStatus::Synced);
}

QTEST_MAIN(TestEditSession)
#include "tst_editsession.moc"
