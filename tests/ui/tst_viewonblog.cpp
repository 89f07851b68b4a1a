// "View on the Blog" and the note that the blog shows an older version, offscreen in the main
// window over a fake page service: enabled only for a post the server has published (and a
// server with sites), the browser opened at the page the service names, and the note shown
// while local edits of a published post are not synced.
#include "fakesyncservice.h"
#include "uitestutil.h"

#include "store/syncrepository.h"
#include "ui/editor/posteditor.h"
#include "ui/publish/blogpageservice.h"
#include "ui/publish/viewonblog.h"
#include "ui/window/mainwindow.h"

#include <QAction>
#include <QDesktopServices>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStatusBar>

using namespace inkwell;

namespace {

class FakeBlogPageService final : public ui::BlogPageService
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeBlogPageService)

public:
    FakeBlogPageService() = default;

    bool hasSite() const override { return site; }
    void findPage(const QString &blog, const QString &guid) override
    {
        asked.append(blog + u'/' + guid);
    }
    void setSite(bool hasSite)
    {
        site = hasSite;
        Q_EMIT hasSiteChanged(hasSite);
    }

    bool site = true;
    QStringList asked;
};

// Receives the URLs QDesktopServices::openUrl() is asked to open.
class UrlCatcher final : public QObject
{
    Q_OBJECT

public:
    QList<QUrl> opened;

public Q_SLOTS:
    void open(const QUrl &url) { opened.append(url); }
};

model::Post serverPost(test::StoreFixture &fixture, model::PublishState state)
{
    model::Revision revision;
    revision.guid = model::createGuid();
    revision.rev = 3;
    revision.fields.title = QStringLiteral("On the ridge");
    revision.fields.body = QStringLiteral("Wind.\n");
    revision.fields.state = state;
    revision.modifiedAt = QDateTime::currentDateTimeUtc();
    auto applied = fixture.store->sync().upsertFromServer(QStringLiteral("1"), revision);
    if (!applied)
        qFatal("upsertFromServer failed");
    return *fixture.store->posts().post(revision.guid);
}

} // namespace

class TestViewOnBlog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { QDesktopServices::setUrlHandler(QStringLiteral("http"), &m_urls, "open"); }
    void cleanup()
    {
        QDesktopServices::unsetUrlHandler(QStringLiteral("http"));
        m_urls.opened.clear();
    }

    void opensThePageOfAPublishedPost()
    {
        test::StoreFixture fixture;
        const model::Post post = serverPost(fixture, model::PublishState::Published);
        test::FakeSyncService sync;
        FakeBlogPageService pages;
        ui::MainWindow window(*fixture.store, &sync);
        window.setBlogPageService(&pages);
        window.show();
        window.openPost(post.guid);
        QAction *view = window.actions().viewOnBlog;
        QVERIFY(view->isEnabled());
        view->trigger();
        QCOMPARE(pages.asked, QStringList{QStringLiteral("1/") + post.guid});
        const QUrl page(QStringLiteral("http://127.0.0.1:9/b/notes/on-the-ridge/"));
        Q_EMIT pages.pageFound(post.guid, page);
        QCOMPARE(m_urls.opened, QList<QUrl>{page});
        // An answer nobody asked for (or a second one) opens nothing.
        Q_EMIT pages.pageFound(post.guid, page);
        QCOMPARE(m_urls.opened.size(), 1);
        // A server without sites: nothing to view.
        pages.setSite(false);
        QVERIFY(!view->isEnabled());
        pages.setSite(true);
        QVERIFY(view->isEnabled());
    }

    void aFailureIsShown()
    {
        test::StoreFixture fixture;
        const model::Post post = serverPost(fixture, model::PublishState::Published);
        test::FakeSyncService sync;
        FakeBlogPageService pages;
        ui::MainWindow window(*fixture.store, &sync);
        window.setBlogPageService(&pages);
        window.show();
        window.openPost(post.guid);
        window.actions().viewOnBlog->trigger();
        Q_EMIT pages.pageFailed(post.guid, QStringLiteral("The blog is private."));
        QVERIFY(m_urls.opened.isEmpty());
        const auto labels = window.findChildren<QLabel *>();
        const bool shown = std::any_of(labels.begin(), labels.end(), [](QLabel *label) {
            return label->isVisible() && label->text().contains(QLatin1String("private"));
        });
        QVERIFY(shown);
    }

    void disabledForDraftsAndUnsyncedPosts()
    {
        test::StoreFixture fixture;
        const model::Post draft = serverPost(fixture, model::PublishState::Draft);
        const model::Post local = fixture.create(QStringLiteral("Local"), QStringLiteral("x"),
                                                 model::PublishState::Published);
        test::FakeSyncService sync;
        FakeBlogPageService pages;
        ui::MainWindow window(*fixture.store, &sync);
        window.setBlogPageService(&pages);
        window.show();
        QAction *view = window.actions().viewOnBlog;
        window.openPost(draft.guid);
        QVERIFY(!view->isEnabled());
        window.openPost(local.guid);
        QVERIFY(!view->isEnabled());
        view->trigger();
        QVERIFY(pages.asked.isEmpty());
        // Without a service (signed out, offline only) the action stays disabled too.
        ui::MainWindow alone(*fixture.store, &sync);
        alone.openPost(serverPost(fixture, model::PublishState::Published).guid);
        QVERIFY(!alone.actions().viewOnBlog->isEnabled());
    }

    void noteShowsWhileLocalEditsAreNotOnTheBlog()
    {
        test::StoreFixture fixture;
        const model::Post post = serverPost(fixture, model::PublishState::Published);
        test::FakeSyncService sync;
        FakeBlogPageService pages;
        ui::MainWindow window(*fixture.store, &sync);
        window.setBlogPageService(&pages);
        window.show();
        window.openPost(post.guid);
        auto *note = window.statusBar()->findChild<QLabel *>(QStringLiteral("blogVersionNote"));
        QVERIFY(note);
        QVERIFY(!note->isVisible());
        window.editor()->titleEdit()->setFocus();
        QTest::keyClicks(window.editor()->titleEdit(), QStringLiteral(", again"));
        QVERIFY(window.editor()->save());
        QTRY_VERIFY(note->isVisible());
        QCOMPARE(note->text(), ui::ViewOnBlog::olderVersionText());
        // Still published on the server: the page can be viewed meanwhile.
        QVERIFY(window.actions().viewOnBlog->isEnabled());
        // The sync brings the edit to the server: the blog shows it, the note goes.
        const model::Post edited = *fixture.store->posts().post(post.guid);
        model::Revision pushed;
        pushed.guid = post.guid;
        pushed.rev = 4;
        pushed.fields = edited.fields;
        QVERIFY(fixture.store->sync().acknowledgePushes({{pushed, edited.editCounter}}));
        QTRY_VERIFY(!note->isVisible());
    }

private:
    UrlCatcher m_urls;
};

QTEST_MAIN(TestViewOnBlog)
#include "tst_viewonblog.moc"
