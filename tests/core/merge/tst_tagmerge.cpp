#include "merge/tagmerge.h"

#include <QTest>

using namespace inkwell::merge;

class TestTagMerge : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mergesTagsAsSets_data();
    void mergesTagsAsSets();
};

void TestTagMerge::mergesTagsAsSets_data()
{
    QTest::addColumn<QStringList>("base");
    QTest::addColumn<QStringList>("mine");
    QTest::addColumn<QStringList>("theirs");
    QTest::addColumn<QStringList>("expected");
    using L = QStringList;
    QTest::newRow("nobody changed") << L{"a", "b"} << L{"a", "b"} << L{"a", "b"} << L{"a", "b"};
    QTest::newRow("both add different tags")
            << L{"a"} << L{"a", "m"} << L{"a", "t"} << L{"a", "m", "t"};
    QTest::newRow("both add the same tag once")
            << L{"a"} << L{"a", "x"} << L{"x", "a"} << L{"a", "x"};
    QTest::newRow("mine removes, theirs adds")
            << L{"a", "b"} << L{"b"} << L{"a", "b", "t"} << L{"b", "t"};
    QTest::newRow("theirs removes, mine adds")
            << L{"a", "b"} << L{"a", "b", "m"} << L{"a"} << L{"a", "m"};
    QTest::newRow("both remove different tags")
            << L{"a", "b", "c"} << L{"b", "c"} << L{"a", "c"} << L{"c"};
    QTest::newRow("reordered by mine keeps mine's order")
            << L{"a", "b", "c"} << L{"c", "b", "a"} << L{"a", "b", "c", "d"}
            << L{"c", "b", "a", "d"};
    QTest::newRow("reordered by theirs, removal by mine")
            << L{"a", "b", "c"} << L{"a", "c"} << L{"c", "b", "a"} << L{"a", "c"};
    QTest::newRow("removed by one side, kept by the other is removed")
            << L{"a"} << L{} << L{"a"} << L{};
    QTest::newRow("all tags removed on both sides, one added")
            << L{"a", "b"} << L{} << L{"z"} << L{"z"};
    QTest::newRow("tags compare case-sensitively")
            << L{"Qt"} << L{"Qt", "qt"} << L{"Qt"} << L{"Qt", "qt"};
    QTest::newRow("unicode tags") << L{"café"} << L{"café", "日本"} << L{"😀"} << L{"日本", "😀"};
    QTest::newRow("duplicates collapse") << L{} << L{"x", "x"} << L{"x"} << L{"x"};
}

void TestTagMerge::mergesTagsAsSets()
{
    QFETCH(QStringList, base);
    QFETCH(QStringList, mine);
    QFETCH(QStringList, theirs);
    QFETCH(QStringList, expected);
    QCOMPARE(mergeTags(base, mine, theirs), expected);
}

QTEST_GUILESS_MAIN(TestTagMerge)
#include "tst_tagmerge.moc"
