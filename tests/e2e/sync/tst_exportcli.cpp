// inkwell-cli export: the public site from the local store, offline. Published posts get pages
// (index pages, post pages, tag pages, the feed, the theme and the images), drafts and deleted
// posts none; a folder that holds anything else is refused, and an earlier export is replaced
// only once the new one is complete.
#include "clirunner.h"

#include "support/tempdir.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace inkwell;
using namespace inkwell::test;

namespace {

// A 1x1 PNG.
const QByteArray Png = QByteArray::fromHex(
        "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c49444154789c"
        "6330e830000001140091d6fa37a90000000049454e44ae426082");

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QStringList filesUnder(const QString &root)
{
    QStringList files;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(QDir(root).relativeFilePath(it.next()));
    files.sort();
    return files;
}

} // namespace

class TestExportCli : public QObject
{
    Q_OBJECT

private:
    TempDir m_dir;
    QString m_profile;
    QString m_imageHash;

    void run(const QStringList &arguments, int exitCode = 0, QByteArray *out = nullptr)
    {
        const CliRun done = runCli(m_profile, arguments);
        if (out)
            *out = done.out;
        QVERIFY2(done.exitCode == exitCode,
                 qPrintable(arguments.join(u' ')
                            + QStringLiteral(" exited with %1: ").arg(done.exitCode)
                            + QString::fromUtf8(done.err)));
    }

    QString create(const QString &title, const QString &body, const QStringList &more = {})
    {
        const CliRun created = runCli(m_profile,
                                      QStringList{QStringLiteral("new"), QStringLiteral("--title"),
                                                  title, QStringLiteral("--body"), body}
                                              + more);
        return created.exitCode == 0 ? QString::fromUtf8(created.out).trimmed() : QString();
    }

    void publish(const QString &guid, const QStringList &more = {})
    {
        run(QStringList{QStringLiteral("edit"), guid, QStringLiteral("--status"),
                        QStringLiteral("published")}
            + more);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!cliBinary().isEmpty(), "INKWELL_CLI_BINARY is not set");
        m_profile = m_dir.filePath(QStringLiteral("profile"));
        const QString image = m_dir.filePath(QStringLiteral("ridge.png"));
        QFile file(image);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(Png);
        file.close();
        m_imageHash = QString::fromLatin1(
                QCryptographicHash::hash(Png, QCryptographicHash::Sha256).toHex());

        // One published post with a tag, a cover and an image in its body; a draft; a
        // published post deleted afterwards; and ten more published posts for a second page.
        const QString ridge =
                create(QStringLiteral("On the Ridge"), QStringLiteral("Wind **all** day.\n"),
                       {QStringLiteral("--tag"), QStringLiteral("Hiking")});
        QVERIFY(!ridge.isEmpty());
        publish(ridge, {QStringLiteral("--cover"), image});
        run({QStringLiteral("attach"), ridge, image});
        QVERIFY(!create(QStringLiteral("Secret Draft"), QStringLiteral("not yet")).isEmpty());
        const QString gone = create(QStringLiteral("Gone Post"), QStringLiteral("bye"));
        publish(gone);
        run({QStringLiteral("rm"), gone});
        for (int i = 1; i <= 10; ++i) {
            const QString guid = create(QStringLiteral("Note"), QStringLiteral("Note %1").arg(i));
            QVERIFY(!guid.isEmpty());
            publish(guid);
        }
    }

    void exportWritesThePublishedSite()
    {
        const QString out = m_dir.filePath(QStringLiteral("site"));
        QByteArray printed;
        run({QStringLiteral("--json"), QStringLiteral("export"), out}, 0, &printed);
        const QJsonObject summary = QJsonDocument::fromJson(printed).object();
        QCOMPARE(summary.value(QStringLiteral("posts")).toInt(), 11);

        const QStringList files = filesUnder(out);
        for (const QString &expected :
             {QStringLiteral("index.html"), QStringLiteral("page/2/index.html"),
              QStringLiteral("on-the-ridge/index.html"), QStringLiteral("note/index.html"),
              QStringLiteral("note-10/index.html"), QStringLiteral("tag/hiking/index.html"),
              QStringLiteral("feed.atom"), QStringLiteral("style.css"),
              QString(QStringLiteral("media/") + m_imageHash)}) {
            QVERIFY2(files.contains(expected), qPrintable(expected));
        }
        QVERIFY(!files.contains(QStringLiteral("page/3/index.html")));
        // Drafts and deleted posts: no page, and nothing of them anywhere.
        for (const QString &file : files) {
            QVERIFY2(!file.contains(QLatin1String("secret"))
                             && !file.contains(QLatin1String("gone")),
                     qPrintable(file));
            const QByteArray content = readFile(QDir(out).filePath(file));
            QVERIFY2(!content.contains("Secret Draft") && !content.contains("Gone Post"),
                     qPrintable(file));
        }
        QCOMPARE(readFile(QDir(out).filePath(QStringLiteral("media/") + m_imageHash)), Png);
        QVERIFY(!QDir(out).exists(QStringLiteral(".inkwell-export-tmp")));
    }

    void pagesShowThePublishedPosts()
    {
        const QString out = m_dir.filePath(QStringLiteral("pages"));
        run({QStringLiteral("export"), out});
        const QDir root(out);
        const QByteArray post = readFile(root.filePath(QStringLiteral("on-the-ridge/index.html")));
        QVERIFY(post.contains("On the Ridge"));
        QVERIFY(post.contains("Wind <strong>all</strong> day."));
        // Cover and body image from media/, the tag's page linked, the theme linked.
        QVERIFY(post.count(QStringLiteral("src=\"/media/%1\"").arg(m_imageHash).toUtf8()) >= 2);
        QVERIFY(post.contains("href=\"/tag/hiking/\""));
        QVERIFY(post.contains("href=\"/style.css\""));
        // The oldest of eleven: on the second index page, newest first.
        QVERIFY(!readFile(root.filePath(QStringLiteral("index.html"))).contains("On the Ridge"));
        QVERIFY(readFile(root.filePath(QStringLiteral("page/2/index.html")))
                        .contains("On the Ridge"));
        QVERIFY(readFile(root.filePath(QStringLiteral("tag/hiking/index.html")))
                        .contains("On the Ridge"));
        QVERIFY(!readFile(root.filePath(QStringLiteral("style.css"))).isEmpty());
        const QByteArray feed = readFile(root.filePath(QStringLiteral("feed.atom")));
        QVERIFY(feed.contains("<feed"));
        QVERIFY(feed.contains("On the Ridge"));
    }

    void aFolderWithOtherFilesIsRefused()
    {
        const QString out = m_dir.filePath(QStringLiteral("busy"));
        QVERIFY(QDir().mkpath(out));
        QFile other(QDir(out).filePath(QStringLiteral("thesis.tex")));
        QVERIFY(other.open(QIODevice::WriteOnly));
        other.write("\\documentclass{article}\n");
        other.close();
        const CliRun refused = runCli(m_profile, {QStringLiteral("export"), out});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains("not empty"), refused.err.constData());
        QCOMPARE(filesUnder(out), QStringList{QStringLiteral("thesis.tex")});
    }

    void anEarlierExportIsReplaced()
    {
        const QString out = m_dir.filePath(QStringLiteral("again"));
        run({QStringLiteral("export"), out});
        QVERIFY(QFile::exists(QDir(out).filePath(QStringLiteral("note-10/index.html"))));
        // Taking a post back to draft removes its page at the next export.
        const CliRun listed = runCli(m_profile, {QStringLiteral("--json"), QStringLiteral("ls")});
        const QJsonArray posts = QJsonDocument::fromJson(listed.out).array();
        QString ridge;
        for (const QJsonValue &post : posts) {
            if (post.toObject().value(QStringLiteral("title")).toString()
                == QStringLiteral("On the Ridge"))
                ridge = post.toObject().value(QStringLiteral("guid")).toString();
        }
        QVERIFY(!ridge.isEmpty());
        run({QStringLiteral("edit"), ridge, QStringLiteral("--status"), QStringLiteral("draft")});
        run({QStringLiteral("export"), out});
        const QStringList files = filesUnder(out);
        QVERIFY(!files.contains(QStringLiteral("on-the-ridge/index.html")));
        QVERIFY(!files.contains(QStringLiteral("tag/hiking/index.html")));
        QVERIFY(!files.contains(QStringLiteral("media/") + m_imageHash));
        QVERIFY(!files.contains(QStringLiteral("page/2/index.html")));
        QVERIFY(files.contains(QStringLiteral("index.html")));
        publish(ridge);
    }
};

QTEST_GUILESS_MAIN(TestExportCli)
#include "tst_exportcli.moc"
