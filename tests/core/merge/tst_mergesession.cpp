#include "merge/mergesession.h"

#include "mergetestutil.h"

#include <QRandomGenerator>
#include <QTest>

using namespace inkwell;
using namespace inkwell::merge;
using namespace inkwell::test;
using model::PostFields;
using model::PublishState;

namespace {

// Two conflict hunks (first and last line) around unchanged lines:
// hunks "A|A2" (conflict), "b c d" (unchanged), "E1|E2" (conflict), "" (unchanged).
const QString kBaseBody = QStringLiteral("a\nb\nc\nd\ne\n");
const QString kMineBody = QStringLiteral("A\nb\nc\nd\nE1\n");
const QString kTheirsBody = QStringLiteral("A2\nb\nc\nd\nE2\n");

MergeSession twoConflicts()
{
    return MergeSession(post(QStringLiteral("T"), kBaseBody), post(QStringLiteral("T"), kMineBody),
                        post(QStringLiteral("T"), kTheirsBody));
}

QString choiceName(HunkChoice choice)
{
    switch (choice) {
    case HunkChoice::Open:
        return QStringLiteral("open");
    case HunkChoice::Merged:
        return QStringLiteral("merged");
    case HunkChoice::Mine:
        return QStringLiteral("mine");
    case HunkChoice::Theirs:
        return QStringLiteral("theirs");
    case HunkChoice::MineThenTheirs:
        return QStringLiteral("mine+theirs");
    case HunkChoice::TheirsThenMine:
        return QStringLiteral("theirs+mine");
    case HunkChoice::Base:
        return QStringLiteral("base");
    case HunkChoice::Custom:
        break;
    }
    return QStringLiteral("custom");
}

// Every hunk's choice, Custom with its lines: "open custom[b|X] custom[] merged".
QString choicesText(const MergeSession &session)
{
    QStringList parts;
    for (qsizetype i = 0; i < session.hunkCount(); ++i) {
        QString part = choiceName(session.hunkChoice(i));
        if (session.hunkChoice(i) == HunkChoice::Custom)
            part += u'[' + session.hunkResultLines(i).join(u'|') + u']';
        parts.append(part);
    }
    return parts.join(u' ');
}

// Field choices as letters in MergeField order: O open, M merged, m mine, t theirs, b base.
QString fieldLetters(const MergeSession &session)
{
    QString letters;
    for (MergeField field : {MergeField::Title, MergeField::Tags, MergeField::State,
                             MergeField::Cover, MergeField::Deletion}) {
        switch (session.fieldChoice(field)) {
        case FieldChoice::Open:
            letters += u'O';
            break;
        case FieldChoice::Merged:
            letters += u'M';
            break;
        case FieldChoice::Mine:
            letters += u'm';
            break;
        case FieldChoice::Theirs:
            letters += u't';
            break;
        case FieldChoice::Base:
            letters += u'b';
            break;
        }
    }
    return letters;
}

// Ranges as "first+count" with a '!' for open ones: "0+1! 1+3 4+1! 5+1".
QString rangesText(const QList<ResultRange> &ranges)
{
    QStringList parts;
    for (const ResultRange &range : ranges)
        parts.append(QStringLiteral("%1+%2%3")
                             .arg(range.firstLine)
                             .arg(range.lineCount)
                             .arg(range.open ? QStringLiteral("!") : QString()));
    return parts.join(u' ');
}

} // namespace

class TestMergeSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initialChoices_data();
    void initialChoices();
    void untouchedResultIsTheAutomaticMerge_data();
    void untouchedResultIsTheAutomaticMerge();
    void hunkChoiceGivesItsLines_data();
    void hunkChoiceGivesItsLines();
    void cleanHunkCanBeOverridden();
    void openAndMergedOnlyWhereTheyApply();
    void customLinesEmptyRemovesOneBlankLineStays_data();
    void customLinesEmptyRemovesOneBlankLineStays();
    void chooseCustomStartsFromTheShownLines();
    void resultRangesFollowChoices();
    void fieldChoicesPickTheirSide_data();
    void fieldChoicesPickTheirSide();
    void editResultBodyBecomesCustomLines_data();
    void editResultBodyBecomesCustomLines();
    void editResultBodyRoundTripsRandomEdits();
    void unresolvedCountAndResolvedErrors();
    void resolvedErrorNamesWhatIsOpen_data();
    void resolvedErrorNamesWhatIsOpen();
    void navigationWrapsAround();
    void undoRedoOfChoices();
    void sameChoiceAgainIsNoUndoStep();
    void chooseAllOpenIsOneUndoStep();
    void chooseAllOpenMineKeepsTheirCleanChanges();
    void chooseAllOpenTheirsKeepsMyCleanChanges();
    void deletionChoices_data();
    void deletionChoices();
    void carryHunkChoices_data();
    void carryHunkChoices();
    void carryFieldChoices_data();
    void carryFieldChoices();
    void carriedChoicesAreOneUndoStepEach();
};

void TestMergeSession::initialChoices_data()
{
    QTest::addColumn<Version>("base");
    QTest::addColumn<Version>("mine");
    QTest::addColumn<Version>("theirs");
    QTest::addColumn<QString>("fields"); // Title Tags State Cover Deletion
    QTest::addColumn<QString>("hunks");
    QTest::addColumn<int>("unresolved");

    const QString body = QStringLiteral("one\n\ntwo\n\nthree\n");
    const Version base = post(QStringLiteral("Title"), body, {QStringLiteral("a")});
    QTest::newRow("nothing changed") << base << base << base << "MMMMM"
                                     << "merged" << 0;
    QTest::newRow("clean field and body changes")
            << base << post(QStringLiteral("Mine"), QStringLiteral("ONE\n\ntwo\n\nthree\n"))
            << post(QStringLiteral("Title"), QStringLiteral("one\n\ntwo\n\nTHREE\n"),
                    {QStringLiteral("a"), QStringLiteral("t")})
            << "MMMMM"
            << "merged merged merged merged" << 0;
    QTest::newRow("title conflict") << base << post(QStringLiteral("Mine"), body)
                                    << post(QStringLiteral("Theirs"), body) << "OMMMM"
                                    << "merged" << 1;
    QTest::newRow("cover conflict") << base << post(QStringLiteral("Title"), body, {}, kCoverB)
                                    << post(QStringLiteral("Title"), body, {}, kCoverC) << "MMMOM"
                                    << "merged" << 1;
    QTest::newRow("tags never conflict")
            << base << post(QStringLiteral("Title"), body, {QStringLiteral("m")})
            << post(QStringLiteral("Title"), body, {QStringLiteral("t")}) << "MMMMM"
            << "merged" << 0;
    QTest::newRow("body conflicts are open")
            << post(QStringLiteral("T"), kBaseBody) << post(QStringLiteral("T"), kMineBody)
            << post(QStringLiteral("T"), kTheirsBody) << "MMMMM"
            << "open merged open merged" << 2;
    QTest::newRow("mine deleted, theirs edited")
            << base << deletedCopy(base)
            << post(QStringLiteral("Title"), QStringLiteral("one\n\ntwo\n\nTHREE\n")) << "MMMMO"
            << "merged merged merged" << 1;
    QTest::newRow("theirs deleted, mine edited")
            << base << post(QStringLiteral("Edited"), body) << deletedCopy(base) << "MMMMO"
            << "merged" << 1;
    QTest::newRow("both deleted") << base << deletedCopy(base) << deletedCopy(base) << "MMMMM"
                                  << "merged" << 0;
}

void TestMergeSession::initialChoices()
{
    QFETCH(Version, base);
    QFETCH(Version, mine);
    QFETCH(Version, theirs);
    QFETCH(QString, fields);
    QFETCH(QString, hunks);
    QFETCH(int, unresolved);

    const MergeSession session(base, mine, theirs);
    QCOMPARE(fieldLetters(session), fields);
    QCOMPARE(choicesText(session), hunks);
    QCOMPARE(session.unresolvedCount(), unresolved);
    QCOMPARE(session.isResolved(), unresolved == 0);
    for (MergeField field : {MergeField::Title, MergeField::Tags, MergeField::State,
                             MergeField::Cover, MergeField::Deletion}) {
        QCOMPARE(session.isConflicting(field), session.fieldChoice(field) == FieldChoice::Open);
    }
    QCOMPARE(session.canUndo(), false);
    QCOMPARE(session.canRedo(), false);
}

void TestMergeSession::untouchedResultIsTheAutomaticMerge_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("mine");
    QTest::addColumn<QString>("theirs");
    QTest::newRow("mine changed, CRLF kept verbatim") << "a\r\nb\r\n"
                                                      << "a\r\nB\r\n"
                                                      << "a\r\nb\r\n";
    QTest::newRow("theirs only converted line endings") << "a\r\nb\r\n"
                                                        << "a\r\nb\r\n"
                                                        << "a\nb\n";
    QTest::newRow("clean merge of both") << "one\n\ntwo\n"
                                         << "ONE\n\ntwo\n"
                                         << "one\n\nTWO\n";
    QTest::newRow("with conflicts, mine shows") << kBaseBody << kMineBody << kTheirsBody;
    QTest::newRow("no final newline") << "a"
                                      << "b"
                                      << "a";
}

void TestMergeSession::untouchedResultIsTheAutomaticMerge()
{
    QFETCH(QString, base);
    QFETCH(QString, mine);
    QFETCH(QString, theirs);
    const MergeSession session(post(QStringLiteral("T"), base), post(QStringLiteral("T"), mine),
                               post(QStringLiteral("T"), theirs));
    QCOMPARE(session.resultBody(), session.merge().merged.fields.body);
    QCOMPARE(session.result(), session.merge().merged);
    // The ranges describe the result's lines.
    qsizetype lines = 0;
    for (const ResultRange &range : session.resultRanges()) {
        QCOMPARE(range.firstLine, lines);
        lines += range.lineCount;
    }
    QCOMPARE(lines, splitLines(session.resultBody()).size());
}

void TestMergeSession::hunkChoiceGivesItsLines_data()
{
    QTest::addColumn<int>("choice");
    QTest::addColumn<QStringList>("lines");
    QTest::addColumn<QString>("body");
    QTest::addColumn<int>("unresolved");
    const QString mine = QStringLiteral("mine");
    const QString theirs = QStringLiteral("theirs");
    QTest::newRow("open shows mine") << int(HunkChoice::Open) << QStringList{mine} << "a\nmine\nc\n"
                                     << 1;
    QTest::newRow("mine") << int(HunkChoice::Mine) << QStringList{mine} << "a\nmine\nc\n" << 0;
    QTest::newRow("theirs") << int(HunkChoice::Theirs) << QStringList{theirs} << "a\ntheirs\nc\n"
                            << 0;
    QTest::newRow("mine then theirs") << int(HunkChoice::MineThenTheirs)
                                      << QStringList{mine, theirs} << "a\nmine\ntheirs\nc\n"
                                      << 0;
    QTest::newRow("theirs then mine") << int(HunkChoice::TheirsThenMine)
                                      << QStringList{theirs, mine} << "a\ntheirs\nmine\nc\n"
                                      << 0;
    QTest::newRow("base") << int(HunkChoice::Base) << QStringList{QStringLiteral("b")}
                          << "a\nb\nc\n"
                          << 0;
    QTest::newRow("custom keeps the shown lines")
            << int(HunkChoice::Custom) << QStringList{mine} << "a\nmine\nc\n"
            << 0;
}

void TestMergeSession::hunkChoiceGivesItsLines()
{
    QFETCH(int, choice);
    QFETCH(QStringList, lines);
    QFETCH(QString, body);
    QFETCH(int, unresolved);
    MergeSession session(post(QStringLiteral("T"), QStringLiteral("a\nb\nc\n")),
                         post(QStringLiteral("T"), QStringLiteral("a\nmine\nc\n")),
                         post(QStringLiteral("T"), QStringLiteral("a\ntheirs\nc\n")));
    QCOMPARE(choicesText(session), QStringLiteral("merged open merged"));
    session.chooseHunk(1, HunkChoice(choice));
    QCOMPARE(session.hunkChoice(1), HunkChoice(choice));
    QCOMPARE(session.hunkResultLines(1), lines);
    QCOMPARE(session.resultBody(), body);
    QCOMPARE(session.result().fields.body, body);
    QCOMPARE(session.unresolvedCount(), unresolved);
}

void TestMergeSession::cleanHunkCanBeOverridden()
{
    // Mine changed the first paragraph, theirs the last: both merge cleanly.
    MergeSession session(post(QStringLiteral("T"), QStringLiteral("one\n\ntwo\n\nthree\n")),
                         post(QStringLiteral("T"), QStringLiteral("ONE\n\ntwo\n\nthree\n")),
                         post(QStringLiteral("T"), QStringLiteral("one\n\ntwo\n\nTHREE\n")));
    QCOMPARE(choicesText(session), QStringLiteral("merged merged merged merged"));
    QCOMPARE(session.resultBody(), QStringLiteral("ONE\n\ntwo\n\nTHREE\n"));
    session.chooseHunk(0, HunkChoice::Base);
    QCOMPARE(session.resultBody(), QStringLiteral("one\n\ntwo\n\nTHREE\n"));
    session.chooseHunk(2, HunkChoice::Mine);
    QCOMPARE(session.resultBody(), QStringLiteral("one\n\ntwo\n\nthree\n"));
    session.chooseHunk(1, HunkChoice::MineThenTheirs); // an unchanged hunk, doubled
    QCOMPARE(session.resultBody(), QStringLiteral("one\n\ntwo\n\n\ntwo\n\nthree\n"));
    session.chooseHunk(1, HunkChoice::Merged);
    session.chooseHunk(0, HunkChoice::Merged);
    session.chooseHunk(2, HunkChoice::Merged);
    QCOMPARE(session.resultBody(), QStringLiteral("ONE\n\ntwo\n\nTHREE\n"));
    QCOMPARE(session.unresolvedCount(), 0);
}

void TestMergeSession::openAndMergedOnlyWhereTheyApply()
{
    MergeSession session = twoConflicts();
    session.chooseHunk(1, HunkChoice::Open); // a clean hunk cannot be open
    session.chooseHunk(0, HunkChoice::Merged); // a conflict has no automatic merge
    session.chooseHunk(4, HunkChoice::Mine); // out of range
    session.chooseField(MergeField::Title, FieldChoice::Open); // no title conflict
    session.chooseField(MergeField::Deletion, FieldChoice::Mine); // no delete conflict
    QCOMPARE(choicesText(session), QStringLiteral("open merged open merged"));
    QCOMPARE(fieldLetters(session), QStringLiteral("MMMMM"));
    QVERIFY(!session.canUndo());
    // A chosen conflict hunk can be opened again.
    session.chooseHunk(0, HunkChoice::Theirs);
    session.chooseHunk(0, HunkChoice::Open);
    QCOMPARE(choicesText(session), QStringLiteral("open merged open merged"));
}

void TestMergeSession::customLinesEmptyRemovesOneBlankLineStays_data()
{
    QTest::addColumn<QStringList>("lines");
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("ranges");
    QTest::newRow("no lines remove the region") << QStringList() << "a\nc\n"
                                                << "0+1 1+0 1+2";
    QTest::newRow("one empty line is one blank line") << QStringList{QString()} << "a\n\nc\n"
                                                      << "0+1 1+1 2+2";
    QTest::newRow("two blank lines") << QStringList{QString(), QString()} << "a\n\n\nc\n"
                                     << "0+1 1+2 3+2";
    QTest::newRow("several lines")
            << QStringList{QStringLiteral("x"), QStringLiteral("y")} << "a\nx\ny\nc\n"
            << "0+1 1+2 3+2";
}

void TestMergeSession::customLinesEmptyRemovesOneBlankLineStays()
{
    QFETCH(QStringList, lines);
    QFETCH(QString, body);
    QFETCH(QString, ranges);
    MergeSession session(post(QStringLiteral("T"), QStringLiteral("a\nb\nc\n")),
                         post(QStringLiteral("T"), QStringLiteral("a\nmine\nc\n")),
                         post(QStringLiteral("T"), QStringLiteral("a\ntheirs\nc\n")));
    session.setHunkLines(1, lines);
    QCOMPARE(session.hunkChoice(1), HunkChoice::Custom);
    QCOMPARE(session.hunkResultLines(1), lines);
    QCOMPARE(session.resultBody(), body);
    QCOMPARE(rangesText(session.resultRanges()), ranges);
    QVERIFY(session.isResolved());
    QCOMPARE(session.resolved().value().fields.body, body);
}

void TestMergeSession::chooseCustomStartsFromTheShownLines()
{
    MergeSession session = twoConflicts();
    session.chooseHunk(0, HunkChoice::MineThenTheirs);
    session.chooseHunk(0, HunkChoice::Custom);
    QCOMPARE(choicesText(session), QStringLiteral("custom[A|A2] merged open merged"));
    session.setHunkLines(0, {QStringLiteral("mixed")});
    session.chooseHunk(0, HunkChoice::Custom); // already custom: keeps the edited lines
    QCOMPARE(choicesText(session), QStringLiteral("custom[mixed] merged open merged"));
}

void TestMergeSession::resultRangesFollowChoices()
{
    MergeSession session = twoConflicts();
    QCOMPARE(rangesText(session.resultRanges()), QStringLiteral("0+1! 1+3 4+1! 5+1"));
    session.chooseHunk(0, HunkChoice::MineThenTheirs);
    QCOMPARE(rangesText(session.resultRanges()), QStringLiteral("0+2 2+3 5+1! 6+1"));
    QCOMPARE(session.resultBody(), QStringLiteral("A\nA2\nb\nc\nd\nE1\n"));
    session.setHunkLines(1, {});
    QCOMPARE(rangesText(session.resultRanges()), QStringLiteral("0+2 2+0 2+1! 3+1"));
    QCOMPARE(session.resultBody(), QStringLiteral("A\nA2\nE1\n"));
    session.chooseHunk(2, HunkChoice::Theirs);
    QCOMPARE(rangesText(session.resultRanges()), QStringLiteral("0+2 2+0 2+1 3+1"));
    QCOMPARE(session.resultBody(), QStringLiteral("A\nA2\nE2\n"));
}

void TestMergeSession::fieldChoicesPickTheirSide_data()
{
    QTest::addColumn<int>("field");
    QTest::addColumn<int>("choice");
    QTest::addColumn<Version>("expected");

    // base: title B, tags [a], cover A; mine: title M, tags [a, m]; theirs: title T, cover C.
    const QString body = QStringLiteral("text\n");
    const QStringList mergedTags{QStringLiteral("a"), QStringLiteral("m")};
    QTest::newRow("title open shows mine") << int(MergeField::Title) << int(FieldChoice::Open)
                                           << post(QStringLiteral("M"), body, mergedTags, kCoverC);
    QTest::newRow("title theirs") << int(MergeField::Title) << int(FieldChoice::Theirs)
                                  << post(QStringLiteral("T"), body, mergedTags, kCoverC);
    QTest::newRow("title base") << int(MergeField::Title) << int(FieldChoice::Base)
                                << post(QStringLiteral("B"), body, mergedTags, kCoverC);
    QTest::newRow("cover overridden with mine")
            << int(MergeField::Cover) << int(FieldChoice::Mine)
            << post(QStringLiteral("M"), body, mergedTags, kCoverA);
    QTest::newRow("tags theirs") << int(MergeField::Tags) << int(FieldChoice::Theirs)
                                 << post(QStringLiteral("M"), body, {QStringLiteral("a")}, kCoverC);
    QTest::newRow("tags base") << int(MergeField::Tags) << int(FieldChoice::Base)
                               << post(QStringLiteral("M"), body, {QStringLiteral("a")}, kCoverC);
    QTest::newRow("tags mine") << int(MergeField::Tags) << int(FieldChoice::Mine)
                               << post(QStringLiteral("M"), body, mergedTags, kCoverC);
}

void TestMergeSession::fieldChoicesPickTheirSide()
{
    QFETCH(int, field);
    QFETCH(int, choice);
    QFETCH(Version, expected);
    const QString body = QStringLiteral("text\n");
    MergeSession session(
            post(QStringLiteral("B"), body, {QStringLiteral("a")}),
            post(QStringLiteral("M"), body, {QStringLiteral("a"), QStringLiteral("m")}),
            post(QStringLiteral("T"), body, {QStringLiteral("a")}, kCoverC));
    QCOMPARE(fieldLetters(session), QStringLiteral("OMMMM"));
    session.chooseField(MergeField(field), FieldChoice(choice));
    QCOMPARE(session.fieldChoice(MergeField(field)), FieldChoice(choice));
    QCOMPARE(session.result(), expected);
}

void TestMergeSession::editResultBodyBecomesCustomLines_data()
{
    QTest::addColumn<bool>("resolveFirst"); // chooseAllOpen(Mine) before the edit
    QTest::addColumn<QString>("body"); // the whole result after the writer's edit
    QTest::addColumn<QString>("choices");
    QTest::addColumn<int>("unresolved");

    // The result starts as "A\nb\nc\nd\nE1\n": hunks [A]! [b c d] [E1]! [""].
    QTest::newRow("inside an unchanged hunk") << false << "A\nB\nc\nd\nE1\n"
                                              << "open custom[B|c|d] open merged" << 2;
    QTest::newRow("inside an open hunk resolves it") << false << "A!\nb\nc\nd\nE1\n"
                                                     << "custom[A!] merged open merged" << 1;
    QTest::newRow("lines removed inside a hunk") << false << "A\nb\nE1\n"
                                                 << "open custom[b] open merged" << 2;
    QTest::newRow("across hunks: the first gets the lines, the others none")
            << false << "A\nb\nX\n"
            << "open custom[b|X] custom[] merged" << 1;
    QTest::newRow("across all hunks") << false << "new\n"
                                      << "custom[new] custom[] custom[] merged" << 0;
    QTest::newRow("everything deleted") << false << ""
                                        << "custom[] custom[] custom[] merged" << 0;
    QTest::newRow("insertion at a boundary goes to the open hunk before")
            << false << "A\nnew\nb\nc\nd\nE1\n"
            << "custom[A|new] merged open merged" << 1;
    QTest::newRow("insertion at a boundary goes to the open hunk after")
            << false << "A\nb\nc\nd\nnew\nE1\n"
            << "open merged custom[new|E1] merged" << 1;
    QTest::newRow("insertion at a boundary without open hunk goes before")
            << true << "A\nb\nc\nd\nnew\nE1\n"
            << "mine custom[b|c|d|new] mine merged" << 0;
    QTest::newRow("insertion at the start") << true << "top\nA\nb\nc\nd\nE1\n"
                                            << "custom[top|A] merged mine merged" << 0;
    QTest::newRow("appended at the end") << true << "A\nb\nc\nd\nE1\nlast"
                                         << "mine merged mine custom[last]" << 0;
}

void TestMergeSession::editResultBodyBecomesCustomLines()
{
    QFETCH(bool, resolveFirst);
    QFETCH(QString, body);
    QFETCH(QString, choices);
    QFETCH(int, unresolved);
    MergeSession session = twoConflicts();
    if (resolveFirst)
        session.chooseAllOpen(FieldChoice::Mine);
    const QString before = session.resultBody();
    const bool couldUndo = session.canUndo();
    session.editResultBody(body);
    QCOMPARE(choicesText(session), choices);
    QCOMPARE(session.resultBody(), body);
    QCOMPARE(session.unresolvedCount(), unresolved);
    // One undo step back to the result before the edit.
    session.undo();
    QCOMPARE(session.resultBody(), before);
    QCOMPARE(session.canUndo(), couldUndo);
    session.redo();
    QCOMPARE(session.resultBody(), body);
}

// Random choices, then random line edits of the whole result: the result is always what the writer
// typed, and the ranges always cover its lines.
void TestMergeSession::editResultBodyRoundTripsRandomEdits()
{
    for (quint32 seed = 1; seed <= 500; ++seed) {
        QRandomGenerator random(seed);
        const QStringList base = randomLines(random);
        MergeSession session(post(QStringLiteral("T"), joinLines(base)),
                             post(QStringLiteral("T"), joinLines(randomLineEdits(random, base))),
                             post(QStringLiteral("T"), joinLines(randomLineEdits(random, base))));
        for (qsizetype i = 0; i < session.hunkCount(); ++i) {
            if (random.bounded(2))
                session.chooseHunk(i, HunkChoice(2 + random.bounded(5)));
        }
        for (int round = 0; round < 3; ++round) {
            const QString edited =
                    joinLines(randomLineEdits(random, splitLines(session.resultBody())));
            session.editResultBody(edited);
            QVERIFY2(session.resultBody() == edited, qPrintable(QString::number(seed)));
            qsizetype lines = 0;
            for (const ResultRange &range : session.resultRanges()) {
                QVERIFY2(range.firstLine == lines, qPrintable(QString::number(seed)));
                lines += range.lineCount;
            }
            QStringList shown;
            for (qsizetype i = 0; i < session.hunkCount(); ++i)
                shown += session.hunkResultLines(i);
            QVERIFY2(joinLines(shown) == edited, qPrintable(QString::number(seed)));
        }
    }
}

void TestMergeSession::unresolvedCountAndResolvedErrors()
{
    MergeSession session(post(QStringLiteral("B"), kBaseBody), post(QStringLiteral("M"), kMineBody),
                         post(QStringLiteral("T"), kTheirsBody));
    QCOMPARE(session.unresolvedCount(), 3);
    Result<Version> resolved = session.resolved();
    QVERIFY(!resolved.hasValue());
    QCOMPARE(resolved.error().code, ErrorCode::InvalidArgument);
    QCOMPARE(resolved.error().message,
             QStringLiteral("2 body hunks and the title are not resolved"));
    session.chooseHunk(0, HunkChoice::Theirs);
    QCOMPARE(session.unresolvedCount(), 2);
    QCOMPARE(session.resolved().error().message,
             QStringLiteral("1 body hunk and the title are not resolved"));
    session.chooseHunk(2, HunkChoice::Mine);
    QCOMPARE(session.resolved().error().message, QStringLiteral("the title is not resolved"));
    session.chooseField(MergeField::Title, FieldChoice::Theirs);
    QCOMPARE(session.unresolvedCount(), 0);
    resolved = session.resolved();
    QVERIFY(resolved.hasValue());
    QCOMPARE(resolved.value().fields.title, QStringLiteral("T"));
    QCOMPARE(resolved.value().fields.body, QStringLiteral("A2\nb\nc\nd\nE1\n"));
    QCOMPARE(resolved.value().deleted, false);
}

void TestMergeSession::resolvedErrorNamesWhatIsOpen_data()
{
    QTest::addColumn<Version>("mine");
    QTest::addColumn<Version>("theirs");
    QTest::addColumn<QString>("message");
    const QString body = QStringLiteral("text\n");
    QTest::newRow("one hunk") << post(QStringLiteral("B"), QStringLiteral("mine\n"))
                              << post(QStringLiteral("B"), QStringLiteral("theirs\n"))
                              << "1 body hunk is not resolved";
    QTest::newRow("title and cover") << post(QStringLiteral("M"), body, {}, kCoverB)
                                     << post(QStringLiteral("T"), body, {}, kCoverC)
                                     << "the title and the cover are not resolved";
    QTest::newRow("hunk, title and cover")
            << post(QStringLiteral("M"), QStringLiteral("mine\n"), {}, kCoverB)
            << post(QStringLiteral("T"), QStringLiteral("theirs\n"), {}, kCoverC)
            << "1 body hunk, the title and the cover are not resolved";
    QTest::newRow("edit versus delete")
            << deletedCopy(post(QStringLiteral("B"), body)) << post(QStringLiteral("T"), body)
            << "the deletion is not resolved";
}

void TestMergeSession::resolvedErrorNamesWhatIsOpen()
{
    QFETCH(Version, mine);
    QFETCH(Version, theirs);
    QFETCH(QString, message);
    const MergeSession session(post(QStringLiteral("B"), QStringLiteral("text\n")), mine, theirs);
    const Result<Version> resolved = session.resolved();
    QVERIFY(!resolved.hasValue());
    QCOMPARE(resolved.error().code, ErrorCode::InvalidArgument);
    QCOMPARE(resolved.error().message, message);
}

void TestMergeSession::navigationWrapsAround()
{
    MergeSession session = twoConflicts(); // open hunks 0 and 2 of 4
    QCOMPARE(session.nextOpenHunk(-1), 0);
    QCOMPARE(session.nextOpenHunk(0), 2);
    QCOMPARE(session.nextOpenHunk(1), 2);
    QCOMPARE(session.nextOpenHunk(2), 0);
    QCOMPARE(session.nextOpenHunk(3), 0);
    QCOMPARE(session.previousOpenHunk(-1), 2);
    QCOMPARE(session.previousOpenHunk(3), 2);
    QCOMPARE(session.previousOpenHunk(2), 0);
    QCOMPARE(session.previousOpenHunk(0), 2);
    session.chooseHunk(0, HunkChoice::Mine);
    QCOMPARE(session.nextOpenHunk(2), 2); // the only open one
    QCOMPARE(session.previousOpenHunk(2), 2);
    QCOMPARE(session.nextOpenHunk(-1), 2);
    session.chooseHunk(2, HunkChoice::Mine);
    QCOMPARE(session.nextOpenHunk(-1), -1);
    QCOMPARE(session.previousOpenHunk(-1), -1);
    QCOMPARE(MergeSession().nextOpenHunk(-1), -1);
}

void TestMergeSession::undoRedoOfChoices()
{
    MergeSession session = twoConflicts();
    session.chooseHunk(0, HunkChoice::Mine);
    session.chooseHunk(2, HunkChoice::Theirs);
    session.setHunkLines(1, {QStringLiteral("x")});
    QCOMPARE(choicesText(session), QStringLiteral("mine custom[x] theirs merged"));
    session.undo();
    QCOMPARE(choicesText(session), QStringLiteral("mine merged theirs merged"));
    session.undo();
    QCOMPARE(choicesText(session), QStringLiteral("mine merged open merged"));
    QVERIFY(session.canRedo());
    session.redo();
    QCOMPARE(choicesText(session), QStringLiteral("mine merged theirs merged"));
    session.undo();
    session.undo();
    QCOMPARE(choicesText(session), QStringLiteral("open merged open merged"));
    QVERIFY(!session.canUndo());
    session.undo(); // nothing left: no change
    QCOMPARE(choicesText(session), QStringLiteral("open merged open merged"));
    QVERIFY(session.canRedo());
    // A new choice clears what could be redone.
    session.chooseField(MergeField::Tags, FieldChoice::Theirs);
    QVERIFY(!session.canRedo());
    session.redo();
    QCOMPARE(choicesText(session), QStringLiteral("open merged open merged"));
    QCOMPARE(session.fieldChoice(MergeField::Tags), FieldChoice::Theirs);
    session.undo();
    QCOMPARE(session.fieldChoice(MergeField::Tags), FieldChoice::Merged);
    QVERIFY(!session.canUndo());
}

void TestMergeSession::sameChoiceAgainIsNoUndoStep()
{
    MergeSession session = twoConflicts();
    session.chooseHunk(0, HunkChoice::Theirs);
    session.chooseHunk(0, HunkChoice::Theirs);
    session.setHunkLines(2, {QString()});
    session.setHunkLines(2, {QString()});
    session.editResultBody(session.resultBody());
    session.chooseAllOpen(FieldChoice::Mine); // nothing open any more
    session.undo();
    session.undo();
    QVERIFY(!session.canUndo());
    QCOMPARE(choicesText(session), QStringLiteral("open merged open merged"));
}

void TestMergeSession::chooseAllOpenIsOneUndoStep()
{
    MergeSession session(post(QStringLiteral("B"), kBaseBody), post(QStringLiteral("M"), kMineBody),
                         post(QStringLiteral("T"), kTheirsBody));
    session.chooseHunk(2, HunkChoice::Base);
    session.chooseAllOpen(FieldChoice::Theirs);
    QCOMPARE(choicesText(session), QStringLiteral("theirs merged base merged"));
    QCOMPARE(fieldLetters(session), QStringLiteral("tMMMM"));
    QVERIFY(session.isResolved());
    session.undo();
    QCOMPARE(choicesText(session), QStringLiteral("open merged base merged"));
    QCOMPARE(fieldLetters(session), QStringLiteral("OMMMM"));
    session.undo();
    QVERIFY(!session.canUndo());
}

namespace {

// Base with three paragraphs; mine edits the first and third, theirs the second and third, and
// both change the title. Theirs also changes the cover and adds a tag (clean changes).
struct ThreeParagraphs
{
    Version base = post(QStringLiteral("Title"), QStringLiteral("one\n\ntwo\n\nthree\n"),
                        {QStringLiteral("a")});
    Version mine = post(QStringLiteral("My title"), QStringLiteral("ONE\n\ntwo\n\nmy three\n"),
                        {QStringLiteral("a")});
    Version theirs =
            post(QStringLiteral("Their title"), QStringLiteral("one\n\nTWO\n\ntheir three\n"),
                 {QStringLiteral("a"), QStringLiteral("t")}, kCoverB);
};

} // namespace

void TestMergeSession::chooseAllOpenMineKeepsTheirCleanChanges()
{
    const ThreeParagraphs sides;
    MergeSession session(sides.base, sides.mine, sides.theirs);
    QCOMPARE(session.unresolvedCount(), 2);
    session.chooseAllOpen(FieldChoice::Mine);
    const Result<Version> resolved = session.resolved();
    QVERIFY(resolved.hasValue());
    const Version expected =
            post(QStringLiteral("My title"), QStringLiteral("ONE\n\nTWO\n\nmy three\n"),
                 {QStringLiteral("a"), QStringLiteral("t")}, kCoverB);
    QCOMPARE(resolved.value(), expected);
}

void TestMergeSession::chooseAllOpenTheirsKeepsMyCleanChanges()
{
    const ThreeParagraphs sides;
    MergeSession session(sides.base, sides.mine, sides.theirs);
    session.chooseAllOpen(FieldChoice::Theirs);
    const Version expected =
            post(QStringLiteral("Their title"), QStringLiteral("ONE\n\nTWO\n\ntheir three\n"),
                 {QStringLiteral("a"), QStringLiteral("t")}, kCoverB);
    QCOMPARE(session.resolved().value(), expected);
}

void TestMergeSession::deletionChoices_data()
{
    QTest::addColumn<bool>("mineDeleted"); // else theirs deleted
    QTest::addColumn<int>("choice");
    QTest::addColumn<bool>("deleted");

    QTest::newRow("I deleted, they edited: mine stays deleted")
            << true << int(FieldChoice::Mine) << true;
    QTest::newRow("I deleted, they edited: theirs is alive with their edits")
            << true << int(FieldChoice::Theirs) << false;
    QTest::newRow("they deleted, I edited: mine restores with my edits")
            << false << int(FieldChoice::Mine) << false;
    QTest::newRow("they deleted, I edited: theirs accepts the delete")
            << false << int(FieldChoice::Theirs) << true;
}

void TestMergeSession::deletionChoices()
{
    QFETCH(bool, mineDeleted);
    QFETCH(int, choice);
    QFETCH(bool, deleted);
    const Version base = post(QStringLiteral("Title"), QStringLiteral("one\n\ntwo\n"));
    const Version edited = post(QStringLiteral("Edited"), QStringLiteral("one\n\nTWO\n"));
    const Version tombstone = deletedCopy(post(QString(), QString(), {}, QString()));
    MergeSession session(base, mineDeleted ? tombstone : edited, mineDeleted ? edited : tombstone);
    QVERIFY(session.isConflicting(MergeField::Deletion));
    QCOMPARE(session.fieldChoice(MergeField::Deletion), FieldChoice::Open);
    QCOMPARE(session.unresolvedCount(), 1);
    session.chooseField(MergeField::Deletion, FieldChoice::Base); // not a side: ignored
    QCOMPARE(session.fieldChoice(MergeField::Deletion), FieldChoice::Open);
    QCOMPARE(session.result().deleted, mineDeleted); // open shows mine's state

    session.chooseField(MergeField::Deletion, FieldChoice(choice));
    const Result<Version> resolved = session.resolved();
    QVERIFY(resolved.hasValue());
    QCOMPARE(resolved.value().deleted, deleted);
    if (!deleted)
        QCOMPARE(resolved.value(), edited);
    else
        QCOMPARE(resolved.value().fields.title, QStringLiteral("Edited")); // the shown fields
}

namespace {

// Applies "mine - custom" style choices by hunk index: '-' leaves the hunk alone, "custom" sets
// the lines {"X"}, any other word is a choiceName().
void applyHunkChoices(MergeSession &session, const QString &choices)
{
    const QStringList words = choices.split(u' ', Qt::SkipEmptyParts);
    for (qsizetype i = 0; i < words.size(); ++i) {
        if (words[i] == u'-')
            continue;
        if (words[i] == QStringLiteral("custom")) {
            session.setHunkLines(i, {QStringLiteral("X")});
            continue;
        }
        for (int choice = int(HunkChoice::Open); choice <= int(HunkChoice::Custom); ++choice) {
            if (choiceName(HunkChoice(choice)) == words[i])
                session.chooseHunk(i, HunkChoice(choice));
        }
    }
}

// Applies field choices as letters in MergeField order: m mine, t theirs, b base, '.' none.
void applyFieldChoices(MergeSession &session, const QString &letters)
{
    const MergeField fields[] = {MergeField::Title, MergeField::Tags, MergeField::State,
                                 MergeField::Cover, MergeField::Deletion};
    for (qsizetype i = 0; i < letters.size() && i < qsizetype(std::size(fields)); ++i) {
        if (letters[i] == u'm')
            session.chooseField(fields[i], FieldChoice::Mine);
        else if (letters[i] == u't')
            session.chooseField(fields[i], FieldChoice::Theirs);
        else if (letters[i] == u'b')
            session.chooseField(fields[i], FieldChoice::Base);
    }
}

// Two equal conflict hunks (a|A|A2) around unchanged lines.
const QString kTwinBase = QStringLiteral("a\nb\nc\nd\na\n");
const QString kTwinMine = QStringLiteral("A\nb\nc\nd\nA\n");
const QString kTwinTheirs = QStringLiteral("A2\nb\nc\nd\nA2\n");

} // namespace

void TestMergeSession::carryHunkChoices_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("mine");
    QTest::addColumn<QString>("theirs");
    QTest::addColumn<QString>("choices"); // made in the old merge
    QTest::addColumn<QString>("newTheirs");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("kept");
    QTest::addColumn<int>("dropped");

    QTest::newRow("theirs unchanged: every choice kept")
            << kBaseBody << kMineBody << kTheirsBody << "mine - theirs" << kTheirsBody
            << "mine merged theirs merged" << 2 << 0;
    QTest::newRow("last hunk changed: its choice dropped, the first kept")
            << kBaseBody << kMineBody << kTheirsBody << "mine - theirs"
            << "A2\nb\nc\nd\nE3\n"
            << "mine merged open merged" << 1 << 1;
    QTest::newRow("first hunk changed: its choice dropped, the last kept")
            << kBaseBody << kMineBody << kTheirsBody << "mine - theirs"
            << "A3\nb\nc\nd\nE2\n"
            << "open merged theirs merged" << 1 << 1;
    QTest::newRow("custom lines carried")
            << kBaseBody << kMineBody << kTheirsBody << "custom - base" << kTheirsBody
            << "custom[X] merged base merged" << 2 << 0;
    QTest::newRow("custom lines of a changed hunk dropped")
            << kBaseBody << kMineBody << kTheirsBody << "custom - theirs+mine"
            << "A3\nb\nc\nd\nE2\n"
            << "open merged theirs+mine merged" << 1 << 1;
    QTest::newRow("override of an unchanged hunk kept")
            << kBaseBody << kMineBody << kTheirsBody << "- custom -"
            << "A3\nb\nc\nd\nE2\n"
            << "open custom[X] open merged" << 1 << 0;
    QTest::newRow("open and merged hunks carry nothing")
            << kBaseBody << kMineBody << kTheirsBody << "- - -"
            << "A3\nb\nc\nd\nE3\n"
            << "open merged open merged" << 0 << 0;
    QTest::newRow("equal hunks matched in order")
            << kTwinBase << kTwinMine << kTwinTheirs << "mine - theirs" << kTwinTheirs
            << "mine merged theirs merged" << 2 << 0;
    // The first choice finds its hunk only in second place; nothing follows for the second one.
    QTest::newRow("a match never goes back before the last one")
            << kTwinBase << kTwinMine << kTwinTheirs << "mine - theirs"
            << "A3\nb\nc\nd\nA2\n"
            << "open merged mine merged" << 1 << 1;
}

void TestMergeSession::carryHunkChoices()
{
    QFETCH(QString, base);
    QFETCH(QString, mine);
    QFETCH(QString, theirs);
    QFETCH(QString, choices);
    QFETCH(QString, newTheirs);
    QFETCH(QString, expected);
    QFETCH(int, kept);
    QFETCH(int, dropped);
    const QString title = QStringLiteral("T");
    MergeSession previous(post(title, base), post(title, mine), post(title, theirs));
    applyHunkChoices(previous, choices);

    MergeSession next(post(title, base), post(title, mine), post(title, newTheirs));
    const CarriedChoices carried = next.carryChoicesFrom(previous);
    QCOMPARE(choicesText(next), expected);
    QCOMPARE(carried.kept, kept);
    QCOMPARE(carried.dropped, dropped);
}

void TestMergeSession::carryFieldChoices_data()
{
    QTest::addColumn<Version>("base");
    QTest::addColumn<Version>("mine");
    QTest::addColumn<Version>("theirs");
    QTest::addColumn<QString>("choices"); // made in the old merge, as applyFieldChoices()
    QTest::addColumn<Version>("newMine");
    QTest::addColumn<Version>("newTheirs");
    QTest::addColumn<QString>("expected"); // as fieldLetters()
    QTest::addColumn<int>("kept");
    QTest::addColumn<int>("dropped");

    const QString body = QStringLiteral("one\n");
    const Version base = post(QStringLiteral("B"), body, {}, kCoverA);
    const Version mine = post(QStringLiteral("M"), body, {}, kCoverB);
    const Version theirs = post(QStringLiteral("T"), body, {}, kCoverC);
    QTest::newRow("fields unchanged: choices kept")
            << base << mine << theirs << "t..m" << mine << theirs << "tMMmM" << 2 << 0;
    QTest::newRow("their title changed: title choice dropped")
            << base << mine << theirs << "t..b" << mine
            << post(QStringLiteral("T2"), body, {}, kCoverC) << "OMMbM" << 1 << 1;
    QTest::newRow("my title changed: title choice dropped")
            << base << mine << theirs << "m..m" << post(QStringLiteral("M2"), body, {}, kCoverB)
            << theirs << "OMMmM" << 1 << 1;
    QTest::newRow("cover no longer conflicts: cover choice dropped")
            << base << mine << theirs << "t..t" << mine
            << post(QStringLiteral("T"), body, {}, kCoverB) << "tMMMM" << 1 << 1;
    QTest::newRow("a body change elsewhere keeps field choices")
            << base << mine << theirs << "t..m" << mine
            << post(QStringLiteral("T"), QStringLiteral("two\n"), {}, kCoverC) << "tMMmM" << 2 << 0;
    // Tags never conflict: an override of the merged tags is not carried.
    QTest::newRow("tag override dropped")
            << base << mine << post(QStringLiteral("T"), body, {QStringLiteral("x")}, kCoverC)
            << "tm.m" << mine << post(QStringLiteral("T"), body, {QStringLiteral("x")}, kCoverC)
            << "tMMmM" << 2 << 1;

    const Version edited = post(QStringLiteral("Edited"), QStringLiteral("one\n\nTWO\n"));
    const Version tombstone = deletedCopy(post(QString(), QString(), {}, QString()));
    QTest::newRow("deletion: they still deleted, choice kept")
            << base << edited << tombstone << "....t" << post(QStringLiteral("Edited again"), body)
            << tombstone << "MMMMt" << 1 << 0;
    QTest::newRow("deletion: they restored the post, choice dropped")
            << base << edited << tombstone << "....m" << edited << theirs << "OMMMM" << 0 << 1;
}

void TestMergeSession::carryFieldChoices()
{
    QFETCH(Version, base);
    QFETCH(Version, mine);
    QFETCH(Version, theirs);
    QFETCH(QString, choices);
    QFETCH(Version, newMine);
    QFETCH(Version, newTheirs);
    QFETCH(QString, expected);
    QFETCH(int, kept);
    QFETCH(int, dropped);
    MergeSession previous(base, mine, theirs);
    applyFieldChoices(previous, choices);

    MergeSession next(base, newMine, newTheirs);
    const CarriedChoices carried = next.carryChoicesFrom(previous);
    QCOMPARE(fieldLetters(next), expected);
    QCOMPARE(carried.kept, kept);
    QCOMPARE(carried.dropped, dropped);
}

void TestMergeSession::carriedChoicesAreOneUndoStepEach()
{
    const QString title = QStringLiteral("T");
    MergeSession previous(post(QStringLiteral("B"), kBaseBody),
                          post(QStringLiteral("M"), kMineBody), post(title, kTheirsBody));
    previous.chooseField(MergeField::Title, FieldChoice::Theirs);
    previous.chooseHunk(0, HunkChoice::Mine);
    previous.setHunkLines(2, {QStringLiteral("X")});
    previous.undo(); // the custom lines: undone, not carried
    QVERIFY(previous.canRedo());

    MergeSession next(post(QStringLiteral("B"), kBaseBody), post(QStringLiteral("M"), kMineBody),
                      post(title, kTheirsBody));
    const CarriedChoices carried = next.carryChoicesFrom(previous);
    QCOMPARE(carried.kept, 2);
    QCOMPARE(choicesText(next), QStringLiteral("mine merged open merged"));
    QCOMPARE(fieldLetters(next), QStringLiteral("tMMMM"));
    QVERIFY(!next.canRedo());
    next.undo();
    QCOMPARE(choicesText(next), QStringLiteral("open merged open merged"));
    QCOMPARE(fieldLetters(next), QStringLiteral("tMMMM"));
    next.undo();
    QCOMPARE(fieldLetters(next), QStringLiteral("OMMMM"));
    QVERIFY(!next.canUndo());
}

QTEST_GUILESS_MAIN(TestMergeSession)
#include "tst_mergesession.moc"
