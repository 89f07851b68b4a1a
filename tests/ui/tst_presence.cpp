// "Anna is editing" in the post list and the editor's header, from presence as the syncer
// reports it, gone when the entry expires. Information only: the post stays editable.
#include "fakesyncservice.h"
#include "uitestutil.h"

#include "editing/editsession.h"
#include "ui/editor/bodyedit.h"
#include "ui/editor/posteditor.h"
#include "ui/list/postdelegate.h"
#include "ui/list/postlistmodel.h"
#include "ui/list/postlistpane.h"
#include "ui/sync/presencetext.h"
#include "ui/window/mainwindow.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPainter>
#include <QSignalSpy>
#include <QTest>

using namespace inkwell;
using protocol::PresenceEntry;

namespace {

PresenceEntry entry(const QString &guid, const QString &user, int secondsLeft = 30)
{
    return {guid, user, QStringLiteral("editing"), secondsLeft};
}

// The row as the delegate paints it, at the view's width.
QImage paintedRow(QListView *view, const QModelIndex &index)
{
    QStyleOptionViewItem option;
    option.initFrom(view);
    option.rect = QRect(QPoint(0, 0), view->itemDelegate()->sizeHint(option, index));
    option.rect.setWidth(view->viewport()->width());
    QImage image(option.rect.size(), QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    view->itemDelegate()->paint(&painter, option, index);
    return image;
}

} // namespace

class TestPresence : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sentenceNamesUpToTwoAndCountsTheRest()
    {
        using ui::PresenceText;
        QVERIFY(PresenceText::editing({}).isEmpty());
        QCOMPARE(PresenceText::editing({QStringLiteral("Anna")}),
                 QStringLiteral("Anna is editing"));
        QCOMPARE(PresenceText::editing({QStringLiteral("Anna"), QStringLiteral("Ben")}),
                 QStringLiteral("Anna and Ben are editing"));
        QCOMPARE(PresenceText::editing({QStringLiteral("Anna"), QStringLiteral("Ben"),
                                        QStringLiteral("Carl"), QStringLiteral("Dora")}),
                 QStringLiteral("Anna, Ben and 2 others are editing"));
        QCOMPARE(PresenceText::editing(
                         {QStringLiteral("Anna"), QStringLiteral("Ben"), QStringLiteral("Carl")}),
                 QStringLiteral("Anna, Ben and one other are editing"));
    }

    void colleagueShowsInTheListAndTheEditorUntilTheEntryExpires()
    {
        test::StoreFixture fixture;
        const model::Post open =
                fixture.create(QStringLiteral("Open here"), QStringLiteral("text"));
        const model::Post other = fixture.create(QStringLiteral("Another"), QStringLiteral("more"));
        test::FakeSyncService sync;
        ui::MainWindow window(*fixture.store, &sync);
        window.resize(1100, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openPost(open.guid);
        QCOMPARE(window.editor()->guid(), open.guid);
        ui::PostListModel *model = window.listPane()->model();
        QAbstractItemModelTester tester(model);
        QLabel *header = window.editor()->editorsLabel();
        QVERIFY(header->isHidden());
        const QModelIndex row = model->index(model->rowOf(open.guid));
        const QImage alone = paintedRow(window.listPane()->view(), row);
        QSignalSpy dataChanged(model, &QAbstractItemModel::dataChanged);

        // Ben's entry lives one second; Anna's is renewed as long as the test runs.
        sync.presence.update(1,
                             {entry(open.guid, QStringLiteral("Ben"), 1),
                              entry(open.guid, QStringLiteral("Anna"))});
        QCOMPARE(model->data(row, ui::PostListModel::EditorsRole).toStringList(),
                 QStringList({QStringLiteral("Anna"), QStringLiteral("Ben")}));
        QVERIFY(!dataChanged.isEmpty());
        QVERIFY(model->data(row, Qt::ToolTipRole).toString().contains(QStringLiteral("Ben")));
        QVERIFY(model->data(model->index(model->rowOf(other.guid)), ui::PostListModel::EditorsRole)
                        .toStringList()
                        .isEmpty());
        QVERIFY(header->isVisible());
        QCOMPARE(header->text(), QStringLiteral("Anna and Ben are editing"));
        QVERIFY(paintedRow(window.listPane()->view(), row) != alone);

        // Ben drops off: nothing more comes from him, and his entry expires by itself.
        QTRY_COMPARE_WITH_TIMEOUT(header->text(), QStringLiteral("Anna is editing"), 5000);
        QCOMPARE(model->data(row, ui::PostListModel::EditorsRole).toStringList(),
                 QStringList{QStringLiteral("Anna")});

        // Never a lock: the writer types on.
        QVERIFY(window.editor()->bodyEdit()->isEnabled());
        QTest::keyClicks(window.editor()->titleEdit(), QStringLiteral(" too"));
        QCOMPARE(window.editor()->session()->fields().title, QStringLiteral("Open here too"));

        // Anna closes the post: the next answer no longer lists her.
        sync.presence.update(1, {});
        QVERIFY(header->isHidden());
        QVERIFY(model->data(row, ui::PostListModel::EditorsRole).toStringList().isEmpty());
        QCOMPARE(paintedRow(window.listPane()->view(), row), alone);
    }

    void presenceOfAnotherBlogIsNotShown()
    {
        test::StoreFixture fixture;
        const model::Post post = fixture.create(QStringLiteral("Blog one"), {},
                                                model::PublishState::Draft, QStringLiteral("1"));
        const model::Post local = fixture.create(QStringLiteral("Local only"), {},
                                                 model::PublishState::Draft, QString());
        test::FakeSyncService sync;
        ui::MainWindow window(*fixture.store, &sync);
        window.show();
        window.openPost(post.guid);
        // The same guid reported in another blog (a server must not mix them; the client
        // keys by blog anyway), and a local-only post nobody else can have.
        sync.presence.update(2,
                             {entry(post.guid, QStringLiteral("Eve")),
                              entry(local.guid, QStringLiteral("Eve"))});
        ui::PostListModel *model = window.listPane()->model();
        QVERIFY(model->data(model->index(model->rowOf(post.guid)), ui::PostListModel::EditorsRole)
                        .toStringList()
                        .isEmpty());
        QVERIFY(model->data(model->index(model->rowOf(local.guid)), ui::PostListModel::EditorsRole)
                        .toStringList()
                        .isEmpty());
        QVERIFY(window.editor()->editorsLabel()->isHidden());
    }

    void openingAnotherPostShowsItsOwnEditors()
    {
        test::StoreFixture fixture;
        const model::Post first = fixture.create(QStringLiteral("First"));
        const model::Post second = fixture.create(QStringLiteral("Second"));
        test::FakeSyncService sync;
        ui::MainWindow window(*fixture.store, &sync);
        window.show();
        sync.presence.update(1, {entry(second.guid, QStringLiteral("Anna"))});
        window.openPost(first.guid);
        QVERIFY(window.editor()->editorsLabel()->isHidden());
        window.openPost(second.guid);
        QVERIFY(window.editor()->editorsLabel()->isVisible());
        QCOMPARE(window.editor()->editorsLabel()->text(), QStringLiteral("Anna is editing"));
        QCOMPARE(window.editor()->editorsLabel()->toolTip(), QStringLiteral("Editing now: Anna"));
    }
};

QTEST_MAIN(TestPresence)
#include "tst_presence.moc"
