// The public site's routes (/b/{blog-slug}/...) and GET .../posts/{guid}/page: what readers see
// of a public blog, the one 404 for everything else, redirects, caching and security headers.
#include "apifixture.h"

#include "publish/siterenderer.h"
#include "server/store/serverstore.h"

using namespace inkwell;
using namespace inkwell::test;

namespace {

// A 1x1 PNG's first bytes are enough for the type check.
const QByteArray png = QByteArray("\x89PNG\r\n\x1a\n", 8) + QByteArray("image data");

QByteArray postJson(const QString &opId, const QString &postGuid, qint64 baseRev,
                    const QString &title, model::PublishState state, const QString &cover = {},
                    bool deleted = false)
{
    model::PostFields fields;
    fields.title = title;
    fields.body = QStringLiteral("Along the river.");
    fields.tags = {QStringLiteral("Rivers")};
    fields.state = state;
    fields.cover = cover;
    return QJsonDocument(QJsonObject{{"op_id", opId},
                                     {"guid", postGuid},
                                     {"base_rev", double(baseRev)},
                                     {"deleted", deleted},
                                     {"fields", fields.toJson()}})
            .toJson(QJsonDocument::Compact);
}

} // namespace

class tst_ApiSite : public QObject, private ApiFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { addBackendRows(); }
    void cleanupTestCase() { dropSharedDatabase(); }
    void init() { setUpServer(); }
    void cleanup() { tearDownServer(); }

    void publishedPostsHaveAPublicPage();
    void everyHiddenThingIsTheSame404();
    void postTakenBackToDraftDisappearsAtOnce();
    void listingsShowEveryChangeOfTheirPosts();
    void oldSlugsAndSlashlessPathsRedirect();
    void pagesAndMediaAnswerConditionalRequests();
    void onlyGetAndHeadAreAllowed();
    void pageRouteTellsMembersWhereAPostIs();

private:
    void push(const QByteArray &change)
    {
        const HttpResponse pushed =
                call("POST", blogPath(m_travel, "/sync"), syncBody(QString(), {change}, 1), m_ada);
        QCOMPARE(pushed.status, 200);
        QCOMPARE(json(pushed).value("results").toArray().at(0).toObject().value("status"),
                 QJsonValue(QStringLiteral("applied")));
    }
    void makePublic(qint64 blog, bool isPublic = true)
    {
        server::store::SiteSettings settings;
        settings.isPublic = isPublic;
        QVERIFY(m_store->setSiteSettings(blog, settings));
    }
    // Travel public, with guid(1) "Hello World" published (rev 1).
    void publishHello()
    {
        makePublic(m_travel);
        push(postJson(QStringLiteral("p1"), guid(1), 0, QStringLiteral("Hello World"),
                      model::PublishState::Published));
    }
    HttpResponse get(const QByteArray &target, const QByteArray &ifNoneMatch = {}) const
    {
        HttpRequest request;
        request.method = "GET";
        request.target = target;
        request.peerAddress = QStringLiteral("127.0.0.1");
        if (!ifNoneMatch.isEmpty())
            request.headers.append({"if-none-match", ifNoneMatch});
        return m_api->handle(request);
    }
};

void tst_ApiSite::publishedPostsHaveAPublicPage()
{
    publishHello();
    for (const QByteArray target : {"/b/travel/", "/b/travel/hello-world/", "/b/travel/feed.atom",
                                    "/b/travel/style.css", "/b/travel/tag/rivers/"}) {
        for (const QByteArray method : {"GET", "HEAD"}) {
            const HttpResponse page = call(method, target);
            QVERIFY2(page.status == 200, target.constData());
            QCOMPARE(header(page, "content-security-policy"),
                     QByteArray(publish::contentSecurityPolicy));
            QCOMPARE(header(page, "x-content-type-options"), QByteArray("nosniff"));
            QVERIFY(!header(page, "referrer-policy").isEmpty());
            QCOMPARE(header(page, "cache-control"), QByteArray("no-cache"));
            QVERIFY(header(page, "etag").startsWith('"'));
        }
    }
    QVERIFY(call("GET", "/b/travel/").contentType.startsWith("text/html"));
    const HttpResponse capabilities = call("GET", "/api/v1/capabilities");
    QVERIFY(json(capabilities).value("features").toArray().contains(QStringLiteral("site")));
}

void tst_ApiSite::everyHiddenThingIsTheSame404()
{
    publishHello();
    push(postJson(QStringLiteral("p2"), guid(2), 0, QStringLiteral("Secret draft"),
                  model::PublishState::Draft));
    push(postJson(QStringLiteral("p3"), guid(3), 0, QStringLiteral("Gone"),
                  model::PublishState::Published));
    push(postJson(QStringLiteral("p4"), guid(3), 3, QStringLiteral("Gone"),
                  model::PublishState::Published, {}, true));
    QVERIFY(m_store->setSiteSettings(
            m_food, {std::optional(false), std::nullopt, std::optional(QStringLiteral("food"))}));
    // The private blog and an unknown one give the very same answer.
    const HttpResponse privateBlog = call("GET", "/b/food/");
    const HttpResponse unknownBlog = call("GET", "/b/nothing-here/");
    QCOMPARE(privateBlog.status, 404);
    // (apart from the path the reader asked for)
    QCOMPARE(QByteArray(privateBlog.body).replace("/b/food/", "/b/x/"),
             QByteArray(unknownBlog.body).replace("/b/nothing-here/", "/b/x/"));
    QCOMPARE(privateBlog.headers, unknownBlog.headers);
    const QByteArrayList hidden{"/b/travel/secret-draft/",
                                "/b/travel/gone/",
                                "/b/travel/no-such-post/",
                                "/b/travel/page/2/",
                                "/b/travel/page/999999999/",
                                "/b/travel/page/99999999999999/",
                                "/b/travel/tag/nothing/",
                                "/b/travel/../../api/v1/blogs",
                                "/b/travel/%2e%2e/",
                                "/b/travel/media/" + sha256("never stored").toLatin1(),
                                "/b/travel/media/abc",
                                "/b/Travel/",
                                "/b/",
                                "/b/travel/hello-world/extra/",
                                "/b/food/style.css"};
    for (const QByteArray &target : hidden) {
        const HttpResponse answer = call("GET", target);
        QVERIFY2(answer.status == 404, target.constData());
        QCOMPARE(header(answer, "content-security-policy"),
                 QByteArray(publish::contentSecurityPolicy));
        QVERIFY2(!answer.body.contains("Secret") && !answer.body.contains("secret"),
                 target.constData());
    }
}

void tst_ApiSite::postTakenBackToDraftDisappearsAtOnce()
{
    publishHello();
    QCOMPARE(call("GET", "/b/travel/hello-world/").status, 200);
    push(postJson(QStringLiteral("p2"), guid(1), 1, QStringLiteral("Hello World"),
                  model::PublishState::Draft));
    QCOMPARE(call("GET", "/b/travel/hello-world/").status, 404);
    // Published again under another title: the same address.
    push(postJson(QStringLiteral("p3"), guid(1), 2, QStringLiteral("Renamed"),
                  model::PublishState::Published));
    QCOMPARE(call("GET", "/b/travel/hello-world/").status, 200);
    QCOMPARE(call("GET", "/b/travel/renamed/").status, 404);
    makePublic(m_travel, false);
    QCOMPARE(call("GET", "/b/travel/hello-world/").status, 404);
}

// The index and the feed are kept while the posts they show stay the same; each change of one
// of those posts, or of which posts they are, shows at the next request.
void tst_ApiSite::listingsShowEveryChangeOfTheirPosts()
{
    makePublic(m_travel);
    const QStringList trees{
            QStringLiteral("Alder"),   QStringLiteral("Birch"), QStringLiteral("Cedar"),
            QStringLiteral("Dogwood"), QStringLiteral("Elm"),   QStringLiteral("Fir"),
            QStringLiteral("Ginkgo"),  QStringLiteral("Hazel"), QStringLiteral("Juniper"),
            QStringLiteral("Larch"),   QStringLiteral("Maple")};
    QCOMPARE(trees.size(), publish::postsPerPage + 1);
    for (int i = 0; i < trees.size(); ++i)
        push(postJson(QStringLiteral("t%1").arg(i), guid(i + 1), 0, trees.at(i),
                      model::PublishState::Published));
    const QByteArray first = call("GET", "/b/travel/").body;
    const QByteArray second = call("GET", "/b/travel/page/2/").body;
    // The one post on page 2 (its revision is its number: one push each).
    int last = -1;
    for (int i = 0; i < trees.size(); ++i) {
        if (second.contains(trees.at(i).toUtf8())) {
            QCOMPARE(last, -1);
            last = i;
        }
    }
    QVERIFY(last >= 0);
    QVERIFY(!first.contains(trees.at(last).toUtf8()));
    const int onFirst = last == 0 ? 1 : 0;

    // An edit of the post on page 2: page 2 shows it, page 1 is the same page.
    push(postJson(QStringLiteral("e1"), guid(last + 1), last + 1, QStringLiteral("Rowan"),
                  model::PublishState::Published));
    QVERIFY(call("GET", "/b/travel/page/2/").body.contains("Rowan"));
    QCOMPARE(call("GET", "/b/travel/").body, first);
    // An edit of a post on page 1: page 1 and the feed show it at once.
    push(postJson(QStringLiteral("e2"), guid(onFirst + 1), onFirst + 1, QStringLiteral("Spruce"),
                  model::PublishState::Published));
    QVERIFY(call("GET", "/b/travel/").body.contains("Spruce"));
    QVERIFY(call("GET", "/b/travel/feed.atom").body.contains("Spruce"));
    // A post of page 1 back to draft: the post of page 2 moves up, and page 2 is gone.
    push(postJson(QStringLiteral("e3"), guid(onFirst + 1), trees.size() + 2,
                  QStringLiteral("Spruce"), model::PublishState::Draft));
    const QByteArray shorter = call("GET", "/b/travel/").body;
    QVERIFY(!shorter.contains("Spruce"));
    QVERIFY(shorter.contains("Rowan"));
    QVERIFY(!call("GET", "/b/travel/feed.atom").body.contains("Spruce"));
    QCOMPARE(call("GET", "/b/travel/page/2/").status, 404);
}

void tst_ApiSite::oldSlugsAndSlashlessPathsRedirect()
{
    publishHello();
    QVERIFY(m_store->renamePostSlug(m_travel, guid(1), QStringLiteral("greetings")));
    const QList<std::pair<QByteArray, QByteArray>> moves{
            {"/b/travel/hello-world/", "/b/travel/greetings/"},
            {"/b/travel/greetings", "/b/travel/greetings/"},
            {"/b/travel", "/b/travel/"}};
    for (const auto &[from, to] : moves) {
        const HttpResponse moved = call("GET", from);
        QVERIFY2(moved.status == 301, from.constData());
        QCOMPARE(header(moved, "location"), to);
    }
}

void tst_ApiSite::pagesAndMediaAnswerConditionalRequests()
{
    makePublic(m_travel);
    const QString hash = sha256(png);
    QCOMPARE(call("PUT", blogPath(m_travel, "/blobs/" + hash.toLatin1()), png, m_ada).status, 201);
    push(postJson(QStringLiteral("p1"), guid(1), 0, QStringLiteral("Hello World"),
                  model::PublishState::Published, hash));
    const HttpResponse page = get("/b/travel/hello-world/");
    const QByteArray etag = header(page, "etag");
    QCOMPARE(get("/b/travel/hello-world/", etag).status, 304);
    QVERIFY(get("/b/travel/hello-world/", etag).body.isEmpty());
    QCOMPARE(get("/b/travel/hello-world/", "\"other\"").status, 200);
    // An edit is there at the next request: the old tag no longer matches.
    push(postJson(QStringLiteral("p2"), guid(1), 1, QStringLiteral("Hello Again"),
                  model::PublishState::Published, hash));
    const HttpResponse edited = get("/b/travel/hello-world/", etag);
    QCOMPARE(edited.status, 200);
    QVERIFY(header(edited, "etag") != etag);
    QVERIFY(edited.body.contains("Hello Again"));

    const QByteArray mediaPath = "/b/travel/media/" + hash.toLatin1();
    const HttpResponse image = get(mediaPath);
    QCOMPARE(image.status, 200);
    QCOMPARE(image.body, png);
    QCOMPARE(image.contentType, QByteArray("image/png"));
    QCOMPARE(header(image, "etag"), '"' + hash.toLatin1() + '"');
    QCOMPARE(header(image, "cache-control"), QByteArray("public, max-age=31536000, immutable"));
    const HttpResponse again = get(mediaPath, '"' + hash.toLatin1() + '"');
    QCOMPARE(again.status, 304);
    QVERIFY(again.body.isEmpty());
    // Another blog's blob is not this site's.
    const QByteArray other = "not an image of travel";
    const HttpResponse bob = call("PUT", blogPath(m_food, "/blobs/" + sha256(other).toLatin1()),
                                  other, login(QStringLiteral("bob"), QStringLiteral("password1")));
    QCOMPARE(bob.status, 201);
    QCOMPARE(get("/b/travel/media/" + sha256(other).toLatin1()).status, 404);
}

void tst_ApiSite::onlyGetAndHeadAreAllowed()
{
    publishHello();
    for (const QByteArray method : {"POST", "PUT", "DELETE", "PATCH"}) {
        const HttpResponse refused = call(method, "/b/travel/hello-world/");
        QCOMPARE(refused.status, 405);
        QCOMPARE(header(refused, "allow"), QByteArray("GET,HEAD"));
    }
    // An anonymous reader has nothing to send: a body is refused before it is buffered.
    QCOMPARE(m_api->maxBodyBytes("GET", "/b/travel/"), 0);
    QCOMPARE(call("GET", "/b/travel/", "x").status, 413);
}

void tst_ApiSite::pageRouteTellsMembersWhereAPostIs()
{
    publishHello();
    push(postJson(QStringLiteral("p2"), guid(2), 0, QStringLiteral("Draft"),
                  model::PublishState::Draft));
    const QByteArray path = blogPath(m_travel, "/posts/" + guid(1).toLatin1() + "/page");
    const HttpResponse found = call("GET", path, {}, m_ada);
    QCOMPARE(found.status, 200);
    QCOMPARE(json(found).value("url").toString(), QStringLiteral("/b/travel/hello-world/"));
    const QByteArray draft = blogPath(m_travel, "/posts/" + guid(2).toLatin1() + "/page");
    QCOMPARE(call("GET", draft, {}, m_ada).status, 404);
    QCOMPARE(
            call("GET", path, {}, login(QStringLiteral("bob"), QStringLiteral("password1"))).status,
            404);
    QCOMPARE(call("GET", path).status, 401);
    QCOMPARE(call("GET", blogPath(m_travel, "/posts/not-a-guid/page"), {}, m_ada).status, 404);
    makePublic(m_travel, false);
    QCOMPARE(call("GET", path, {}, m_ada).status, 404);
}

QTEST_GUILESS_MAIN(tst_ApiSite)
#include "tst_apisite.moc"
