// Post history end to end: inkwell-cli history and restore against the real server, restores
// reaching a second client through sync, a deleted post brought back, and non-members refused.
#include "clirunner.h"

#include "support/serverlauncher.h"
#include "support/tempdir.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace inkwell;
using namespace inkwell::test;

class TestHistoryCli : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServerLauncher> m_server;
    TempDir m_dir;
    int m_profiles = 0;
    qint64 m_blog = 0;

    QString signedInProfile(const QString &user)
    {
        const QString profile = m_dir.filePath(QStringLiteral("p%1").arg(++m_profiles));
        signInProfile(profile, m_server->baseUrl().toString(), user);
        return profile;
    }

    static QJsonDocument json(const CliRun &run) { return QJsonDocument::fromJson(run.out); }

    static void run(const QString &profile, const QStringList &arguments, int exitCode = 0)
    {
        const CliRun done = runCli(profile, arguments);
        QVERIFY2(done.exitCode == exitCode,
                 qPrintable(arguments.join(u' ')
                            + QStringLiteral(" exited with %1: ").arg(done.exitCode)
                            + QString::fromUtf8(done.err)));
    }

    static QString create(const QString &profile, const QString &title, const QString &body)
    {
        const CliRun created = runCli(profile,
                                      {QStringLiteral("new"), QStringLiteral("--title"), title,
                                       QStringLiteral("--body"), body});
        return created.exitCode == 0 ? QString::fromUtf8(created.out).trimmed() : QString();
    }

    static QJsonArray history(const QString &profile, const QString &guid)
    {
        const CliRun listed =
                runCli(profile, {QStringLiteral("--json"), QStringLiteral("history"), guid});
        if (listed.exitCode != 0)
            qWarning("history: %s", listed.err.constData());
        return json(listed).array();
    }

    static QJsonObject show(const QString &profile, const QString &guid)
    {
        return json(runCli(profile, {QStringLiteral("--json"), QStringLiteral("show"), guid}))
                .object();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!cliBinary().isEmpty(), "INKWELL_CLI_BINARY is not set");
        m_server = std::make_unique<ServerLauncher>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        for (const char *user : {"alice", "bob", "carol"})
            QVERIFY(m_server->addUser(QString::fromLatin1(user), QStringLiteral("password")));
        m_blog = m_server->addBlog(QStringLiteral("Notes"), QStringLiteral("alice"));
        QVERIFY(m_blog > 0);
        QVERIFY(m_server->addMember(m_blog, QStringLiteral("bob")));
        QVERIFY(m_server->addBlog(QStringLiteral("Carol's"), QStringLiteral("carol")) > 0);
    }

    void historyListsEditsAndRestoreReachesAnotherClient()
    {
        const QString alice = signedInProfile(QStringLiteral("alice"));
        const QString bob = signedInProfile(QStringLiteral("bob"));
        const QString guid = create(alice, QStringLiteral("First"), QStringLiteral("line one\n"));
        QVERIFY(!guid.isEmpty());
        run(alice, {QStringLiteral("sync")});
        run(alice,
            {QStringLiteral("edit"), guid, QStringLiteral("--body"), QStringLiteral("line two\n")});
        run(alice, {QStringLiteral("sync")});
        run(alice,
            {QStringLiteral("edit"), guid, QStringLiteral("--title"), QStringLiteral("Third"),
             QStringLiteral("--body"), QStringLiteral("line three\n")});
        run(alice, {QStringLiteral("sync")});
        run(bob, {QStringLiteral("sync")});
        QCOMPARE(show(bob, guid).value(QStringLiteral("title")).toString(),
                 QStringLiteral("Third"));

        // Newest first, every synced edit, by alice.
        const QJsonArray revisions = history(alice, guid);
        QCOMPARE(revisions.size(), 3);
        QStringList titles;
        qint64 previous = std::numeric_limits<qint64>::max();
        for (const QJsonValue &value : revisions) {
            const QJsonObject revision = value.toObject();
            QVERIFY(revision.value(QStringLiteral("rev")).toInteger() < previous);
            previous = revision.value(QStringLiteral("rev")).toInteger();
            QCOMPARE(revision.value(QStringLiteral("modified_by")).toString(),
                     QStringLiteral("alice"));
            QVERIFY(!revision.value(QStringLiteral("deleted")).toBool());
            titles.append(revision.value(QStringLiteral("title")).toString());
        }
        QCOMPARE(titles,
                 (QStringList{QStringLiteral("Third"), QStringLiteral("First"),
                              QStringLiteral("First")}));
        const qint64 oldest = revisions.last().toObject().value(QStringLiteral("rev")).toInteger();
        // Text: one line per revision (rev, author, time, title), bob sees the same history.
        const CliRun text = runCli(bob, {QStringLiteral("history"), guid});
        QCOMPARE(text.exitCode, 0);
        const QStringList lines = QString::fromUtf8(text.out).trimmed().split(u'\n');
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines.last().split(u'\t').size(), 4);
        QVERIFY(lines.last().startsWith(QString::number(oldest) + QStringLiteral("\talice\t")));
        QVERIFY(lines.first().endsWith(QStringLiteral("\tThird")));

        // Restore the first version: a local edit, sent by the next sync, seen by bob.
        const CliRun restored = runCli(alice,
                                       {QStringLiteral("restore"), guid, QStringLiteral("--rev"),
                                        QString::number(oldest)});
        QVERIFY2(restored.exitCode == 0, restored.err.constData());
        QVERIFY(restored.out.contains("restored revision"));
        const QJsonObject local = show(alice, guid);
        QCOMPARE(local.value(QStringLiteral("title")).toString(), QStringLiteral("First"));
        QCOMPARE(local.value(QStringLiteral("body")).toString(), QStringLiteral("line one\n"));
        run(alice, {QStringLiteral("sync")});
        run(bob, {QStringLiteral("sync")});
        const QJsonObject seen = show(bob, guid);
        QCOMPARE(seen.value(QStringLiteral("title")).toString(), QStringLiteral("First"));
        QCOMPARE(seen.value(QStringLiteral("body")).toString(), QStringLiteral("line one\n"));
        // The restore is a new revision on top: the history grew, nothing was rolled back.
        const QJsonArray after = history(bob, guid);
        QCOMPARE(after.size(), 4);
        QVERIFY(after.first().toObject().value(QStringLiteral("rev")).toInteger()
                > revisions.first().toObject().value(QStringLiteral("rev")).toInteger());
        QCOMPARE(after.first().toObject().value(QStringLiteral("title")).toString(),
                 QStringLiteral("First"));
    }

    void restoringADeletedPostBringsItBack()
    {
        const QString alice = signedInProfile(QStringLiteral("alice"));
        const QString bob = signedInProfile(QStringLiteral("bob"));
        const QString guid = create(alice, QStringLiteral("Gone"), QStringLiteral("keep me\n"));
        QVERIFY(!guid.isEmpty());
        run(alice, {QStringLiteral("sync")});
        run(bob, {QStringLiteral("sync")});
        run(bob, {QStringLiteral("rm"), guid});
        run(bob, {QStringLiteral("sync")});
        run(alice, {QStringLiteral("sync")});
        QVERIFY(!runCli(alice, {QStringLiteral("ls")}).out.contains(guid.toUtf8()));
        QVERIFY(show(alice, guid).value(QStringLiteral("deleted")).toBool());

        const QJsonArray revisions = history(alice, guid);
        QCOMPARE(revisions.size(), 2);
        QVERIFY(revisions.first().toObject().value(QStringLiteral("deleted")).toBool());
        QCOMPARE(revisions.first().toObject().value(QStringLiteral("modified_by")).toString(),
                 QStringLiteral("bob"));
        const qint64 live = revisions.last().toObject().value(QStringLiteral("rev")).toInteger();

        const CliRun restored = runCli(alice,
                                       {QStringLiteral("--json"), QStringLiteral("restore"), guid,
                                        QStringLiteral("--rev"), QString::number(live)});
        QVERIFY2(restored.exitCode == 0, restored.err.constData());
        QVERIFY(json(restored).object().value(QStringLiteral("undeleted")).toBool());
        run(alice, {QStringLiteral("sync")});
        run(bob, {QStringLiteral("sync")});
        QVERIFY(runCli(bob, {QStringLiteral("ls")}).out.contains(guid.toUtf8()));
        const QJsonObject back = show(bob, guid);
        QVERIFY(!back.value(QStringLiteral("deleted")).toBool());
        QCOMPARE(back.value(QStringLiteral("body")).toString(), QStringLiteral("keep me\n"));
    }

    void nonMembersAreRefused()
    {
        const QString alice = signedInProfile(QStringLiteral("alice"));
        const QString guid = create(alice, QStringLiteral("Private"), QStringLiteral("secret\n"));
        run(alice, {QStringLiteral("sync")});
        const QString carol = signedInProfile(QStringLiteral("carol"));
        // Carol asks for it in alice's blog: 404, told as "no history for your account".
        const CliRun refused = runCli(carol,
                                      {QStringLiteral("--json"), QStringLiteral("history"), guid,
                                       QStringLiteral("--blog"), QString::number(m_blog)});
        QCOMPARE(refused.exitCode, 3);
        QCOMPARE(json(refused)
                         .object()
                         .value(QStringLiteral("error"))
                         .toObject()
                         .value(QStringLiteral("code")),
                 QStringLiteral("not-found"));
        QVERIFY(refused.err.contains("no history of this post for your account"));
        QVERIFY(!refused.out.contains("secret") && !refused.err.contains("Private"));
        // Nor in her own blog, nor can she restore what she does not have.
        QCOMPARE(runCli(carol, {QStringLiteral("history"), guid}).exitCode, 3);
        const CliRun restore = runCli(
                carol,
                {QStringLiteral("restore"), guid, QStringLiteral("--rev"), QStringLiteral("1")});
        QCOMPARE(restore.exitCode, 3);
        QVERIFY(restore.err.contains("sync"));
    }

    void unknownRevisionAndBadArgumentsAreClear()
    {
        const QString alice = signedInProfile(QStringLiteral("alice"));
        const QString guid = create(alice, QStringLiteral("One"), QStringLiteral("x\n"));
        run(alice, {QStringLiteral("sync")});
        QCOMPARE(runCli(alice,
                        {QStringLiteral("restore"), guid, QStringLiteral("--rev"),
                         QStringLiteral("999999")})
                         .exitCode,
                 3);
        QCOMPARE(show(alice, guid).value(QStringLiteral("title")).toString(),
                 QStringLiteral("One"));
        QCOMPARE(runCli(alice, {QStringLiteral("restore"), guid}).exitCode, 2);
        QCOMPARE(runCli(alice, {QStringLiteral("history"), QStringLiteral("not-a-guid")}).exitCode,
                 2);
        QCOMPARE(runCli(alice,
                        {QStringLiteral("history"), guid, QStringLiteral("--blog"),
                         QStringLiteral("x")})
                         .exitCode,
                 2);
    }
};

QTEST_GUILESS_MAIN(TestHistoryCli)
#include "tst_historycli.moc"
