// The op_id of a push: stable across versions of Inkwell (a push retried after an upgrade must
// repeat its op_id) and different for any other version of the post.
#include "model/post.h"
#include "sync/opid.h"

#include <QTest>

using namespace inkwell;

namespace {

model::Post samplePost()
{
    model::Post post;
    post.guid = QStringLiteral("6f1c2b9e-8a4d-4c3e-9b2a-1d2e3f4a5b6c");
    post.editCounter = 3;
    post.rev = 7;
    post.fields.title = QStringLiteral("T\u00e9");
    post.fields.body = QStringLiteral("B\n\"q\"");
    post.fields.tags = {QStringLiteral("x")};
    return post;
}

} // namespace

class TestOpId : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // SHA-256 of guid, "counter|rev|l|" and the compact JSON of the fields, as computed by
    // earlier versions; changing it would turn retried pushes into conflicts after an upgrade.
    void isStableAcrossVersions()
    {
        QCOMPARE(sync::opIdFor(samplePost()),
                 QStringLiteral("op-a10ea40690a4609119c1cbd2b76ce4f99336c55c"));
    }

    // The same with control characters, which JSON escapes as \u00XX (the fields' text is
    // written by RapidJSON now, whose own hex digits are upper case).
    void isStableWithControlCharacters()
    {
        model::Post post = samplePost();
        post.fields.body = QString::fromUtf16(u"B\x01\x0b\t\x1f end");
        post.fields.tags = {QString::fromUtf16(u"x\x1b")};
        QCOMPARE(sync::opIdFor(post),
                 QStringLiteral("op-396edaf51e2a2a8d0bc3d174fe7d118ec99c938c"));
    }

    void changesWithEveryPartOfTheVersion_data()
    {
        QTest::addColumn<int>("part");
        QTest::newRow("edit counter") << 0;
        QTest::newRow("rev") << 1;
        QTest::newRow("deleted") << 2;
        QTest::newRow("body") << 3;
        QTest::newRow("guid") << 4;
    }
    void changesWithEveryPartOfTheVersion()
    {
        QFETCH(int, part);
        model::Post other = samplePost();
        switch (part) {
        case 0:
            ++other.editCounter;
            break;
        case 1:
            ++other.rev;
            break;
        case 2:
            other.deleted = true;
            break;
        case 3:
            other.fields.body += u'.';
            break;
        default:
            other.guid = QStringLiteral("6f1c2b9e-8a4d-4c3e-9b2a-1d2e3f4a5b6d");
        }
        QVERIFY(sync::opIdFor(other) != sync::opIdFor(samplePost()));
        QCOMPARE(sync::opIdFor(other).size(), 43);
    }
};

QTEST_GUILESS_MAIN(TestOpId)
#include "tst_opid.moc"
