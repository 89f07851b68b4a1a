// inkwell-cli edit's publishing fields: --status, --tag/--no-tags and --cover/--no-cover change the
// local post, contradictions and bad values are usage errors (exit 2) that change nothing, and
// the fields reach another client through the real server (the cover image with them).
#include "clirunner.h"

#include "support/serverlauncher.h"
#include "support/tempdir.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace inkwell;
using namespace inkwell::test;

class TestEditCli : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServerLauncher> m_server;
    TempDir m_dir;
    QString m_image;
    QString m_imageHash;
    QString m_notImage;

    static void run(const QString &profile, const QStringList &arguments, int exitCode = 0)
    {
        const CliRun done = runCli(profile, arguments);
        QVERIFY2(done.exitCode == exitCode,
                 qPrintable(arguments.join(u' ')
                            + QStringLiteral(" exited with %1: ").arg(done.exitCode)
                            + QString::fromUtf8(done.err)));
    }

    static QJsonObject show(const QString &profile, const QString &guid)
    {
        return QJsonDocument::fromJson(
                       runCli(profile, {QStringLiteral("--json"), QStringLiteral("show"), guid})
                               .out)
                .object();
    }

    static QStringList tags(const QJsonObject &post)
    {
        QStringList list;
        for (const QJsonValue &tag : post.value(QStringLiteral("tags")).toArray())
            list.append(tag.toString());
        return list;
    }

    static QString create(const QString &profile)
    {
        const CliRun created =
                runCli(profile,
                       {QStringLiteral("new"), QStringLiteral("--title"), QStringLiteral("Spring"),
                        QStringLiteral("--body"), QStringLiteral("Buds.\n"),
                        QStringLiteral("--tag"), QStringLiteral("garden")});
        return created.exitCode == 0 ? QString::fromUtf8(created.out).trimmed() : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!cliBinary().isEmpty(), "INKWELL_CLI_BINARY is not set");
        // A 1x1 PNG.
        const QByteArray png = QByteArray::fromHex(
                "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c49444154"
                "789c63306830000001c400e1fd6c987c0000000049454e44ae426082");
        m_image = m_dir.filePath(QStringLiteral("cover.png"));
        QFile file(m_image);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(png);
        file.close();
        m_notImage = m_dir.filePath(QStringLiteral("notes.txt"));
        QFile text(m_notImage);
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("just words\n");
        text.close();
        m_imageHash = QString::fromLatin1(
                QCryptographicHash::hash(png, QCryptographicHash::Sha256).toHex());
    }

    void statusTagsAndCoverChangeThePost()
    {
        const QString profile = m_dir.filePath(QStringLiteral("offline"));
        const QString guid = create(profile);
        QVERIFY(!guid.isEmpty());
        run(profile,
            {QStringLiteral("edit"), guid, QStringLiteral("--status"), QStringLiteral("published"),
             QStringLiteral("--tag"), QStringLiteral("b"), QStringLiteral("--tag"),
             QStringLiteral("a"), QStringLiteral("--cover"), m_image});
        QJsonObject post = show(profile, guid);
        QCOMPARE(post.value(QStringLiteral("status")).toString(), QStringLiteral("published"));
        // --tag replaces the list, in the given order.
        QCOMPARE(tags(post), (QStringList{QStringLiteral("b"), QStringLiteral("a")}));
        QCOMPARE(post.value(QStringLiteral("cover")).toString(), m_imageHash);
        QCOMPARE(post.value(QStringLiteral("title")).toString(), QStringLiteral("Spring"));

        // Options not given keep their values.
        run(profile,
            {QStringLiteral("edit"), guid, QStringLiteral("--title"), QStringLiteral("S2")});
        post = show(profile, guid);
        QCOMPARE(tags(post).size(), 2);
        QCOMPARE(post.value(QStringLiteral("cover")).toString(), m_imageHash);

        run(profile,
            {QStringLiteral("edit"), guid, QStringLiteral("--no-tags"), QStringLiteral("--cover"),
             QString(), QStringLiteral("--status"), QStringLiteral("draft")});
        post = show(profile, guid);
        QVERIFY(tags(post).isEmpty());
        QVERIFY(post.value(QStringLiteral("cover")).toString().isEmpty());
        QCOMPARE(post.value(QStringLiteral("status")).toString(), QStringLiteral("draft"));

        run(profile, {QStringLiteral("edit"), guid, QStringLiteral("--cover"), m_image});
        run(profile, {QStringLiteral("edit"), guid, QStringLiteral("--no-cover")});
        QVERIFY(show(profile, guid).value(QStringLiteral("cover")).toString().isEmpty());
    }

    void invalidChoicesAreUsageErrorsAndChangeNothing_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("message");
        QTest::newRow("status") << QStringList{QStringLiteral("--status"), QStringLiteral("live")}
                                << QStringLiteral("draft or published");
        QTest::newRow("tag and no-tags")
                << QStringList{QStringLiteral("--tag"), QStringLiteral("x"),
                               QStringLiteral("--no-tags")}
                << QStringLiteral("--no-tags");
        QTest::newRow("cover and no-cover")
                << QStringList{QStringLiteral("--cover"), m_image, QStringLiteral("--no-cover")}
                << QStringLiteral("--no-cover");
        QTest::newRow("not an image") << QStringList{QStringLiteral("--cover"), m_notImage}
                                      << QStringLiteral("not an image");
        QTest::newRow("duplicate tags") << QStringList{QStringLiteral("--tag"), QStringLiteral("x"),
                                                       QStringLiteral("--tag"), QStringLiteral("x")}
                                        << QStringLiteral("tag");
        QTest::newRow("empty tag")
                << QStringList{QStringLiteral("--tag"), QString()} << QStringLiteral("tag");
    }

    void invalidChoicesAreUsageErrorsAndChangeNothing()
    {
        QFETCH(QStringList, options);
        QFETCH(QString, message);
        const QString profile = m_dir.filePath(QStringLiteral("invalid"));
        const QString guid = create(profile);
        QVERIFY(!guid.isEmpty());
        const QJsonObject before = show(profile, guid);
        const CliRun edited = runCli(profile, QStringList{QStringLiteral("edit"), guid} + options);
        QCOMPARE(edited.exitCode, 2);
        QVERIFY2(QString::fromUtf8(edited.err).contains(message), edited.err.constData());
        QCOMPARE(show(profile, guid), before);
    }

    void missingCoverFileIsNotFound()
    {
        const QString profile = m_dir.filePath(QStringLiteral("missing"));
        const QString guid = create(profile);
        QVERIFY(!guid.isEmpty());
        run(profile,
            {QStringLiteral("edit"), guid, QStringLiteral("--cover"),
             m_dir.filePath(QStringLiteral("no-such.png"))},
            3);
    }

    void publishedFieldsReachAnotherClient()
    {
        m_server = std::make_unique<ServerLauncher>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        QVERIFY(m_server->addUser(QStringLiteral("alice"), QStringLiteral("password")));
        QVERIFY(m_server->addUser(QStringLiteral("bob"), QStringLiteral("password")));
        const qint64 blog = m_server->addBlog(QStringLiteral("Garden"), QStringLiteral("alice"));
        QVERIFY(blog > 0);
        QVERIFY(m_server->addMember(blog, QStringLiteral("bob")));
        const QString alice = m_dir.filePath(QStringLiteral("alice"));
        const QString bob = m_dir.filePath(QStringLiteral("bob"));
        signInProfile(alice, m_server->baseUrl().toString(), QStringLiteral("alice"));
        signInProfile(bob, m_server->baseUrl().toString(), QStringLiteral("bob"));
        const QString guid = create(alice);
        QVERIFY(!guid.isEmpty());
        run(alice,
            {QStringLiteral("edit"), guid, QStringLiteral("--status"), QStringLiteral("published"),
             QStringLiteral("--tag"), QStringLiteral("spring"), QStringLiteral("--cover"),
             m_image});
        run(alice, {QStringLiteral("sync")});
        run(bob, {QStringLiteral("sync")});
        const QJsonObject seen = show(bob, guid);
        QCOMPARE(seen.value(QStringLiteral("status")).toString(), QStringLiteral("published"));
        QCOMPARE(tags(seen), QStringList{QStringLiteral("spring")});
        QCOMPARE(seen.value(QStringLiteral("cover")).toString(), m_imageHash);
    }
};

QTEST_GUILESS_MAIN(TestEditCli)
#include "tst_editcli.moc"
