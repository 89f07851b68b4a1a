// The public site in the server store, on both databases: slugs given at first publication in
// the push's transaction, unique in the blog and kept on rename; drafts, deleted posts and
// private blogs hidden; old slugs redirect; listing pages; the blog's site settings.
#include "server/store/schemaundo.h"
#include "server/store/serverstore.h"
#include "server/store/testdatabase.h"

#include <QTest>

using namespace inkwell;
using namespace inkwell::server::store;
using inkwell::protocol::Change;
using inkwell::test::undoSiteSchema;

namespace {

const QString guidA = QStringLiteral("6f1c2b9e-8a4d-4c3e-9b2a-1d2e3f4a5b6c");
const QString guidB = QStringLiteral("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
const QString guidC = QStringLiteral("1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e");

Change post(const QString &opId, const QString &guid, qint64 baseRev, const QString &title,
            model::PublishState state = model::PublishState::Published,
            const QStringList &tags = {})
{
    model::PostFields fields;
    fields.title = title;
    fields.body = QStringLiteral("Text");
    fields.tags = tags;
    fields.state = state;
    return Change{opId, guid, baseRev, false, fields};
}

struct Fixture
{
    std::shared_ptr<ServerStore> store;
    qint64 blog = 0;

    void push(const QList<Change> &changes) const
    {
        const auto outcomes = store->applyChanges(blog, QStringLiteral("ada"), changes);
        QVERIFY2(outcomes, qPrintable(test::failure(outcomes)));
        for (const ApplyOutcome &outcome : *outcomes)
            QCOMPARE(outcome.result.status, protocol::ItemStatus::Applied);
    }
    QString slugOf(const QString &guid) const
    {
        const auto slug = store->sitePostSlug(blog, guid);
        return slug && *slug ? **slug : QString();
    }
    QStringList listed(int offset = 0, int limit = 10, const QString &tag = {}) const
    {
        QStringList slugs;
        const auto page = store->sitePosts(blog, offset, limit, tag);
        for (const SitePost &p : page ? page->posts : QList<SitePost>())
            slugs.append(p.slug);
        return slugs;
    }
};

std::optional<Fixture> makeFixture(const QString &url)
{
    Result<std::shared_ptr<ServerStore>> store = ServerStore::open(url);
    if (!store)
        return std::nullopt;
    const qint64 ada = (*store)->createAccount(QStringLiteral("ada"), "hash").value();
    return Fixture{*store, (*store)->createBlog(QStringLiteral("Travel Notes"), ada).value()};
}

} // namespace

class tst_SiteStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { test::addBackendRows(); }

    void firstPublicationGivesTheSlug();
    void slugsAreUniqueInTheBlog();
    void draftAndDeletedPostsAreHidden();
    void oldSlugsRedirect();
    void listingPagesNewestFirstAndByTag();
    void blogsArePrivateUntilMadePublic();
    void migrationGivesPublishedPostsSlugs();
};

void tst_SiteStore::firstPublicationGivesTheSlug()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    f->push({post(QStringLiteral("1"), guidA, 0, QStringLiteral("Draft title"),
                  model::PublishState::Draft)});
    QCOMPARE(f->slugOf(guidA), QString());
    f->push({post(QStringLiteral("2"), guidA, 1, QStringLiteral("Über Berge & Täler!"))});
    const QString slug = f->slugOf(guidA);
    QVERIFY(!slug.isEmpty());
    QVERIFY(!slug.contains(u' '));
    // A later title keeps the slug.
    f->push({post(QStringLiteral("3"), guidA, 2, QStringLiteral("Another title"))});
    QCOMPARE(f->slugOf(guidA), slug);
    const auto found = f->store->sitePost(f->blog, slug);
    QVERIFY2(found, qPrintable(test::failure(found)));
    QVERIFY(found->post);
    QCOMPARE(found->post->post.fields.title, QStringLiteral("Another title"));
}

void tst_SiteStore::slugsAreUniqueInTheBlog()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    // Two posts with the same title in one push, a third later; and a reserved word.
    f->push({post(QStringLiteral("1"), guidA, 0, QStringLiteral("Hello")),
             post(QStringLiteral("2"), guidB, 0, QStringLiteral("Hello"))});
    f->push({post(QStringLiteral("3"), guidC, 0, QStringLiteral("Hello"))});
    const QSet<QString> slugs{f->slugOf(guidA), f->slugOf(guidB), f->slugOf(guidC)};
    QCOMPARE(slugs.size(), 3);
    QVERIFY(slugs.contains(QStringLiteral("hello")));
}

void tst_SiteStore::draftAndDeletedPostsAreHidden()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    f->push({post(QStringLiteral("1"), guidA, 0, QStringLiteral("Gone soon")),
             post(QStringLiteral("2"), guidB, 0, QStringLiteral("Deleted soon"))});
    const QString slug = f->slugOf(guidA);
    QCOMPARE(f->store->sitePostCount(f->blog).value(), 2);
    f->push({post(QStringLiteral("3"), guidA, 1, QStringLiteral("Gone soon"),
                  model::PublishState::Draft),
             Change{QStringLiteral("4"), guidB, 2, true, {}}});
    QCOMPARE(f->slugOf(guidA), QString());
    QCOMPARE(f->slugOf(guidB), QString());
    QVERIFY(!f->store->sitePost(f->blog, slug)->post);
    QCOMPARE(f->listed(), QStringList());
    QCOMPARE(f->store->sitePostCount(f->blog).value(), 0);
    // Published again: the same slug, back in its place.
    f->push({post(QStringLiteral("5"), guidA, 3, QStringLiteral("New title"))});
    QCOMPARE(f->slugOf(guidA), slug);
}

void tst_SiteStore::oldSlugsRedirect()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    f->push({post(QStringLiteral("1"), guidA, 0, QStringLiteral("First name"))});
    const QString old = f->slugOf(guidA);
    const qint64 siteRev = f->store->siteBlogById(f->blog).value()->siteRev;
    QVERIFY(f->store->renamePostSlug(f->blog, guidA, QStringLiteral("better-name")));
    QCOMPARE(f->slugOf(guidA), QStringLiteral("better-name"));
    // The pages that link to the post change: the site's revision tells the page cache.
    QCOMPARE(f->store->siteBlogById(f->blog).value()->siteRev, siteRev + 1);
    const auto lookup = f->store->sitePost(f->blog, old);
    QVERIFY(lookup);
    QVERIFY(!lookup->post);
    QCOMPARE(lookup->redirectTo, QStringLiteral("better-name"));
    // The old slug stays taken; bad slugs are refused.
    f->push({post(QStringLiteral("2"), guidB, 0, QStringLiteral("First name"))});
    QVERIFY(f->slugOf(guidB) != old);
    QCOMPARE(f->store->renamePostSlug(f->blog, guidB, QStringLiteral("better-name")).error().code,
             ErrorCode::Conflict);
    QCOMPARE(f->store->renamePostSlug(f->blog, guidB, QStringLiteral("../x")).error().code,
             ErrorCode::InvalidArgument);
}

void tst_SiteStore::listingPagesNewestFirstAndByTag()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    const QStringList travel{QStringLiteral("travel")};
    f->push({post(QStringLiteral("1"), guidA, 0, QStringLiteral("One"),
                  model::PublishState::Published, travel)});
    QTRY_VERIFY(QDateTime::currentDateTimeUtc()
                > f->store->sitePost(f->blog, QStringLiteral("one"))->post->publishedAt);
    f->push({post(QStringLiteral("2"), guidB, 0, QStringLiteral("Two"))});
    QTRY_VERIFY(QDateTime::currentDateTimeUtc()
                > f->store->sitePost(f->blog, QStringLiteral("two"))->post->publishedAt);
    f->push({post(QStringLiteral("3"), guidC, 0, QStringLiteral("Three"),
                  model::PublishState::Published, travel)});
    // An edit does not move a post.
    f->push({post(QStringLiteral("4"), guidA, 1, QStringLiteral("One again"),
                  model::PublishState::Published, travel)});
    QCOMPARE(f->listed(),
             (QStringList{QStringLiteral("three"), QStringLiteral("two"), QStringLiteral("one")}));
    QCOMPARE(f->listed(1, 1), QStringList{QStringLiteral("two")});
    QVERIFY(f->store->sitePosts(f->blog, 0, 2)->more);
    QVERIFY(!f->store->sitePosts(f->blog, 1, 2)->more);
    QCOMPARE(f->listed(0, 10, QStringLiteral("travel")),
             (QStringList{QStringLiteral("three"), QStringLiteral("one")}));
    QCOMPARE(f->listed(0, 10, QStringLiteral("trav")), QStringList());
}

void tst_SiteStore::blogsArePrivateUntilMadePublic()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    QVERIFY(!f->store->siteBlogById(f->blog).value()->isPublic);
    SiteSettings settings;
    settings.isPublic = true;
    settings.description = QStringLiteral("Roads and rivers");
    const auto made = f->store->setSiteSettings(f->blog, settings);
    QVERIFY2(made, qPrintable(test::failure(made)));
    QCOMPARE(made->slug, QStringLiteral("travel-notes"));
    const auto found = f->store->siteBlog(QStringLiteral("travel-notes"));
    QVERIFY(found && *found);
    QCOMPARE((*found)->description, QStringLiteral("Roads and rivers"));
    // A second blog of the same name gets another slug; a taken or bad slug is refused.
    const qint64 other = f->store->createBlog(QStringLiteral("Travel notes"), 1).value();
    QCOMPARE(f->store->setSiteSettings(other, settings)->slug, QStringLiteral("travel-notes-2"));
    SiteSettings taken;
    taken.slug = QStringLiteral("travel-notes");
    QCOMPARE(f->store->setSiteSettings(other, taken).error().code, ErrorCode::Conflict);
    taken.slug = QStringLiteral("Bad Slug");
    QCOMPARE(f->store->setSiteSettings(other, taken).error().code, ErrorCode::InvalidArgument);
    SiteSettings hidden;
    hidden.isPublic = false;
    QVERIFY(f->store->setSiteSettings(f->blog, hidden));
    QVERIFY(!f->store->siteBlog(QStringLiteral("travel-notes")).value().has_value());
    QCOMPARE(f->store->setSiteSettings(999, hidden).error().code, ErrorCode::NotFound);
}

void tst_SiteStore::migrationGivesPublishedPostsSlugs()
{
    INKWELL_TEST_DATABASE(db);
    {
        auto f = makeFixture(db.url());
        QVERIFY(f);
        f->push({post(QStringLiteral("1"), guidA, 0, QStringLiteral("Old post")),
                 post(QStringLiteral("2"), guidB, 0, QStringLiteral("Old draft"),
                      model::PublishState::Draft)});
    }
    // The database as the previous schema left it.
    QStringList undo = undoSiteSchema();
    undo.append(QStringLiteral("DELETE FROM schema_migrations WHERE version >= 6"));
    for (const QString &sql : undo)
        QCOMPARE(db.exec(sql), QString());
    Result<std::shared_ptr<ServerStore>> store = ServerStore::open(db.url());
    QVERIFY2(store, qPrintable(test::failure(store)));
    QCOMPARE((*store)->sitePostSlug(1, guidA).value(), std::optional(QStringLiteral("old-post")));
    QCOMPARE((*store)->sitePostSlug(1, guidB).value(), std::optional<QString>());
}

QTEST_GUILESS_MAIN(tst_SiteStore)
#include "tst_sitestore.moc"
