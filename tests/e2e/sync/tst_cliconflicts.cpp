// inkwell-cli's conflict commands end to end: two profiles on one blog of the real server make a
// real conflict; `conflicts show` (text and --json) and every `resolve` decision settle it, and
// both profiles end with the same posts after syncing.
#include "clirunner.h"

#include "support/serverlauncher.h"
#include "support/tempdir.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace inkwell;
using namespace inkwell::test;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

QJsonObject json(const CliRun &run)
{
    return QJsonDocument::fromJson(run.out).object();
}

} // namespace

class TestCliConflicts : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServerLauncher> m_server;
    TempDir m_dir;
    int m_profiles = 0;
    QString m_alice;
    QString m_bob;

    QString signedInProfile(const QString &user)
    {
        const QString profile = m_dir.filePath(QStringLiteral("p%1").arg(++m_profiles));
        signInProfile(profile, m_server->baseUrl().toString(), user);
        return profile;
    }

    static bool ok(const CliRun &run)
    {
        if (run.exitCode != 0)
            qWarning("inkwell-cli failed (%d): %s", run.exitCode, run.err.constData());
        return run.exitCode == 0;
    }

    QString create(const QString &profile, const QString &title, const QString &body)
    {
        return QString::fromUtf8(
                       runCli(profile, {s("new"), s("--title"), title, s("--body"), body}).out)
                .trimmed();
    }

    // A post both profiles have; alice then changes title and the second body line and syncs,
    // bob changes them differently: bob's sync leaves the post Conflicted (exit code 6).
    QString bodyAndTitleConflict()
    {
        const QString guid = create(m_alice, s("Base"), s("one\ntwo\nthree\n"));
        if (!ok(runCli(m_alice, {s("sync")})) || !ok(runCli(m_bob, {s("sync")})))
            return {};
        runCli(m_alice,
               {s("edit"), guid, s("--title"), s("Alice"), s("--body"),
                s("one\ntwo by alice\nthree\n")});
        runCli(m_bob,
               {s("edit"), guid, s("--title"), s("Bob"), s("--body"),
                s("one\ntwo by bob\nthree\n")});
        if (!ok(runCli(m_alice, {s("sync")})) || runCli(m_bob, {s("sync")}).exitCode != 6)
            return {};
        return guid;
    }

    // Syncs bob then alice and returns the post as each profile shows it (--json show).
    QPair<QJsonObject, QJsonObject> syncedVersions(const QString &guid)
    {
        const bool synced = ok(runCli(m_bob, {s("sync")})) && ok(runCli(m_alice, {s("sync")}))
                && ok(runCli(m_bob, {s("sync")}));
        if (!synced)
            return {};
        return {json(runCli(m_alice, {s("--json"), s("show"), guid})),
                json(runCli(m_bob, {s("--json"), s("show"), guid}))};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!cliBinary().isEmpty(), "INKWELL_CLI_BINARY is not set");
        m_server = std::make_unique<ServerLauncher>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        QVERIFY(m_server->addUser(s("alice"), s("password")));
        QVERIFY(m_server->addUser(s("bob"), s("password")));
        const qint64 blog = m_server->addBlog(s("Notes"), s("alice"));
        QVERIFY(m_server->addMember(blog, s("bob")));
    }

    void init()
    {
        m_alice = signedInProfile(s("alice"));
        m_bob = signedInProfile(s("bob"));
    }

    void showPrintsNumberedFieldsAndHunks()
    {
        const QString guid = bodyAndTitleConflict();
        QVERIFY(!guid.isEmpty());
        const CliRun text = runCli(m_bob, {s("conflicts"), s("show"), guid});
        QVERIFY2(ok(text), text.err.constData());
        const QString out = QString::fromUtf8(text.out);
        QVERIFY2(out.contains(s("theirs: rev ")), text.out.constData());
        QVERIFY(out.contains(s("changed by alice at 20")));
        QVERIFY(out.contains(s("to decide: 2")));
        QVERIFY(out.contains(s("[1] title")));
        QVERIFY(out.contains(s("    mine:   Bob")));
        QVERIFY(out.contains(s("    theirs: Alice")));
        QVERIFY(out.contains(s("[2] body, result line 2")));
        QVERIFY(out.contains(s("      | two by bob")));
        QVERIFY(out.contains(s("      | two by alice")));

        const QJsonObject shown =
                json(runCli(m_bob, {s("--json"), s("conflicts"), s("show"), guid}));
        QCOMPARE(shown.value(s("guid")).toString(), guid);
        const QJsonObject post = json(runCli(m_alice, {s("--json"), s("show"), guid}));
        QCOMPARE(shown.value(s("theirs_rev")).toInteger(), post.value(s("rev")).toInteger());
        QCOMPARE(shown.value(s("theirs_modified_by")).toString(), s("alice"));
        const QJsonArray items = shown.value(s("items")).toArray();
        QCOMPARE(items.size(), 2);
        const QJsonObject title = items.at(0).toObject();
        QCOMPARE(title.value(s("number")).toInt(), 1);
        QCOMPARE(title.value(s("type")).toString(), s("field"));
        QCOMPARE(title.value(s("field")).toString(), s("title"));
        QCOMPARE(title.value(s("base")).toString(), s("Base"));
        QCOMPARE(title.value(s("mine")).toString(), s("Bob"));
        QCOMPARE(title.value(s("theirs")).toString(), s("Alice"));
        const QJsonObject hunk = items.at(1).toObject();
        QCOMPARE(hunk.value(s("number")).toInt(), 2);
        QCOMPARE(hunk.value(s("type")).toString(), s("hunk"));
        QCOMPARE(hunk.value(s("result_first_line")).toInt(), 2);
        QCOMPARE(hunk.value(s("base")).toArray(), QJsonArray{s("two")});
        QCOMPARE(hunk.value(s("mine")).toArray(), QJsonArray{s("two by bob")});
        QCOMPARE(hunk.value(s("theirs")).toArray(), QJsonArray{s("two by alice")});
    }

    void pickDecidesEveryItem()
    {
        const QString guid = bodyAndTitleConflict();
        QVERIFY(!guid.isEmpty());
        const CliRun partial = runCli(m_bob, {s("resolve"), guid, s("--pick"), s("1=theirs")});
        QCOMPARE(partial.exitCode, 2);
        QVERIFY2(partial.err.contains("not picked: 2"), partial.err.constData());
        const CliRun unknown = runCli(m_bob, {s("resolve"), guid, s("--pick"), s("9=mine,1=mine")});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(runCli(m_bob, {s("resolve"), guid, s("--pick"), s("title=both,2=mine")}).exitCode
                == 2);

        QVERIFY(ok(runCli(m_bob, {s("resolve"), guid, s("--pick"), s("title=theirs,2=both")})));
        const auto [a, b] = syncedVersions(guid);
        QCOMPARE(a.value(s("title")).toString(), s("Alice"));
        QCOMPARE(a.value(s("body")).toString(), s("one\ntwo by bob\ntwo by alice\nthree\n"));
        QCOMPARE(a.value(s("sync_status")).toString(), s("synced"));
        QCOMPARE(a, b);
    }

    void keepBothKeepsBothPostsOnBothProfiles()
    {
        const QString guid = bodyAndTitleConflict();
        QVERIFY(!guid.isEmpty());
        const CliRun kept = runCli(m_bob, {s("resolve"), guid, s("--keep-both")});
        QVERIFY(ok(kept));
        const QString copy = QString::fromUtf8(kept.out).trimmed();
        QCOMPARE(copy.size(), 36);
        const auto [a, b] = syncedVersions(guid);
        QCOMPARE(a.value(s("title")).toString(), s("Alice"));
        QCOMPARE(a, b);
        const QJsonObject copyAtAlice = json(runCli(m_alice, {s("--json"), s("show"), copy}));
        const QJsonObject copyAtBob = json(runCli(m_bob, {s("--json"), s("show"), copy}));
        QCOMPARE(copyAtAlice.value(s("title")).toString(), s("Bob"));
        QCOMPARE(copyAtAlice.value(s("body")).toString(), s("one\ntwo by bob\nthree\n"));
        QCOMPARE(copyAtAlice, copyAtBob);
    }

    // Keep mine on edit versus delete, in both directions: my delete stays a delete, my edit
    // restores the post with my edits.
    void mineOnEditVersusDelete_data()
    {
        QTest::addColumn<bool>("bobDeletes");
        QTest::newRow("bob deleted, alice edited") << true;
        QTest::newRow("alice deleted, bob edited") << false;
    }
    void mineOnEditVersusDelete()
    {
        QFETCH(bool, bobDeletes);
        const QString guid = create(m_alice, s("Doomed"), s("text\n"));
        QVERIFY(ok(runCli(m_alice, {s("sync")})));
        QVERIFY(ok(runCli(m_bob, {s("sync")})));
        const QStringList edit{s("edit"), guid, s("--title"), s("Edited")};
        QVERIFY(ok(runCli(bobDeletes ? m_alice : m_bob, edit)));
        QVERIFY(ok(runCli(bobDeletes ? m_bob : m_alice, {s("rm"), guid})));
        QVERIFY(ok(runCli(m_alice, {s("sync")})));
        QCOMPARE(runCli(m_bob, {s("sync")}).exitCode, 6);
        const QJsonObject shown =
                json(runCli(m_bob, {s("--json"), s("conflicts"), s("show"), guid}));
        const QJsonObject deletion = shown.value(s("items")).toArray().at(0).toObject();
        QCOMPARE(deletion.value(s("field")).toString(), s("deletion"));
        QCOMPARE(deletion.value(s("mine")).toBool(), bobDeletes);

        QVERIFY(ok(runCli(m_bob, {s("resolve"), guid, s("--mine")})));
        QVERIFY(ok(runCli(m_bob, {s("sync")})));
        QVERIFY(ok(runCli(m_alice, {s("sync")})));
        for (const QString &profile : {m_alice, m_bob}) {
            const QByteArray listed = runCli(profile, {s("ls")}).out;
            QCOMPARE(listed.contains(guid.toUtf8()), !bobDeletes);
            if (!bobDeletes) {
                const QJsonObject post = json(runCli(profile, {s("--json"), s("show"), guid}));
                QCOMPARE(post.value(s("title")).toString(), s("Edited"));
                QCOMPARE(post.value(s("sync_status")).toString(), s("synced"));
            }
        }
    }

    void resolvingAnOlderTheirsIsRefused()
    {
        const QString guid = bodyAndTitleConflict();
        QVERIFY(!guid.isEmpty());
        const qint64 rev = json(runCli(m_bob, {s("--json"), s("conflicts"), s("show"), guid}))
                                   .value(s("theirs_rev"))
                                   .toInteger();
        const CliRun stale = runCli(
                m_bob,
                {s("resolve"), guid, s("--mine"), s("--expect-rev"), QString::number(rev - 1)});
        QCOMPARE(stale.exitCode, 6);
        QVERIFY2(stale.err.contains("review the new merge"), stale.err.constData());
        QVERIFY(ok(runCli(
                m_bob,
                {s("resolve"), guid, s("--mine"), s("--expect-rev"), QString::number(rev)})));
    }

    // Issue 12, defect 8: deleting a conflicted post settled it as a delete without asking.
    void removingAConflictedPostAsksToResolveFirst()
    {
        const QString guid = bodyAndTitleConflict();
        QVERIFY(!guid.isEmpty());
        const CliRun removed = runCli(m_bob, {s("rm"), guid});
        QCOMPARE(removed.exitCode, 6);
        QVERIFY2(removed.err.contains("resolve the conflict first"), removed.err.constData());
        QVERIFY(runCli(m_bob, {s("ls")}).out.contains(guid.toUtf8()));
    }
};

QTEST_GUILESS_MAIN(TestCliConflicts)
#include "tst_cliconflicts.moc"
