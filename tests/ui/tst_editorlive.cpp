// The editor against the real inkwell-server with live updates: a colleague's edit of another
// part of the post the writer has open arrives in the editor without any click, merged into
// the open buffer, and the cursor and selection stay where they were.
#include "e2e/server/apiclient.h"
#include "editorapplication.h"
#include "model/post.h"
#include "net/threadedtransport.h"
#include "store/localstore.h"
#include "store/postrepository.h"
#include "support/enginereplica.h"
#include "support/serverlauncher.h"
#include "support/tempdir.h"
#include "ui/editor/bodyedit.h"
#include "ui/editor/posteditor.h"
#include "ui/window/mainwindow.h"
#include "uitestutil.h"

#include <QAction>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTextBlock>

using namespace inkwell;

namespace {

const QString Password = QStringLiteral("correct horse");

QString body(const QString &firstLine)
{
    QStringList lines{firstLine};
    for (int i = 2; i <= 8; ++i)
        lines << QStringLiteral("Line %1 of the draft.").arg(i);
    return lines.join(u'\n') + u'\n';
}

} // namespace

class TestEditorLive : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        test::answerMessageBoxes(this, {QStringLiteral("Do Not Keep")});
    }

    void colleaguesEditArrivesWithoutAClickAndKeepsTheCursor()
    {
        test::ServerLauncher server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        QVERIFY(server.addUser(QStringLiteral("ann"), Password));
        QVERIFY(server.addUser(QStringLiteral("bob"), Password));
        const qint64 blog = server.addBlog(QStringLiteral("Shared"), QStringLiteral("ann"));
        QVERIFY(server.addMember(blog, QStringLiteral("bob")));

        // bob: a second profile with the real network stack writes the post.
        test::ApiClient api(server.baseUrl());
        QVERIFY(api.login(QStringLiteral("bob"), Password));
        test::TempDir dir;
        sync::SyncOptions options;
        options.requestTimeout = std::chrono::seconds(10);
        test::EngineReplica bob(dir.filePath(QStringLiteral("bob.db")),
                                std::make_unique<net::ThreadedTransport>(),
                                {server.baseUrl(), QString::fromLatin1(api.token()), {blog}},
                                options, std::chrono::seconds(60));
        model::PostFields fields;
        fields.title = QStringLiteral("Plan");
        fields.body = body(QStringLiteral("Intro."));
        const QString guid = bob.create(fields).guid;
        QVERIFY(bob.sync());

        // ann: the editor, signed in; the post arrives by itself (first sync, then live).
        editor::EditorApplication::Options editorOptions;
        editorOptions.dataDir = dir.filePath(QStringLiteral("ann"));
        editorOptions.server = server.baseUrl();
        editorOptions.user = QStringLiteral("ann");
        qputenv("INKWELL_PASSWORD", Password.toUtf8());
        editor::EditorApplication application(editorOptions);
        QVERIFY(application.start());
        ui::MainWindow *window = application.window();
        store::PostRepository &posts = application.store()->posts();
        QTRY_VERIFY_WITH_TIMEOUT(posts.post(guid) && posts.post(guid)->rev > 0, 20000);

        // ann types in line 4, then selects "of the" in line 5.
        window->openPost(guid);
        ui::BodyEdit *edit = window->editor()->bodyEdit();
        QTRY_COMPARE(edit->toPlainText(), body(QStringLiteral("Intro.")));
        QTextCursor cursor(edit->document()->findBlockByNumber(3));
        cursor.movePosition(QTextCursor::EndOfBlock);
        edit->setTextCursor(cursor);
        edit->setFocus();
        QTest::keyClicks(edit, QStringLiteral(" Ann was here."));
        // Her edit goes out after the quiet period; from then on nothing of hers is pending, so
        // no run of her own could bring bob's change: only live updates can.
        QTRY_VERIFY_WITH_TIMEOUT(posts.post(guid)->syncStatus == model::SyncStatus::Synced
                                         && posts.post(guid)->fields.body.contains(u"Ann was here"),
                                 20000);
        const int selectionStart = 7; // "Line 5 |of the| draft."
        cursor = QTextCursor(edit->document()->findBlockByNumber(4));
        cursor.setPosition(cursor.block().position() + selectionStart);
        cursor.setPosition(cursor.block().position() + selectionStart + 6, QTextCursor::KeepAnchor);
        edit->setTextCursor(cursor);
        QCOMPARE(edit->textCursor().selectedText(), QStringLiteral("of the"));

        // bob gets her line, rewrites the first line and syncs; nobody clicks in the editor.
        QVERIFY(bob.sync());
        bob.edit(guid, [](model::PostFields &changed) {
            changed.body.replace(QStringLiteral("Intro."),
                                 QStringLiteral("A longer introduction, written by Bob."));
        });
        QVERIFY(bob.sync());
        QString expected = body(QStringLiteral("A longer introduction, written by Bob."));
        expected.replace(QStringLiteral("Line 4 of the draft."),
                         QStringLiteral("Line 4 of the draft. Ann was here."));
        QTRY_COMPARE_WITH_TIMEOUT(edit->toPlainText(), expected, 10000);

        const QTextCursor after = edit->textCursor();
        QCOMPARE(after.selectedText(), QStringLiteral("of the"));
        QCOMPARE(edit->document()->findBlock(after.selectionStart()).blockNumber(), 4);
        QCOMPARE(after.selectionStart() - after.block().position(), selectionStart);
        QCOMPARE(posts.post(guid)->fields.body, expected);
    }
};

QTEST_MAIN(TestEditorLive)
#include "tst_editorlive.moc"
