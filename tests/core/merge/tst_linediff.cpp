#include "merge/linediff.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <vector>

using namespace inkwell::merge;

namespace {

// The length of a changed common subsequence, by the textbook O(NM) table.
qsizetype lcsLength(const std::vector<int> &a, const std::vector<int> &b)
{
    std::vector<qsizetype> previous(b.size() + 1, 0), current(b.size() + 1, 0);
    for (size_t i = 1; i <= a.size(); ++i) {
        for (size_t j = 1; j <= b.size(); ++j) {
            current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1
                                              : std::max(previous[j], current[j - 1]);
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

std::vector<int> randomSequence(QRandomGenerator &random, int alphabet, int maxLength)
{
    std::vector<int> sequence(size_t(random.bounded(maxLength + 1)));
    for (int &element : sequence)
        element = random.bounded(alphabet);
    return sequence;
}

// Checks that edits are ordered, separated by common lines and turn base into side; returns
// how many lines they delete and insert.
qsizetype applyEdits(const std::vector<int> &base, const std::vector<int> &side,
                     const QList<LineEdit> &edits, bool *ok)
{
    *ok = true;
    qsizetype changed = 0;
    qsizetype baseAt = 0;
    qsizetype sideAt = 0;
    for (const LineEdit &edit : edits) {
        const qsizetype common = edit.baseStart - baseAt;
        const bool separated = &edit == &edits.first() || common > 0;
        if (!separated || common < 0 || edit.sideStart - sideAt != common
            || edit.baseEnd < edit.baseStart || edit.sideEnd < edit.sideStart
            || (edit.baseEnd == edit.baseStart && edit.sideEnd == edit.sideStart)) {
            *ok = false;
            return 0;
        }
        for (qsizetype i = 0; i < common; ++i)
            *ok = *ok && base[size_t(baseAt + i)] == side[size_t(sideAt + i)];
        changed += (edit.baseEnd - edit.baseStart) + (edit.sideEnd - edit.sideStart);
        baseAt = edit.baseEnd;
        sideAt = edit.sideEnd;
    }
    const qsizetype rest = qsizetype(base.size()) - baseAt;
    *ok = *ok && qsizetype(side.size()) - sideAt == rest;
    for (qsizetype i = 0; *ok && i < rest; ++i)
        *ok = base[size_t(baseAt + i)] == side[size_t(sideAt + i)];
    return changed;
}

} // namespace

class TestLineDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void randomSequencesGetAMinimalScript_data();
    void randomSequencesGetAMinimalScript();
    void denseReplacementsAreOneEditEach();
    void boundedSearchStillTurnsBaseIntoSide();
};

void TestLineDiff::randomSequencesGetAMinimalScript_data()
{
    QTest::addColumn<int>("alphabet");
    QTest::addColumn<int>("maxLength");
    QTest::newRow("few distinct lines (many repeats)") << 3 << 30;
    QTest::newRow("some distinct lines") << 10 << 40;
    QTest::newRow("mostly distinct lines") << 200 << 60;
}

// Whatever the sequences, the edits reassemble side from base and change exactly
// |base| + |side| - 2 * LCS lines: the script is a shortest one.
void TestLineDiff::randomSequencesGetAMinimalScript()
{
    QFETCH(int, alphabet);
    QFETCH(int, maxLength);
    for (quint32 seed = 1; seed <= 1500; ++seed) {
        QRandomGenerator random(seed);
        const std::vector<int> base = randomSequence(random, alphabet, maxLength);
        std::vector<int> side = base;
        // Half the cases are edits of base, half unrelated sequences.
        if (random.bounded(2)) {
            side = randomSequence(random, alphabet, maxLength);
        } else {
            for (int i = random.bounded(6); i > 0 && !side.empty(); --i)
                side[size_t(random.bounded(int(side.size())))] = random.bounded(alphabet);
            side.insert(side.begin() + random.bounded(int(side.size()) + 1),
                        random.bounded(alphabet));
        }
        const QList<LineEdit> edits = diffLines(base, side);
        bool ok = false;
        const qsizetype changed = applyEdits(base, side, edits, &ok);
        QVERIFY2(ok, qPrintable(QString::number(seed)));
        const qsizetype minimal = qsizetype(base.size() + side.size()) - 2 * lcsLength(base, side);
        QVERIFY2(changed == minimal,
                 qPrintable(QStringLiteral("seed %1: %2 changed lines, %3 needed")
                                    .arg(seed)
                                    .arg(changed)
                                    .arg(minimal)));
    }
}

// Every fourth line replaced by a line of its own: 1,250 separate one-line edits.
void TestLineDiff::denseReplacementsAreOneEditEach()
{
    std::vector<int> base(5000), side(5000);
    for (int i = 0; i < 5000; ++i)
        base[size_t(i)] = side[size_t(i)] = i;
    for (int i = 0; i < 5000; i += 4)
        side[size_t(i)] = 10000 + i;
    const QList<LineEdit> edits = diffLines(base, side);
    QCOMPARE(edits.size(), 1250);
    for (qsizetype i = 0; i < edits.size(); ++i) {
        const LineEdit &edit = edits[i];
        QCOMPARE(edit.baseStart, 4 * i);
        QCOMPARE(edit.baseEnd, 4 * i + 1);
        QCOMPARE(edit.sideStart, 4 * i);
        QCOMPARE(edit.sideEnd, 4 * i + 1);
    }
}

// With a small step bound the search gives up early: the edits are still a valid script.
void TestLineDiff::boundedSearchStillTurnsBaseIntoSide()
{
    qsizetype changed = 0;
    qsizetype boundedChanged = 0;
    for (quint32 seed = 1; seed <= 300; ++seed) {
        QRandomGenerator random(seed);
        const std::vector<int> base = randomSequence(random, 4, 200);
        const std::vector<int> side = randomSequence(random, 4, 200);
        bool ok = false;
        boundedChanged += applyEdits(base, side, diffLines(base, side, 20), &ok);
        QVERIFY2(ok, qPrintable(QString::number(seed)));
        changed += applyEdits(base, side, diffLines(base, side), &ok);
        QVERIFY2(ok, qPrintable(QString::number(seed)));
    }
    QVERIFY(boundedChanged > changed); // the bound did cut searches short
}

QTEST_GUILESS_MAIN(TestLineDiff)
#include "tst_linediff.moc"
