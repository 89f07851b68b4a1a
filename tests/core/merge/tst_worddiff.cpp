#include "merge/worddiff.h"

#include <QRandomGenerator>
#include <QTest>

using namespace inkwell::merge;

namespace {

// Spans as "start+length" words, e.g. "4+5 12+1", so a failing case shows what differed.
QString spansText(const QList<TextSpan> &spans)
{
    QStringList parts;
    for (const TextSpan &span : spans)
        parts.append(QStringLiteral("%1+%2").arg(span.start).arg(span.length));
    return parts.join(u' ');
}

// The text the spans cover, joined by '|'.
QString spannedText(const QString &text, const QList<TextSpan> &spans)
{
    QStringList parts;
    for (const TextSpan &span : spans)
        parts.append(text.mid(span.start, span.length));
    return parts.join(u'|');
}

} // namespace

class TestWordDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findsChangedWords_data();
    void findsChangedWords();
    void spansNeverSplitASurrogatePair();
    void longLineWithFewChangesFindsExactlyThose();
    void whatIsLeftIsTheSameOnBothSides_data();
    void whatIsLeftIsTheSameOnBothSides();
};

void TestWordDiff::findsChangedWords_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("removed"); // spans of from
    QTest::addColumn<QString>("added"); // spans of to
    QTest::addColumn<QString>("removedText");
    QTest::addColumn<QString>("addedText");

    QTest::newRow("equal lines") << "same words"
                                 << "same words"
                                 << ""
                                 << ""
                                 << ""
                                 << "";
    QTest::newRow("changed word") << "The quick fox"
                                  << "The slow fox"
                                  << "4+5"
                                  << "4+4"
                                  << "quick"
                                  << "slow";
    QTest::newRow("two changed words") << "a b c"
                                       << "x b y"
                                       << "0+1 4+1"
                                       << "0+1 4+1"
                                       << "a|c"
                                       << "x|y";
    QTest::newRow("changed punctuation is one character") << "Hello, world"
                                                          << "Hello; world"
                                                          << "5+1"
                                                          << "5+1"
                                                          << ","
                                                          << ";";
    QTest::newRow("added punctuation") << "Done"
                                       << "Done!"
                                       << ""
                                       << "4+1"
                                       << ""
                                       << "!";
    QTest::newRow("digits are words") << "version 12"
                                      << "version 13"
                                      << "8+2"
                                      << "8+2"
                                      << "12"
                                      << "13";
    QTest::newRow("insert at start") << "world"
                                     << "Hello world"
                                     << ""
                                     << "0+6"
                                     << ""
                                     << "Hello ";
    QTest::newRow("insert at end") << "Hello"
                                   << "Hello world"
                                   << ""
                                   << "5+6"
                                   << ""
                                   << " world";
    QTest::newRow("delete in the middle") << "f(x, y)"
                                          << "f(x)"
                                          << "3+3"
                                          << ""
                                          << ", y"
                                          << "";
    QTest::newRow("empty to text") << ""
                                   << "text"
                                   << ""
                                   << "0+4"
                                   << ""
                                   << "text";
    QTest::newRow("text to empty") << "text"
                                   << ""
                                   << "0+4"
                                   << ""
                                   << "text"
                                   << "";
    QTest::newRow("both empty") << ""
                                << ""
                                << ""
                                << ""
                                << ""
                                << "";
    QTest::newRow("lines joined by newline") << "one\ntwo"
                                             << "one\nTWO"
                                             << "4+3"
                                             << "4+3"
                                             << "two"
                                             << "TWO";
    QTest::newRow("umlauts belong to the word")
            << QStringLiteral("Grüße Welt") << QStringLiteral("Grüße Erde") << "6+4"
            << "6+4" << QStringLiteral("Welt") << QStringLiteral("Erde");
    QTest::newRow("changed umlaut word")
            << QStringLiteral("schöne Grüße") << QStringLiteral("schöne Größe") << "7+5"
            << "7+5" << QStringLiteral("Grüße") << QStringLiteral("Größe");
    QTest::newRow("emoji is one character")
            << QStringLiteral("ok 😀") << QStringLiteral("ok 🎉") << "3+2"
            << "3+2" << QStringLiteral("😀") << QStringLiteral("🎉");
    QTest::newRow("combining mark stays with its letter")
            << QStringLiteral("cafe\u0301 au lait") << QStringLiteral("caf\u00e9 au lait") << "0+5"
            << "0+4" << QStringLiteral("cafe\u0301") << QStringLiteral("caf\u00e9");
    QTest::newRow("right to left text")
            << QStringLiteral("שלום עולם") << QStringLiteral("שלום לכולם") << "5+4"
            << "5+5" << QStringLiteral("עולם") << QStringLiteral("לכולם");
}

void TestWordDiff::findsChangedWords()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, removed);
    QFETCH(QString, added);
    QFETCH(QString, removedText);
    QFETCH(QString, addedText);

    const WordDiff diff = diffWords(from, to);
    QCOMPARE(spansText(diff.removed), removed);
    QCOMPARE(spansText(diff.added), added);
    QCOMPARE(spannedText(from, diff.removed), removedText);
    QCOMPARE(spannedText(to, diff.added), addedText);

    // The other direction swaps removed and added.
    const WordDiff back = diffWords(to, from);
    QCOMPARE(spansText(back.removed), added);
    QCOMPARE(spansText(back.added), removed);
}

void TestWordDiff::spansNeverSplitASurrogatePair()
{
    const QString from = QStringLiteral("😀😀x");
    const QString to = QStringLiteral("😀🎉x");
    const WordDiff diff = diffWords(from, to);
    QCOMPARE(spansText(diff.removed), QStringLiteral("2+2"));
    QCOMPARE(spansText(diff.added), QStringLiteral("2+2"));
}

// A long paragraph on one line with three changed words: exactly those three are reported.
void TestWordDiff::longLineWithFewChangesFindsExactlyThose()
{
    QStringList words;
    for (int i = 0; i < 20000; ++i)
        words.append(QStringLiteral("word%1").arg(i % 97));
    const QString from = words.join(u' ');
    words[10] = QStringLiteral("changed");
    words[10000] = QStringLiteral("changed");
    words[19999] = QStringLiteral("changed");
    const QString to = words.join(u' ');
    const WordDiff diff = diffWords(from, to);
    QCOMPARE(diff.removed.size(), 3);
    QCOMPARE(diff.added.size(), 3);
    QCOMPARE(spannedText(to, diff.added), QStringLiteral("changed|changed|changed"));
    QCOMPARE(spannedText(from, diff.removed), QStringLiteral("word10|word9|word17"));
}

namespace {

// The text without the spans; false when spans are out of order, overlap or leave the text.
bool withoutSpans(const QString &text, const QList<TextSpan> &spans, QString *rest)
{
    rest->clear();
    qsizetype at = 0;
    for (const TextSpan &span : spans) {
        if (span.start < at || span.length <= 0 || span.start + span.length > text.size())
            return false;
        *rest += text.mid(at, span.start - at);
        at = span.start + span.length;
    }
    *rest += text.mid(at);
    return true;
}

} // namespace

void TestWordDiff::whatIsLeftIsTheSameOnBothSides_data()
{
    QTest::addColumn<int>("words");
    QTest::addColumn<int>("vocabulary");
    QTest::addColumn<int>("seeds");
    QTest::newRow("short lines, few words") << 12 << 5 << 300;
    QTest::newRow("paragraph lines") << 150 << 60 << 50;
    // So many repeated words that the search is bounded: still a valid diff.
    QTest::newRow("long shuffled lines") << 5000 << 100 << 2;
}

// Random lines (words, spaces, punctuation, umlauts, emoji): removing the removed spans from
// `from` and the added spans from `to` leaves the same text, and the spans are ordered.
void TestWordDiff::whatIsLeftIsTheSameOnBothSides()
{
    QFETCH(int, words);
    QFETCH(int, vocabulary);
    QFETCH(int, seeds);
    const QStringList pieces{QStringLiteral(" "), QStringLiteral(", "), QStringLiteral(". "),
                             QStringLiteral("😀"), QStringLiteral("-")};
    const auto randomLine = [&](QRandomGenerator &random) {
        QString line;
        for (int i = 0; i < words; ++i) {
            line += QStringLiteral("wört%1").arg(random.bounded(vocabulary));
            line += pieces.at(random.bounded(int(pieces.size())));
        }
        return line;
    };
    for (int seed = 1; seed <= seeds; ++seed) {
        QRandomGenerator random{quint32(seed)};
        const QString from = randomLine(random);
        const QString to = randomLine(random);
        const WordDiff diff = diffWords(from, to);
        QString fromRest, toRest;
        QVERIFY2(withoutSpans(from, diff.removed, &fromRest), qPrintable(QString::number(seed)));
        QVERIFY2(withoutSpans(to, diff.added, &toRest), qPrintable(QString::number(seed)));
        QVERIFY2(fromRest == toRest, qPrintable(QString::number(seed)));
    }
}

QTEST_GUILESS_MAIN(TestWordDiff)
#include "tst_worddiff.moc"
