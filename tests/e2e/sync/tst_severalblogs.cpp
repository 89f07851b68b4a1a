// A writer in two blogs keeps them apart, end to end with inkwell-cli against the real server:
// the default blog and --blog decide where a post goes, each post reaches its own blog only, a
// member of one blog never sees the other's posts, and posts written while signed out are
// adopted into the chosen default blog.
#include "clirunner.h"
#include "e2e/server/apiclient.h"

#include "support/serverlauncher.h"
#include "support/tempdir.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace inkwell;
using namespace inkwell::test;

class TestSeveralBlogs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void blogsListsBothAndMarksTheDefault();
    void postsGoToTheChosenBlogOnly();
    void offlinePostsAreAdoptedIntoTheDefaultBlog();
    void anUnknownBlogIsRefusedWithoutWriting();

private:
    QString signedInProfile(const QString &user);
    QString newPost(const QString &profile, const QString &title, const QStringList &extra = {});
    // The guids the server keeps in blog, read as user over the API.
    QStringList serverGuids(qint64 blog, const QString &user);
    static QJsonValue json(const CliRun &run)
    {
        return QJsonDocument::fromJson(run.out).isArray()
                ? QJsonValue(QJsonDocument::fromJson(run.out).array())
                : QJsonValue(QJsonDocument::fromJson(run.out).object());
    }

    std::unique_ptr<ServerLauncher> m_server;
    TempDir m_dir;
    qint64 m_travel = 0;
    qint64 m_recipes = 0;
    int m_profiles = 0;
};

void TestSeveralBlogs::initTestCase()
{
    QVERIFY2(!cliBinary().isEmpty(), "INKWELL_CLI_BINARY is not set");
    m_server = std::make_unique<ServerLauncher>();
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    QVERIFY(m_server->addUser(QStringLiteral("anna"), QStringLiteral("password")));
    QVERIFY(m_server->addUser(QStringLiteral("ben"), QStringLiteral("password")));
    m_travel = m_server->addBlog(QStringLiteral("Travel"), QStringLiteral("anna"));
    m_recipes = m_server->addBlog(QStringLiteral("Recipes"), QStringLiteral("anna"));
    QVERIFY(m_travel > 0 && m_recipes > 0);
    QVERIFY(m_server->addMember(m_travel, QStringLiteral("ben"))); // ben: Travel only
}

QString TestSeveralBlogs::signedInProfile(const QString &user)
{
    const QString profile = m_dir.filePath(QStringLiteral("p%1").arg(++m_profiles));
    signInProfile(profile, m_server->baseUrl().toString(), user);
    return profile;
}

QString TestSeveralBlogs::newPost(const QString &profile, const QString &title,
                                  const QStringList &extra)
{
    const CliRun run = runCli(
            profile, QStringList{QStringLiteral("new"), QStringLiteral("--title"), title} + extra);
    if (run.exitCode != 0)
        qWarning("new failed: %s", run.err.constData());
    return QString::fromUtf8(run.out).trimmed();
}

QStringList TestSeveralBlogs::serverGuids(qint64 blog, const QString &user)
{
    ApiClient client(m_server->baseUrl());
    if (!client.login(user, QStringLiteral("password")))
        return {QStringLiteral("login failed")};
    const auto revisions = client.pullAll(blog);
    if (!revisions)
        return {QStringLiteral("pull failed: ") + QString::number(client.lastReply().status)};
    QStringList guids;
    for (const model::Revision &revision : *revisions)
        guids.append(revision.guid);
    return guids;
}

void TestSeveralBlogs::blogsListsBothAndMarksTheDefault()
{
    const QString anna = signedInProfile(QStringLiteral("anna"));
    QJsonArray blogs =
            json(runCli(anna, {QStringLiteral("--json"), QStringLiteral("blogs")})).toArray();
    QCOMPARE(blogs.size(), 2);
    QCOMPARE(blogs.at(0)[QLatin1String("name")].toString(), QStringLiteral("Travel"));
    QCOMPARE(blogs.at(0)[QLatin1String("default")].toBool(), true);
    QCOMPARE(blogs.at(1)[QLatin1String("name")].toString(), QStringLiteral("Recipes"));
    QCOMPARE(blogs.at(1)[QLatin1String("default")].toBool(), false);

    const CliRun use = runCli(anna,
                              {QStringLiteral("blog"), QStringLiteral("use"),
                               QStringLiteral("recipes")}); // names in any case
    QCOMPARE(use.exitCode, 0);
    QCOMPARE(use.out.trimmed(), QByteArray(QByteArray::number(m_recipes) + "\tRecipes"));
    const CliRun text = runCli(anna, {QStringLiteral("blogs")}); // listed again: kept
    QVERIFY2(text.out.contains(QByteArray(QByteArray::number(m_recipes) + "\tRecipes\t*")),
             text.out.constData());
    QCOMPARE(runCli(anna, {QStringLiteral("blog")}).out.trimmed(),
             QByteArray(QByteArray::number(m_recipes) + "\tRecipes"));
}

void TestSeveralBlogs::postsGoToTheChosenBlogOnly()
{
    const QString anna = signedInProfile(QStringLiteral("anna"));
    const QString annaLaptop = signedInProfile(QStringLiteral("anna"));
    const QString ben = signedInProfile(QStringLiteral("ben"));
    QCOMPARE(
            runCli(anna, {QStringLiteral("blog"), QStringLiteral("use"), QStringLiteral("Recipes")})
                    .exitCode,
            0);
    const QString soup = newPost(anna, QStringLiteral("Soup")); // the default: Recipes
    const QString lisbon = newPost(anna, QStringLiteral("Lisbon"),
                                   {QStringLiteral("--blog"), QStringLiteral("Travel")});
    const QString porto = newPost(anna, QStringLiteral("Porto"),
                                  {QStringLiteral("--blog"), QString::number(m_travel)});
    QVERIFY(!soup.isEmpty() && !lisbon.isEmpty() && !porto.isEmpty());
    QCOMPARE(runCli(anna, {QStringLiteral("sync")}).exitCode, 0);

    // On the server each post is in its own blog only.
    QStringList travel = serverGuids(m_travel, QStringLiteral("anna"));
    travel.sort();
    QStringList expected{lisbon, porto};
    expected.sort();
    QCOMPARE(travel, expected);
    QCOMPARE(serverGuids(m_recipes, QStringLiteral("anna")), QStringList{soup});

    // Ben, in Travel only, gets the Travel posts and never the recipe.
    QCOMPARE(runCli(ben, {QStringLiteral("sync")}).exitCode, 0);
    const QJsonArray benPosts =
            json(runCli(ben, {QStringLiteral("--json"), QStringLiteral("ls")})).toArray();
    QStringList benGuids;
    for (const QJsonValue &post : benPosts)
        benGuids.append(post[QLatin1String("guid")].toString());
    benGuids.sort();
    QCOMPARE(benGuids, expected);
    QCOMPARE(runCli(ben, {QStringLiteral("show"), soup}).exitCode, 3); // not found
    QCOMPARE(serverGuids(m_recipes, QStringLiteral("ben")).value(0),
             QStringLiteral("pull failed: 404")); // not even told the blog exists

    // Anna's other profile gets all three, each in its blog.
    QCOMPARE(runCli(annaLaptop, {QStringLiteral("sync")}).exitCode, 0);
    const auto blogOf = [&](const QString &guid) {
        return json(runCli(annaLaptop, {QStringLiteral("--json"), QStringLiteral("show"), guid}))
                .toObject()
                .value(QLatin1String("blog"))
                .toString();
    };
    QCOMPARE(blogOf(soup), QString::number(m_recipes));
    QCOMPARE(blogOf(lisbon), QString::number(m_travel));
    QCOMPARE(blogOf(porto), QString::number(m_travel));
}

void TestSeveralBlogs::offlinePostsAreAdoptedIntoTheDefaultBlog()
{
    const QString anna = signedInProfile(QStringLiteral("anna"));
    QCOMPARE(
            runCli(anna, {QStringLiteral("blog"), QStringLiteral("use"), QStringLiteral("Recipes")})
                    .exitCode,
            0);
    QCOMPARE(runCli(anna, {QStringLiteral("logout")}).exitCode, 0);
    const QString offline = newPost(anna, QStringLiteral("Written on the train"));
    QVERIFY(!offline.isEmpty());
    const QJsonObject local =
            json(runCli(anna, {QStringLiteral("--json"), QStringLiteral("show"), offline}))
                    .toObject();
    QCOMPARE(local.value(QLatin1String("blog")).toString(), QString()); // signed out: local

    signInProfile(anna, m_server->baseUrl().toString(), QStringLiteral("anna"));
    QCOMPARE(runCli(anna, {QStringLiteral("sync")}).exitCode, 0);
    // Into the blog chosen before, not the first of the account.
    QVERIFY(serverGuids(m_recipes, QStringLiteral("anna")).contains(offline));
    QVERIFY(!serverGuids(m_travel, QStringLiteral("anna")).contains(offline));
}

void TestSeveralBlogs::anUnknownBlogIsRefusedWithoutWriting()
{
    const QString ben = signedInProfile(QStringLiteral("ben"));
    const CliRun refused =
            runCli(ben,
                   {QStringLiteral("new"), QStringLiteral("--title"), QStringLiteral("Stew"),
                    QStringLiteral("--blog"), QStringLiteral("Recipes")});
    QCOMPARE(refused.exitCode, 3);
    QVERIFY2(refused.err.contains("Recipes"), refused.err.constData());
    QCOMPARE(
            runCli(ben, {QStringLiteral("blog"), QStringLiteral("use"), QString::number(m_recipes)})
                    .exitCode,
            3);
    QCOMPARE(json(runCli(ben, {QStringLiteral("--json"), QStringLiteral("ls")})).toArray().size(),
             0);
}

QTEST_GUILESS_MAIN(TestSeveralBlogs)
#include "tst_severalblogs.moc"
