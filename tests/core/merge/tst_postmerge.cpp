#include "merge/postmerge.h"

#include "mergetestutil.h"

#include <QTest>

using namespace inkwell;
using namespace inkwell::merge;
using namespace inkwell::test;
using model::PostFields;
using model::PublishState;

namespace {

const Version kBase = post(QStringLiteral("Title"), QStringLiteral("one\n\ntwo\n\nthree\n"),
                           {QStringLiteral("a")}, kCoverA);

Version with(Version version, const std::function<void(PostFields &)> &change)
{
    change(version.fields);
    return version;
}

} // namespace

class TestPostMerge : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanMerges_data();
    void cleanMerges();
    void fieldConflictsAreReported();
    void resolvesFieldAndBodyConflicts();
    void resolveLeavesCleanMergeAlone();
    void editVersusDelete_data();
    void editVersusDelete();
};

void TestPostMerge::cleanMerges_data()
{
    QTest::addColumn<Version>("base");
    QTest::addColumn<Version>("mine");
    QTest::addColumn<Version>("theirs");
    QTest::addColumn<Version>("expected");

    const Version titleEdit = with(kBase, [](PostFields &f) { f.title = QStringLiteral("New"); });
    const Version bodyEdit = with(kBase, [](PostFields &f) { f.body += QStringLiteral("four\n"); });
    const Version both = with(titleEdit, [](PostFields &f) { f.body += QStringLiteral("four\n"); });
    QTest::newRow("title versus body") << kBase << titleEdit << bodyEdit << both;
    QTest::newRow("body versus title") << kBase << bodyEdit << titleEdit << both;
    QTest::newRow("identical edits") << kBase << both << both << both;
    const Version published = with(kBase, [](PostFields &f) { f.state = PublishState::Published; });
    QTest::newRow("state changed by one side, title by the other")
            << kBase << published << titleEdit
            << with(titleEdit, [](PostFields &f) { f.state = PublishState::Published; });
    const Version newCover = with(kBase, [](PostFields &f) { f.cover = kCoverB; });
    QTest::newRow("cover changed by theirs")
            << kBase << bodyEdit << newCover
            << with(bodyEdit, [](PostFields &f) { f.cover = kCoverB; });
    QTest::newRow("cover removed on both sides")
            << kBase << with(kBase, [](PostFields &f) { f.cover.clear(); })
            << with(kBase, [](PostFields &f) { f.cover.clear(); })
            << with(kBase, [](PostFields &f) { f.cover.clear(); });
    QTest::newRow("tags added on both sides")
            << kBase << with(kBase, [](PostFields &f) { f.tags << QStringLiteral("m"); })
            << with(kBase, [](PostFields &f) { f.tags << QStringLiteral("t"); })
            << with(kBase,
                    [](PostFields &f) { f.tags << QStringLiteral("m") << QStringLiteral("t"); });
    QTest::newRow("body paragraphs edited on both sides")
            << kBase
            << with(kBase,
                    [](PostFields &f) {
                        f.body.replace(QStringLiteral("one"), QStringLiteral("ONE"));
                    })
            << with(kBase,
                    [](PostFields &f) {
                        f.body.replace(QStringLiteral("three"), QStringLiteral("THREE"));
                    })
            << with(kBase, [](PostFields &f) { f.body = QStringLiteral("ONE\n\ntwo\n\nTHREE\n"); });
    QTest::newRow("both deleted") << kBase << deletedCopy(titleEdit) << deletedCopy(kBase)
                                  << deletedCopy(titleEdit);
    QTest::newRow("theirs deleted, mine untouched")
            << kBase << kBase << deletedCopy(kBase) << deletedCopy(kBase);
    QTest::newRow("mine deleted, theirs untouched")
            << kBase << deletedCopy(kBase) << kBase << deletedCopy(kBase);
    QTest::newRow("restored by mine with edits while theirs kept it deleted")
            << deletedCopy(kBase) << titleEdit << deletedCopy(kBase) << titleEdit;
}

void TestPostMerge::cleanMerges()
{
    QFETCH(Version, base);
    QFETCH(Version, mine);
    QFETCH(Version, theirs);
    QFETCH(Version, expected);
    const PostMerge merge = mergePost(base, mine, theirs);
    QVERIFY(merge.isClean());
    QCOMPARE(merge.merged, expected);
    const Result<Version> resolved = resolve(merge, Resolution{});
    QVERIFY(resolved.hasValue());
    QCOMPARE(resolved.value(), expected);
}

void TestPostMerge::fieldConflictsAreReported()
{
    const Version mine = with(kBase, [](PostFields &f) {
        f.title = QStringLiteral("Mine");
        f.cover = kCoverB;
        f.tags << QStringLiteral("m");
    });
    const Version theirs = with(kBase, [](PostFields &f) {
        f.title = QStringLiteral("Theirs");
        f.cover = kCoverC;
        f.body.replace(QStringLiteral("three"), QStringLiteral("THREE"));
    });
    const PostMerge merge = mergePost(kBase, mine, theirs);
    QVERIFY(!merge.isClean());
    QCOMPARE(merge.title,
             (FieldConflict<QString>{QStringLiteral("Title"), QStringLiteral("Mine"),
                                     QStringLiteral("Theirs")}));
    QCOMPARE(merge.cover, (FieldConflict<QString>{kCoverA, kCoverB, kCoverC}));
    QVERIFY(!merge.state);
    QVERIFY(!merge.body.hasConflicts());
    QCOMPARE(merge.deletion, DeleteConflict::None);
    // What merged automatically is already in `merged`; conflicting fields hold mine.
    QCOMPARE(merge.merged.fields.body, QStringLiteral("one\n\ntwo\n\nTHREE\n"));
    QCOMPARE(merge.merged.fields.tags, (QStringList{QStringLiteral("a"), QStringLiteral("m")}));
    QCOMPARE(merge.merged.fields.title, QStringLiteral("Mine"));
}

void TestPostMerge::resolvesFieldAndBodyConflicts()
{
    const Version mine = with(kBase, [](PostFields &f) {
        f.title = QStringLiteral("Mine");
        f.body.replace(QStringLiteral("two"), QStringLiteral("two (mine)"));
    });
    const Version theirs = with(kBase, [](PostFields &f) {
        f.title = QStringLiteral("Theirs");
        f.cover = kCoverB;
        f.body.replace(QStringLiteral("two"), QStringLiteral("two (theirs)"));
    });
    const PostMerge merge = mergePost(kBase, mine, theirs);
    QVERIFY(merge.title);
    QCOMPARE(merge.body.conflictCount(), 1);
    qsizetype conflictIndex = -1;
    for (qsizetype i = 0; i < merge.body.hunks().size(); ++i) {
        if (merge.body.hunks()[i].kind == HunkKind::Conflict)
            conflictIndex = i;
    }

    Resolution resolution;
    QVERIFY(!resolve(merge, resolution).hasValue()); // the body hunk is still open
    resolution.title = Resolution::Side::Theirs;
    resolution.bodyHunks.insert(conflictIndex,
                                HunkResolution{HunkResolution::Choice::MineThenTheirs, {}});
    Result<Version> resolved = resolve(merge, resolution);
    QVERIFY(resolved.hasValue());
    QCOMPARE(resolved->fields.title, QStringLiteral("Theirs"));
    QCOMPARE(resolved->fields.cover, kCoverB);
    QCOMPARE(resolved->fields.body, QStringLiteral("one\n\ntwo (mine)\ntwo (theirs)\n\nthree\n"));
    QVERIFY(!resolved->deleted);

    resolution.customTitle = QStringLiteral("Both of us");
    resolved = resolve(merge, resolution);
    QVERIFY(resolved.hasValue());
    QCOMPARE(resolved->fields.title, QStringLiteral("Both of us"));
}

void TestPostMerge::resolveLeavesCleanMergeAlone()
{
    const Version mine = with(kBase, [](PostFields &f) { f.title = QStringLiteral("Mine"); });
    Resolution resolution;
    resolution.title = Resolution::Side::Theirs;
    resolution.deletion = Resolution::Deletion::AcceptDelete;
    const Result<Version> resolved = resolve(mergePost(kBase, mine, kBase), resolution);
    QVERIFY(resolved.hasValue());
    QCOMPARE(resolved.value(), mine);
}

void TestPostMerge::editVersusDelete_data()
{
    QTest::addColumn<bool>("mineDeletes");
    QTest::addColumn<int>("expected");
    QTest::newRow("mine deleted, theirs edited")
            << true << int(DeleteConflict::MineDeletedTheirsEdited);
    QTest::newRow("theirs deleted, mine edited")
            << false << int(DeleteConflict::TheirsDeletedMineEdited);
}

void TestPostMerge::editVersusDelete()
{
    QFETCH(bool, mineDeletes);
    QFETCH(int, expected);
    const Version edited = with(kBase, [](PostFields &f) {
        f.title = QStringLiteral("Edited");
        f.body.replace(QStringLiteral("two"), QStringLiteral("two, edited"));
    });
    // Tombstones from the server may carry empty fields: they must not matter.
    const Version tombstone{PostFields{}, true};
    const PostMerge merge =
            mineDeletes ? mergePost(kBase, tombstone, edited) : mergePost(kBase, edited, tombstone);
    QVERIFY(!merge.isClean());
    QCOMPARE(int(merge.deletion), expected);
    QCOMPARE(merge.merged, edited);
    // The body hunks show the edits against base.
    bool showsEdit = false;
    for (const BodyHunk &hunk : merge.body.hunks())
        showsEdit |= hunk.kind != HunkKind::Unchanged
                && hunk.merged().contains(QStringLiteral("two, edited"));
    QVERIFY(showsEdit);

    Resolution resolution;
    resolution.deletion = Resolution::Deletion::RestoreWithEdits;
    QCOMPARE(resolve(merge, resolution).value(), edited);
    resolution.deletion = Resolution::Deletion::AcceptDelete;
    const Result<Version> accepted = resolve(merge, resolution);
    QVERIFY(accepted.hasValue());
    QVERIFY(accepted->deleted);
}

QTEST_GUILESS_MAIN(TestPostMerge)
#include "tst_postmerge.moc"
