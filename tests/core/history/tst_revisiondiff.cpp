// The diff of a post's version against another: fields, body lines and changed words.
#include "history/revisiondiff.h"
#include "model/postfields.h"

#include <QTest>

using namespace inkwell;
using history::DiffLine;
using history::DiffLineKind;
using history::FieldChange;
using history::RevisionDiff;

namespace {

model::PostFields post(const QString &title, const QString &body)
{
    model::PostFields fields;
    fields.title = title;
    fields.body = body;
    return fields;
}

// The diff as compact text: one "<marker><text>" per line.
QStringList rendered(const RevisionDiff &diff)
{
    QStringList lines;
    for (const DiffLine &line : diff.lines()) {
        const QChar marker = line.kind == DiffLineKind::Removed ? u'-'
                : line.kind == DiffLineKind::Added              ? u'+'
                                                                : u' ';
        lines.append(marker + line.text);
    }
    return lines;
}

QStringList words(const DiffLine &line)
{
    QStringList out;
    for (const merge::TextSpan &span : line.changedWords)
        out.append(line.text.mid(span.start, span.length));
    return out;
}

} // namespace

class TestRevisionDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameVersionsAreEmpty();
    void bodyLines_data();
    void bodyLines();
    void lineNumbersFollowBothVersions();
    void changedWordsAreMarkedPerLine();
    void changedWordsSpanLines();
    void pureInsertionMarksNoWords();
    void fieldChangesAreListed();
    void changeStartsPointAtEachRegion();
};

void TestRevisionDiff::sameVersionsAreEmpty()
{
    const model::PostFields fields = post(QStringLiteral("T"), QStringLiteral("a\nb\n"));
    const RevisionDiff diff = RevisionDiff::compare(fields, fields);
    QVERIFY(diff.isEmpty());
    QCOMPARE(diff.lines().size(), 3); // a, b and the empty line after the final newline
    QVERIFY(diff.changeStarts().isEmpty());
}

void TestRevisionDiff::bodyLines_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("line changed") << QStringLiteral("a\nb\nc") << QStringLiteral("a\nB\nc")
                                  << QStringList{QStringLiteral(" a"), QStringLiteral("-b"),
                                                 QStringLiteral("+B"), QStringLiteral(" c")};
    QTest::newRow("line added at end") << QStringLiteral("a") << QStringLiteral("a\nb")
                                       << QStringList{QStringLiteral(" a"), QStringLiteral("+b")};
    QTest::newRow("line removed at start")
            << QStringLiteral("x\na") << QStringLiteral("a")
            << QStringList{QStringLiteral("-x"), QStringLiteral(" a")};
    QTest::newRow("from empty") << QString() << QStringLiteral("new")
                                << QStringList{QStringLiteral("-"), QStringLiteral("+new")};
    QTest::newRow("two regions") << QStringLiteral("1\n2\n3\n4\n5")
                                 << QStringLiteral("1\ntwo\n3\n4\nfive")
                                 << QStringList{QStringLiteral(" 1"),   QStringLiteral("-2"),
                                                QStringLiteral("+two"), QStringLiteral(" 3"),
                                                QStringLiteral(" 4"),   QStringLiteral("-5"),
                                                QStringLiteral("+five")};
    QTest::newRow("CRLF lines equal LF lines")
            << QStringLiteral("a\r\nb") << QStringLiteral("a\nb")
            << QStringList{QStringLiteral(" a"), QStringLiteral(" b")};
}

void TestRevisionDiff::bodyLines()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QStringList, expected);
    QCOMPARE(rendered(RevisionDiff::compare(post({}, from), post({}, to))), expected);
}

void TestRevisionDiff::lineNumbersFollowBothVersions()
{
    const RevisionDiff diff = RevisionDiff::compare(post({}, QStringLiteral("a\nold\nc")),
                                                    post({}, QStringLiteral("a\nnew\nnewer\nc")));
    const QList<DiffLine> &lines = diff.lines();
    QCOMPARE(lines.size(), 5);
    QCOMPARE((std::pair{lines[0].fromNumber, lines[0].toNumber}),
             (std::pair<qsizetype, qsizetype>{1, 1}));
    QCOMPARE((std::pair{lines[1].fromNumber, lines[1].toNumber}),
             (std::pair<qsizetype, qsizetype>{2, 0}));
    QCOMPARE((std::pair{lines[2].fromNumber, lines[2].toNumber}),
             (std::pair<qsizetype, qsizetype>{0, 2}));
    QCOMPARE((std::pair{lines[3].fromNumber, lines[3].toNumber}),
             (std::pair<qsizetype, qsizetype>{0, 3}));
    QCOMPARE((std::pair{lines[4].fromNumber, lines[4].toNumber}),
             (std::pair<qsizetype, qsizetype>{3, 4}));
    QCOMPARE(diff.removedLineCount(), 1);
    QCOMPARE(diff.addedLineCount(), 2);
}

void TestRevisionDiff::changedWordsAreMarkedPerLine()
{
    const RevisionDiff diff =
            RevisionDiff::compare(post({}, QStringLiteral("The quick brown fox.")),
                                  post({}, QStringLiteral("The slow brown fox!")));
    QCOMPARE(diff.lines().size(), 2);
    QCOMPARE(words(diff.lines()[0]), (QStringList{QStringLiteral("quick"), QStringLiteral(".")}));
    QCOMPARE(words(diff.lines()[1]), (QStringList{QStringLiteral("slow"), QStringLiteral("!")}));
}

void TestRevisionDiff::changedWordsSpanLines()
{
    // Two changed lines against one: the words are found across the region, then cut per line.
    const RevisionDiff diff = RevisionDiff::compare(post({}, QStringLiteral("one two\nthree four")),
                                                    post({}, QStringLiteral("one 2\nthree 4")));
    QCOMPARE(rendered(diff),
             (QStringList{QStringLiteral("-one two"), QStringLiteral("-three four"),
                          QStringLiteral("+one 2"), QStringLiteral("+three 4")}));
    QCOMPARE(words(diff.lines()[0]), QStringList{QStringLiteral("two")});
    QCOMPARE(words(diff.lines()[1]), QStringList{QStringLiteral("four")});
    QCOMPARE(words(diff.lines()[2]), QStringList{QStringLiteral("2")});
    QCOMPARE(words(diff.lines()[3]), QStringList{QStringLiteral("4")});
}

void TestRevisionDiff::pureInsertionMarksNoWords()
{
    const RevisionDiff diff = RevisionDiff::compare(post({}, QStringLiteral("a\nc")),
                                                    post({}, QStringLiteral("a\nb\nc")));
    QCOMPARE(diff.lines()[1].kind, DiffLineKind::Added);
    // The whole line is new: marked as a whole.
    QCOMPARE(words(diff.lines()[1]), QStringList{QStringLiteral("b")});
}

void TestRevisionDiff::fieldChangesAreListed()
{
    model::PostFields from = post(QStringLiteral("Old"), QStringLiteral("same"));
    model::PostFields to = from;
    to.title = QStringLiteral("New");
    to.tags = QStringList{QStringLiteral("a"), QStringLiteral("b")};
    to.state = model::PublishState::Published;
    to.cover = QString(64, u'a');
    const RevisionDiff diff = RevisionDiff::compare(from, to);
    QVERIFY(!diff.isEmpty());
    QCOMPARE(diff.addedLineCount(), 0);
    QCOMPARE(diff.fieldChanges(),
             (QList<FieldChange>{
                     {FieldChange::Field::Title, QStringLiteral("Old"), QStringLiteral("New")},
                     {FieldChange::Field::Tags, {}, QStringLiteral("a, b")},
                     {FieldChange::Field::State, QStringLiteral("draft"),
                      QStringLiteral("published")},
                     {FieldChange::Field::Cover, {}, QString(64, u'a')}}));
}

void TestRevisionDiff::changeStartsPointAtEachRegion()
{
    const RevisionDiff diff = RevisionDiff::compare(post({}, QStringLiteral("1\n2\n3\n4\n5")),
                                                    post({}, QStringLiteral("1\ntwo\n3\n4\nfive")));
    QCOMPARE(diff.changeStarts(), (QList<qsizetype>{1, 5}));
}

QTEST_GUILESS_MAIN(TestRevisionDiff)
#include "tst_revisiondiff.moc"
