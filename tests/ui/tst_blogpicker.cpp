// The blog picker in the main window: hidden with one blog, switching shows that blog's posts,
// new posts land in the chosen blog, and, against the real server, the choice survives a
// restart and posts written while signed out join the chosen blog.
#include "account/blogchoice.h"
#include "editorapplication.h"
#include "fakesyncservice.h"
#include "support/serverlauncher.h"
#include "ui/common/messagebar.h"
#include "ui/editor/posteditor.h"
#include "ui/list/postlistmodel.h"
#include "ui/list/postlistpane.h"
#include "ui/window/mainwindow.h"
#include "uitestutil.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QListView>
#include <QSettings>
#include <QStandardPaths>

using namespace inkwell;

namespace {

const protocol::BlogSummary Travel{3, QStringLiteral("Travel")};
const protocol::BlogSummary Recipes{7, QStringLiteral("Recipes")};

QComboBox *picker(QWidget *window)
{
    return window->findChild<QComboBox *>(QStringLiteral("blogPicker"));
}

// The titles the list shows, sorted (posts made in the same millisecond list in guid order).
QStringList listedTitles(ui::MainWindow &window)
{
    QStringList titles;
    QAbstractItemModel *model = window.listPane()->view()->model();
    for (int row = 0; row < model->rowCount(); ++row)
        titles.append(model->index(row, 0).data(ui::PostListModel::TitleRole).toString());
    titles.sort();
    return titles;
}

// The guid of the listed post titled "Written on the train".
QString trainGuid(ui::MainWindow &window)
{
    QAbstractItemModel *model = window.listPane()->view()->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        if (index.data(ui::PostListModel::TitleRole).toString() == u"Written on the train")
            return index.data(ui::PostListModel::GuidRole).toString();
    }
    return {};
}

// A main window over a fresh store with a fake syncer, showing blogs.
struct PickerWindow
{
    test::StoreFixture fixture;
    test::FakeSyncService sync;
    account::BlogChoice blogs;
    ui::MainWindow window{*fixture.store, &sync};

    bool show(const QList<protocol::BlogSummary> &list)
    {
        blogs.setBlogs(list);
        window.setBlogChoice(&blogs);
        window.show();
        return QTest::qWaitForWindowExposed(&window);
    }
    // The writer moves the picker one blog down (Qt::Key_Down) or up.
    void pick(Qt::Key key)
    {
        picker(&window)->setFocus();
        QTest::keyClick(picker(&window), key);
    }
};

} // namespace

class TestBlogPicker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void hiddenWithOneBlogShownWithSeveral();
    void switchingShowsThatBlogsPosts();
    void newPostLandsInTheChosenBlog();
    void theChoiceSurvivesARestartAndAdoptsOfflinePosts();
};

void TestBlogPicker::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    // Without a keychain (plain ctest, no D-Bus) the editor asks where to keep the token.
    test::answerMessageBoxes(this, {QStringLiteral("Do Not Keep"), QStringLiteral("OK")});
}

void TestBlogPicker::hiddenWithOneBlogShownWithSeveral()
{
    PickerWindow shown;
    QVERIFY(shown.show({}));
    QComboBox *combo = picker(&shown.window);
    QVERIFY(combo);
    QVERIFY(!combo->isVisible()); // signed out
    shown.blogs.setBlogs({Travel});
    QVERIFY(!combo->isVisible()); // nothing to choose
    shown.blogs.setBlogs({Travel, Recipes});
    QTRY_VERIFY(combo->isVisible());
    QCOMPARE(combo->count(), 2);
    QCOMPARE(combo->itemText(0), QStringLiteral("Travel"));
    QCOMPARE(combo->itemText(1), QStringLiteral("Recipes"));
    QCOMPARE(combo->currentText(), QStringLiteral("Travel"));
    shown.blogs.choose(7); // chosen elsewhere (a restored setting): the combo follows
    QCOMPARE(combo->currentText(), QStringLiteral("Recipes"));
}

void TestBlogPicker::switchingShowsThatBlogsPosts()
{
    PickerWindow shown;
    test::StoreFixture &fixture = shown.fixture;
    fixture.create(QStringLiteral("Lisbon"), {}, model::PublishState::Draft, QStringLiteral("3"));
    fixture.create(QStringLiteral("Porto"), {}, model::PublishState::Draft, QStringLiteral("3"));
    const model::Post soup = fixture.create(QStringLiteral("Soup"), {}, model::PublishState::Draft,
                                            QStringLiteral("7"));
    QVERIFY(shown.show({Travel, Recipes}));
    ui::MainWindow &window = shown.window;
    const QStringList travel{QStringLiteral("Lisbon"), QStringLiteral("Porto")};
    QCOMPARE(listedTitles(window), travel);
    QCOMPARE(fixture.store->posts().post(window.editor()->guid())->blog, QStringLiteral("3"));

    shown.pick(Qt::Key_Down); // the writer picks Recipes
    QCOMPARE(shown.blogs.current(), 7);
    QCOMPARE(listedTitles(window), QStringList{QStringLiteral("Soup")});
    QCOMPARE(window.editor()->guid(), soup.guid); // the Travel post does not stay open

    // Search stays within the chosen blog.
    QTest::keyClicks(window.listPane()->searchField(), QStringLiteral("Lisbon"));
    QCOMPARE(listedTitles(window), QStringList());
    window.listPane()->searchField()->clear();

    shown.pick(Qt::Key_Up);
    QCOMPARE(listedTitles(window), travel);
}

void TestBlogPicker::newPostLandsInTheChosenBlog()
{
    PickerWindow shown;
    QVERIFY(shown.show({Travel, Recipes}));
    shown.pick(Qt::Key_Down);
    ui::MainWindow &window = shown.window;
    QTest::mouseClick(test::toolBarButton(&window, window.actions().newPost), Qt::LeftButton);
    const QString guid = window.editor()->guid();
    QVERIFY(!guid.isEmpty());
    QCOMPARE(shown.fixture.store->posts().post(guid)->blog, QStringLiteral("7"));
    QCOMPARE(window.listPane()->model()->rowOf(guid), 0);
}

void TestBlogPicker::theChoiceSurvivesARestartAndAdoptsOfflinePosts()
{
    test::ServerLauncher server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    QVERIFY(server.addUser(QStringLiteral("anna"), QStringLiteral("correct horse")));
    const qint64 travel = server.addBlog(QStringLiteral("Travel"), QStringLiteral("anna"));
    const qint64 recipes = server.addBlog(QStringLiteral("Recipes"), QStringLiteral("anna"));
    QVERIFY(travel > 0 && recipes > 0);
    test::TempDir dir;
    editor::EditorApplication::Options options;
    options.dataDir = dir.path();
    options.server = server.baseUrl();
    options.user = QStringLiteral("anna");
    qputenv("INKWELL_PASSWORD", "correct horse");

    QString soup;
    {
        editor::EditorApplication application(options);
        QVERIFY(application.start());
        ui::MainWindow *window = application.window();
        QComboBox *combo = picker(window);
        QTRY_VERIFY_WITH_TIMEOUT(combo->isVisible(), 15000);
        QCOMPARE(combo->currentText(), QStringLiteral("Travel"));
        combo->setFocus();
        QTest::keyClick(combo, Qt::Key_Down); // the writer picks Recipes
        QCOMPARE(combo->currentText(), QStringLiteral("Recipes"));
        QTest::mouseClick(test::toolBarButton(window, window->actions().newPost), Qt::LeftButton);
        soup = window->editor()->guid();
        QVERIFY(!soup.isEmpty());
        QCOMPARE(application.store()->posts().post(soup)->blog, QString::number(recipes));
    }
    {
        // Written while signed out, between the two runs.
        store::LocalStore store(QDir(dir.path()).filePath(QStringLiteral("inkwell.sqlite")));
        QVERIFY(store.open());
        model::PostFields fields;
        fields.title = QStringLiteral("Written on the train");
        QVERIFY(store.posts().create(QString(), fields));
    }
    editor::EditorApplication application(options);
    QVERIFY(application.start());
    ui::MainWindow *window = application.window();
    QComboBox *combo = picker(window);
    QTRY_VERIFY_WITH_TIMEOUT(combo->isVisible(), 15000);
    QCOMPARE(combo->currentText(), QStringLiteral("Recipes"));
    QTRY_COMPARE(listedTitles(*window).size(), 2);
    QVERIFY(listedTitles(*window).contains(QStringLiteral("Written on the train")));
    const auto train = application.store()->posts().post(trainGuid(*window));
    QVERIFY(train);
    QCOMPARE(train->blog, QString::number(recipes)); // the chosen blog, not the first
    auto *bar = window->findChild<ui::MessageBar *>(QStringLiteral("messageBar"));
    QVERIFY(bar);
    QVERIFY2(bar->text().contains(u"Recipes"), qPrintable(bar->text()));
    QVERIFY(window->listPane()->model()->rowOf(soup) >= 0);
}

QTEST_MAIN(TestBlogPicker)
#include "tst_blogpicker.moc"
