#include "merge/bodymerge.h"

#include "mergetestutil.h"

#include <QRandomGenerator>
#include <QTest>

using namespace inkwell;
using namespace inkwell::merge;
using inkwell::test::randomLineEdits;
using inkwell::test::randomLines;

using Choice = HunkResolution::Choice;

class TestBodyMerge : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void splitAndJoinRoundTrip_data();
    void splitAndJoinRoundTrip();
    void mergesByHunks_data();
    void mergesByHunks();
    void untouchedSideIsReturnedByteForByte_data();
    void untouchedSideIsReturnedByteForByte();
    void conflictHunkShowsAllThreeSides();
    void resolvesConflictHunksByChoice_data();
    void resolvesConflictHunksByChoice();
    void resolveFailsWhenAConflictHasNoChoice();
    void hunksReassembleEverySide();
    void bigDocumentWithScatteredEditsMergesCleanly();
    void bigDocumentRewrittenOnBothSidesIsOneConflict();
    void bigDocumentWithDenseEditsMergesCleanly();
    void denseRandomEditsReassembleEverySide();
};

void TestBodyMerge::splitAndJoinRoundTrip_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("lineCount");
    QTest::newRow("empty") << QString() << 1;
    QTest::newRow("one line without newline") << QStringLiteral("a") << 1;
    QTest::newRow("one line with newline") << QStringLiteral("a\n") << 2;
    QTest::newRow("blank lines") << QStringLiteral("\n\n") << 3;
    QTest::newRow("unicode") << QStringLiteral("Grüße 😀\nשלום") << 2;
}

void TestBodyMerge::splitAndJoinRoundTrip()
{
    QFETCH(QString, text);
    QFETCH(int, lineCount);
    const QStringList lines = splitLines(text);
    QCOMPARE(lines.size(), lineCount);
    QCOMPARE(joinLines(lines), text);
}

// Kinds as letters: U unchanged, M from mine, T from theirs, B both (identical), C conflict.
static QString kindLetters(const BodyMerge &merge)
{
    QString letters;
    for (const BodyHunk &hunk : merge.hunks()) {
        switch (hunk.kind) {
        case HunkKind::Unchanged:
            letters += u'U';
            break;
        case HunkKind::MergedFromMine:
            letters += u'M';
            break;
        case HunkKind::MergedFromTheirs:
            letters += u'T';
            break;
        case HunkKind::MergedFromBoth:
            letters += u'B';
            break;
        case HunkKind::Conflict:
            letters += u'C';
            break;
        }
    }
    return letters;
}

static QHash<qsizetype, HunkResolution> chooseEverywhere(const BodyMerge &merge, Choice choice)
{
    QHash<qsizetype, HunkResolution> resolutions;
    for (qsizetype i = 0; i < merge.hunks().size(); ++i)
        resolutions.insert(i, HunkResolution{choice, {}});
    return resolutions;
}

void TestBodyMerge::mergesByHunks_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("mine");
    QTest::addColumn<QString>("theirs");
    QTest::addColumn<QString>("kinds");
    // The merged text; for conflicts, with mine's side of every conflict hunk.
    QTest::addColumn<QString>("merged");

    const QString abc = QStringLiteral("a\nb\nc\n");
    QTest::newRow("nobody changed") << abc << abc << abc << "U" << abc;
    QTest::newRow("only mine changed") << abc << "a\nB\nc\n"
                                       << abc << "UMU"
                                       << "a\nB\nc\n";
    QTest::newRow("only theirs changed") << abc << abc << "a\nB\nc\n"
                                         << "UTU"
                                         << "a\nB\nc\n";
    QTest::newRow("edits one unchanged line apart merge") << abc << "A\nb\nc\n"
                                                          << "a\nb\nC\n"
                                                          << "MUTU"
                                                          << "A\nb\nC\n";
    QTest::newRow("paragraph edits merge") << "one\n\ntwo\n\nthree\n"
                                           << "ONE\n\ntwo\n\nthree\n"
                                           << "one\n\ntwo\n\nTHREE\n"
                                           << "MUTU"
                                           << "ONE\n\ntwo\n\nTHREE\n";
    QTest::newRow("overlapping edits conflict") << abc << "a\nmine\nc\n"
                                                << "a\ntheirs\nc\n"
                                                << "UCU"
                                                << "a\nmine\nc\n";
    QTest::newRow("identical edits are no conflict") << abc << "a\nsame\nc\n"
                                                     << "a\nsame\nc\n"
                                                     << "UBU"
                                                     << "a\nsame\nc\n";
    QTest::newRow("identical deletions are no conflict") << abc << "a\nc\n"
                                                         << "a\nc\n"
                                                         << "UBU"
                                                         << "a\nc\n";
    QTest::newRow("adjacent edits conflict") << abc << "A\nb\nc\n"
                                             << "a\nB\nc\n"
                                             << "CU"
                                             << "A\nb\nc\n";
    QTest::newRow("insertion touching an edit conflicts") << abc << "a\nx\nb\nc\n"
                                                          << "a\nB\nc\n"
                                                          << "UCU"
                                                          << "a\nx\nb\nc\n";
    QTest::newRow("insertions at the same place conflict") << "a\nc\n"
                                                           << "a\nb1\nc\n"
                                                           << "a\nb2\nc\n"
                                                           << "UCU"
                                                           << "a\nb1\nc\n";
    QTest::newRow("insertions at different places merge") << abc << "x\na\nb\nc\n"
                                                          << "a\nb\nc\ny\n"
                                                          << "MUTU"
                                                          << "x\na\nb\nc\ny\n";
    QTest::newRow("deletion and distant edit merge") << "a\nb\nc\nd\ne\n"
                                                     << "a\nc\nd\ne\n"
                                                     << "a\nb\nc\nd\nE\n"
                                                     << "UMUTU"
                                                     << "a\nc\nd\nE\n";
    QTest::newRow("emptied body versus edit conflicts") << abc << QString() << "a\nB\nc\n"
                                                        << "CU" << QString();
    QTest::newRow("CRLF inputs merge with LF endings") << "a\r\nb\r\nc\r\n"
                                                       << "A\r\nb\r\nc\r\n"
                                                       << "a\r\nb\r\nC\r\n"
                                                       << "MUTU"
                                                       << "A\nb\nC\n";
    QTest::newRow("CRLF converted on one side, edited on the other") << "a\r\nb\r\nc\r\n"
                                                                     << abc << "a\r\nb\r\nC\r\n"
                                                                     << "UTU"
                                                                     << "a\nb\nC\n";
    QTest::newRow("lone CR line endings") << "a\rb\rc"
                                          << "A\rb\rc"
                                          << "a\rb\rC"
                                          << "MUT"
                                          << "A\nb\nC";
    QTest::newRow("final newline added while other side edits") << "a\nb"
                                                                << "a\nb\n"
                                                                << "A\nb"
                                                                << "TUM"
                                                                << "A\nb\n";
    QTest::newRow("both append after a final line without newline") << "a"
                                                                    << "a\nb"
                                                                    << "a\nc"
                                                                    << "UC"
                                                                    << "a\nb";
    QTest::newRow("empty base, different text on both sides conflict") << QString() << "mine"
                                                                       << "theirs"
                                                                       << "C"
                                                                       << "mine";
    QTest::newRow("empty base, text on one side") << QString() << "new\n"
                                                  << QString() << "MU"
                                                  << "new\n";
    QTest::newRow("both sides empty") << "a\n" << QString() << QString() << "BU" << QString();
    QTest::newRow("unicode lines merge") << QStringLiteral("Grüße\n😀 emoji\nשלום\n")
                                         << QStringLiteral("Grüße, Welt\n😀 emoji\nשלום\n")
                                         << QStringLiteral("Grüße\n😀 emoji\nשלום עולם\n") << "MUTU"
                                         << QStringLiteral("Grüße, Welt\n😀 emoji\nשלום עולם\n");
    QTest::newRow("unicode edits of one line conflict")
            << QStringLiteral("x\n😀\ny\n") << QStringLiteral("x\n😀🎉\ny\n")
            << QStringLiteral("x\n😀👍\ny\n") << "UCU" << QStringLiteral("x\n😀🎉\ny\n");
    QTest::newRow("combining marks are not equal to precomposed")
            << QStringLiteral("caf\u00e9\n") << QStringLiteral("cafe\u0301\n")
            << QStringLiteral("caf\u00e9!\n") << "CU" << QStringLiteral("cafe\u0301\n");
}

void TestBodyMerge::mergesByHunks()
{
    QFETCH(QString, base);
    QFETCH(QString, mine);
    QFETCH(QString, theirs);
    QFETCH(QString, kinds);
    QFETCH(QString, merged);

    const BodyMerge merge = BodyMerge::merge(base, mine, theirs);
    QCOMPARE(kindLetters(merge), kinds);
    QCOMPARE(merge.conflictCount(), kinds.count(u'C'));
    QCOMPARE(merge.hasConflicts(), kinds.contains(u'C'));
    const Result<QString> text = merge.resolve(chooseEverywhere(merge, Choice::Mine));
    QVERIFY(text.hasValue());
    QCOMPARE(text.value(), merged);
    if (!merge.hasConflicts())
        QCOMPARE(merge.text(), merged);
}

void TestBodyMerge::untouchedSideIsReturnedByteForByte_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("mine");
    QTest::addColumn<QString>("theirs");
    QTest::addColumn<QString>("expected");
    const QString crlf = QStringLiteral("a\r\nb\r\n");
    QTest::newRow("mine changed, CRLF kept") << crlf << "a\r\nB\r\n" << crlf << "a\r\nB\r\n";
    QTest::newRow("theirs changed, CRLF kept") << crlf << crlf << "a\r\nB\r\n"
                                               << "a\r\nB\r\n";
    QTest::newRow("same change, mixed endings kept") << crlf << "a\nB\r\n"
                                                     << "a\nB\r\n"
                                                     << "a\nB\r\n";
    QTest::newRow("theirs only converted endings") << crlf << crlf << "a\nb\n"
                                                   << "a\nb\n";
}

void TestBodyMerge::untouchedSideIsReturnedByteForByte()
{
    QFETCH(QString, base);
    QFETCH(QString, mine);
    QFETCH(QString, theirs);
    QFETCH(QString, expected);
    const BodyMerge merge = BodyMerge::merge(base, mine, theirs);
    QVERIFY(!merge.hasConflicts());
    QCOMPARE(merge.text(), expected);
}

void TestBodyMerge::conflictHunkShowsAllThreeSides()
{
    const BodyMerge merge = BodyMerge::merge(QStringLiteral("intro\nold\nend\n"),
                                             QStringLiteral("intro\nmine 1\nmine 2\nend\n"),
                                             QStringLiteral("intro\nend\n"));
    QCOMPARE(merge.hunks().size(), 3);
    const BodyHunk &conflict = merge.hunks().at(1);
    QCOMPARE(conflict.kind, HunkKind::Conflict);
    QCOMPARE(conflict.base, QStringList{QStringLiteral("old")});
    QCOMPARE(conflict.mine, (QStringList{QStringLiteral("mine 1"), QStringLiteral("mine 2")}));
    QCOMPARE(conflict.theirs, QStringList());
    QCOMPARE(merge.hunks().at(0).base, QStringList{QStringLiteral("intro")});
    QCOMPARE(merge.hunks().at(2).theirs, (QStringList{QStringLiteral("end"), QString()}));
}

void TestBodyMerge::resolvesConflictHunksByChoice_data()
{
    QTest::addColumn<int>("choice");
    QTest::addColumn<QStringList>("customLines");
    QTest::addColumn<QString>("expected");
    QTest::newRow("mine") << int(Choice::Mine) << QStringList() << "a\nmine\nc\n";
    QTest::newRow("theirs") << int(Choice::Theirs) << QStringList() << "a\ntheirs\nc\n";
    QTest::newRow("mine then theirs")
            << int(Choice::MineThenTheirs) << QStringList() << "a\nmine\ntheirs\nc\n";
    QTest::newRow("theirs then mine")
            << int(Choice::TheirsThenMine) << QStringList() << "a\ntheirs\nmine\nc\n";
    QTest::newRow("base") << int(Choice::Base) << QStringList() << "a\nb\nc\n";
    QTest::newRow("custom lines") << int(Choice::Custom)
                                  << QStringList{QStringLiteral("x"), QStringLiteral("y")}
                                  << "a\nx\ny\nc\n";
    QTest::newRow("custom without lines removes the region")
            << int(Choice::Custom) << QStringList() << "a\nc\n";
    QTest::newRow("custom one empty line is one blank line")
            << int(Choice::Custom) << QStringList{QString()} << "a\n\nc\n";
    QTest::newRow("custom two empty lines are two blank lines")
            << int(Choice::Custom) << QStringList{QString(), QString()} << "a\n\n\nc\n";
}

void TestBodyMerge::resolvesConflictHunksByChoice()
{
    QFETCH(int, choice);
    QFETCH(QStringList, customLines);
    QFETCH(QString, expected);
    const BodyMerge merge =
            BodyMerge::merge(QStringLiteral("a\nb\nc\n"), QStringLiteral("a\nmine\nc\n"),
                             QStringLiteral("a\ntheirs\nc\n"));
    QCOMPARE(merge.conflictCount(), 1);
    const Result<QString> text = merge.resolve({{1, HunkResolution{Choice(choice), customLines}}});
    QVERIFY(text.hasValue());
    QCOMPARE(text.value(), expected);
}

void TestBodyMerge::resolveFailsWhenAConflictHasNoChoice()
{
    const BodyMerge merge =
            BodyMerge::merge(QStringLiteral("a\nb\nc\nd\ne\n"), QStringLiteral("A\nb\nc\nd\nE1\n"),
                             QStringLiteral("A2\nb\nc\nd\nE2\n"));
    QCOMPARE(merge.conflictCount(), 2);
    const Result<QString> partial = merge.resolve({{0, HunkResolution{Choice::Theirs, {}}}});
    QVERIFY(!partial.hasValue());
    QCOMPARE(partial.error().code, ErrorCode::InvalidArgument);
}

// Random small edits of a random document: the hunks always reassemble all three inputs, identical
// sides never conflict, and swapping mine and theirs gives the same result.
void TestBodyMerge::hunksReassembleEverySide()
{
    for (quint32 seed = 1; seed <= 1000; ++seed) {
        QRandomGenerator random(seed);
        const QStringList base = randomLines(random);
        const QStringList mine = randomLineEdits(random, base);
        const QStringList theirs = randomLineEdits(random, base);
        const BodyMerge merge =
                BodyMerge::merge(joinLines(base), joinLines(mine), joinLines(theirs));
        QStringList baseAgain, mineAgain, theirsAgain;
        for (const BodyHunk &hunk : merge.hunks()) {
            baseAgain += hunk.base;
            mineAgain += hunk.mine;
            theirsAgain += hunk.theirs;
        }
        const auto normalized = [](const QStringList &lines) {
            return splitLines(joinLines(lines));
        };
        QVERIFY2(baseAgain == normalized(base), qPrintable(QString::number(seed)));
        QVERIFY2(mineAgain == normalized(mine), qPrintable(QString::number(seed)));
        QVERIFY2(theirsAgain == normalized(theirs), qPrintable(QString::number(seed)));
        if (mine == theirs)
            QVERIFY2(!merge.hasConflicts(), qPrintable(QString::number(seed)));
        if (mine == base && !merge.hasConflicts())
            QCOMPARE(merge.text(), joinLines(theirs));
        // The merge does not depend on which side is called mine.
        const BodyMerge swapped =
                BodyMerge::merge(joinLines(base), joinLines(theirs), joinLines(mine));
        QVERIFY2(swapped.conflictCount() == merge.conflictCount(),
                 qPrintable(QString::number(seed)));
        if (!merge.hasConflicts())
            QVERIFY2(swapped.text() == merge.text(), qPrintable(QString::number(seed)));
    }
}

void TestBodyMerge::bigDocumentWithScatteredEditsMergesCleanly()
{
    QStringList base;
    for (int i = 0; i < 20000; ++i)
        base.append(QStringLiteral("Paragraph %1 with some Markdown *text* ✓").arg(i));
    QStringList mine = base;
    QStringList theirs = base;
    QStringList expected = base;
    for (int i = 0; i < 20000; i += 100) {
        mine[i] += QStringLiteral(" (mine)");
        theirs[i + 50] += QStringLiteral(" (theirs)");
        expected[i] += QStringLiteral(" (mine)");
        expected[i + 50] += QStringLiteral(" (theirs)");
    }
    const BodyMerge merge = BodyMerge::merge(joinLines(base), joinLines(mine), joinLines(theirs));
    QVERIFY(!merge.hasConflicts());
    QCOMPARE(merge.text(), joinLines(expected));
}

void TestBodyMerge::bigDocumentRewrittenOnBothSidesIsOneConflict()
{
    QStringList base, mine, theirs;
    for (int i = 0; i < 3000; ++i) {
        base.append(QStringLiteral("base %1").arg(i));
        mine.append(QStringLiteral("mine %1").arg(i));
        theirs.append(QStringLiteral("theirs %1").arg(i));
    }
    const BodyMerge merge = BodyMerge::merge(joinLines(base), joinLines(mine), joinLines(theirs));
    QCOMPARE(merge.conflictCount(), 1);
    QCOMPARE(merge.hunks().size(), 1);
    QCOMPARE(merge.hunks().first().theirs, theirs);
}

// Every other line changed, alternating between the sides: the diff does real work here.
void TestBodyMerge::bigDocumentWithDenseEditsMergesCleanly()
{
    QStringList base, mine, theirs, expected;
    for (int i = 0; i < 5000; ++i)
        base.append(QStringLiteral("line %1").arg(i));
    mine = theirs = expected = base;
    for (int i = 0; i < 5000; i += 4) {
        mine[i] = QStringLiteral("mine %1").arg(i);
        theirs[i + 2] = QStringLiteral("theirs %1").arg(i + 2);
        expected[i] = mine[i];
        expected[i + 2] = theirs[i + 2];
    }
    theirs.removeAt(4999); // and a deletion at the end
    expected.removeAt(4999);
    const BodyMerge merge = BodyMerge::merge(joinLines(base), joinLines(mine), joinLines(theirs));
    QVERIFY(!merge.hasConflicts());
    QCOMPARE(merge.text(), joinLines(expected));
}

// A 3,000-line Markdown-like document (paragraphs, blank lines, repeated lines) where each side
// changes about a quarter of the lines: the hunks reassemble all three inputs and every hunk's
// kind matches its sides.
void TestBodyMerge::denseRandomEditsReassembleEverySide()
{
    const auto randomEdit = [](QRandomGenerator &random, QStringList lines, const QString &who) {
        for (qsizetype i = 0; i < lines.size(); ++i) {
            switch (random.bounded(12)) {
            case 0:
                lines[i] = who + QString::number(random.bounded(50));
                break;
            case 1:
                lines.insert(i++, who + QStringLiteral(" inserted"));
                break;
            case 2:
                lines.removeAt(i--);
                break;
            default:
                break;
            }
        }
        return lines;
    };
    for (quint32 seed = 1; seed <= 20; ++seed) {
        QRandomGenerator random(seed);
        QStringList base;
        for (int i = 0; i < 3000; ++i) {
            base.append(i % 5 == 4 ? QString()
                                   : QStringLiteral("Paragraph line %1").arg(random.bounded(400)));
        }
        const QStringList mine = randomEdit(random, base, QStringLiteral("mine "));
        const QStringList theirs = randomEdit(random, base, QStringLiteral("theirs "));
        const BodyMerge merge =
                BodyMerge::merge(joinLines(base), joinLines(mine), joinLines(theirs));
        QStringList baseAgain, mineAgain, theirsAgain;
        for (const BodyHunk &hunk : merge.hunks()) {
            baseAgain += hunk.base;
            mineAgain += hunk.mine;
            theirsAgain += hunk.theirs;
            bool kindFits = false;
            switch (hunk.kind) {
            case HunkKind::Unchanged:
                kindFits = hunk.mine == hunk.base && hunk.theirs == hunk.base;
                break;
            case HunkKind::MergedFromMine:
                kindFits = hunk.theirs == hunk.base && hunk.mine != hunk.base;
                break;
            case HunkKind::MergedFromTheirs:
                kindFits = hunk.mine == hunk.base && hunk.theirs != hunk.base;
                break;
            case HunkKind::MergedFromBoth:
                kindFits = hunk.mine == hunk.theirs;
                break;
            case HunkKind::Conflict:
                kindFits = hunk.mine != hunk.theirs;
                break;
            }
            QVERIFY2(kindFits, qPrintable(QString::number(seed)));
        }
        QVERIFY2(baseAgain == base, qPrintable(QString::number(seed)));
        QVERIFY2(mineAgain == mine, qPrintable(QString::number(seed)));
        QVERIFY2(theirsAgain == theirs, qPrintable(QString::number(seed)));
        QVERIFY2(merge.hasConflicts(), qPrintable(QString::number(seed)));
    }
}

QTEST_GUILESS_MAIN(TestBodyMerge)
#include "tst_bodymerge.moc"
