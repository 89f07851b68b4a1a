#include "store/syncrepository.h"
#include "ui/list/postlistmodel.h"
#include "uitestutil.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>

using namespace inkwell;
using ui::PostListModel;

class TestPostListModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pagesInOnDemandNewestFirst();
    void filtersByState_data();
    void filtersByState();
    void searchNarrowsTheList();
    void changedPostMovesToTopAndOthersStay();
    void deletedPostLeavesTheList();
    void newPostAppearsAtTop();
    void badgeFollowsSyncState();
};

void TestPostListModel::pagesInOnDemandNewestFirst()
{
    test::StoreFixture fixture;
    const int total = PostListModel::PageSize + 30;
    for (int i = 0; i < total; ++i)
        fixture.create(QStringLiteral("Post %1").arg(i));
    PostListModel model(*fixture.store);
    model.reload();
    QCOMPARE(model.rowCount(), PostListModel::PageSize);
    QVERIFY(model.canFetchMore({}));
    // The tester fetches the next page itself (and checks the insertion); a reset while it
    // watches a model with more to fetch would make it fetch inside the reset notification.
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.fetchMore({});
    QCOMPARE(model.rowCount(), total);
    QVERIFY(!model.canFetchMore({}));
    for (int row = 1; row < model.rowCount(); ++row) {
        QVERIFY(model.index(row - 1).data(PostListModel::ModifiedRole).toDateTime()
                >= model.index(row).data(PostListModel::ModifiedRole).toDateTime());
    }
}

void TestPostListModel::filtersByState_data()
{
    QTest::addColumn<int>("filter");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("all") << int(store::PostFilter::All) << QStringList{"p", "d"};
    QTest::newRow("drafts") << int(store::PostFilter::Drafts) << QStringList{"d"};
    QTest::newRow("published") << int(store::PostFilter::Published) << QStringList{"p"};
    QTest::newRow("conflicted") << int(store::PostFilter::Conflicted) << QStringList{};
}

void TestPostListModel::filtersByState()
{
    QFETCH(int, filter);
    QFETCH(QStringList, expected);
    test::StoreFixture fixture;
    fixture.create(QStringLiteral("d"), {}, model::PublishState::Draft);
    fixture.create(QStringLiteral("p"), {}, model::PublishState::Published);
    PostListModel model(*fixture.store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFilter(store::PostFilter(filter));
    model.reload();
    QStringList titles;
    for (int row = 0; row < model.rowCount(); ++row)
        titles << model.index(row).data(PostListModel::TitleRole).toString();
    titles.sort();
    expected.sort();
    QCOMPARE(titles, expected);
}

void TestPostListModel::searchNarrowsTheList()
{
    test::StoreFixture fixture;
    fixture.create(QStringLiteral("Mountain walk"), QStringLiteral("ridge and valley"));
    fixture.create(QStringLiteral("City trip"), QStringLiteral("museums"));
    fixture.create(QStringLiteral("Recipes"), QStringLiteral("a mountain of pancakes"));
    PostListModel model(*fixture.store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.reload();
    QCOMPARE(model.rowCount(), 3);
    model.setSearchText(QStringLiteral("mount"));
    QCOMPARE(model.rowCount(), 2);
    model.setSearchText(QStringLiteral("museums"));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0).data(PostListModel::TitleRole).toString(), QStringLiteral("City trip"));
    model.setSearchText({});
    QCOMPARE(model.rowCount(), 3);
}

void TestPostListModel::changedPostMovesToTopAndOthersStay()
{
    test::StoreFixture fixture;
    const model::Post first = fixture.create(QStringLiteral("first"));
    QTest::qWait(5); // distinct modification times
    fixture.create(QStringLiteral("second"));
    QTest::qWait(5);
    fixture.create(QStringLiteral("third"));
    PostListModel model(*fixture.store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.reload();
    QCOMPARE(model.rowOf(first.guid), 2);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy moves(&model, &QAbstractItemModel::rowsMoved);
    QTest::qWait(5);
    model::PostFields fields = first.fields;
    fields.title = QStringLiteral("first, edited");
    QVERIFY(fixture.store->posts().update(first.guid, fields));
    model.refresh({first.guid});
    QCOMPARE(resets.count(), 0);
    QCOMPARE(moves.count(), 1);
    QCOMPARE(model.rowOf(first.guid), 0);
    QCOMPARE(model.index(0).data(PostListModel::TitleRole).toString(),
             QStringLiteral("first, edited"));
    QCOMPARE(model.index(1).data(PostListModel::TitleRole).toString(), QStringLiteral("third"));
}

void TestPostListModel::deletedPostLeavesTheList()
{
    test::StoreFixture fixture;
    const model::Post post = fixture.create(QStringLiteral("doomed"));
    fixture.create(QStringLiteral("kept"));
    PostListModel model(*fixture.store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.reload();
    QVERIFY(fixture.store->posts().remove(post.guid));
    model.refresh({post.guid});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.rowOf(post.guid), -1);
}

void TestPostListModel::newPostAppearsAtTop()
{
    test::StoreFixture fixture;
    fixture.create(QStringLiteral("old"));
    PostListModel model(*fixture.store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.reload();
    QTest::qWait(5);
    const model::Post fresh = fixture.create(QStringLiteral("new"));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.refresh({fresh.guid});
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowOf(fresh.guid), 0);
}

void TestPostListModel::badgeFollowsSyncState()
{
    test::StoreFixture fixture;
    const model::Post local =
            fixture.create(QStringLiteral("local"), {}, model::PublishState::Draft, QString());
    const model::Post pending = fixture.create(QStringLiteral("pending"));
    model::Revision theirs;
    theirs.guid = pending.guid;
    theirs.rev = 7;
    theirs.fields = pending.fields;
    theirs.fields.title = QStringLiteral("theirs");
    QVERIFY(fixture.store->sync().markConflicted(pending.guid, theirs));
    PostListModel model(*fixture.store);
    model.reload();
    const auto badge = [&](const QString &guid) {
        return model.index(model.rowOf(guid))
                .data(PostListModel::BadgeRole)
                .value<PostListModel::Badge>();
    };
    QCOMPARE(badge(local.guid), PostListModel::Badge::LocalOnly);
    QCOMPARE(badge(pending.guid), PostListModel::Badge::Conflicted);
}

QTEST_GUILESS_MAIN(TestPostListModel)
#include "tst_postlistmodel.moc"
