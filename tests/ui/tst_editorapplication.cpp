#include "editorapplication.h"
#include "model/error.h"
#include "support/tempdir.h"
#include "ui/window/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <QTranslator>

using namespace inkwell;

class TestEditorApplication : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void corruptDatabaseShowsAClearErrorAndQuits();
    void corruptDatabaseCanBeSetAsideKeepingTheFile();
    void offlineStartShowsTheWindow();
    void germanLocaleTranslatesWindowAndErrors();
    void pluralsReadAsEnglishWithoutACatalogue_data();
    void pluralsReadAsEnglishWithoutACatalogue();
    void serverOptionFollowsTheAddressRule_data();
    void serverOptionFollowsTheAddressRule();

private:
    // Answers the database error box with the button whose text starts with buttonText and
    // records the box's text.
    void answerErrorBox(const QString &buttonText, QString *shownText);
    static void writeGarbage(const QString &path);
};

void TestEditorApplication::writeGarbage(const QString &path)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QByteArray junk("SQLite format 3");
    junk.append('\0');
    junk.append(QByteArray(8192, '\x5a'));
    file.write(junk);
}

void TestEditorApplication::answerErrorBox(const QString &buttonText, QString *shownText)
{
    auto *timer = new QTimer(this);
    timer->setInterval(20);
    connect(timer, &QTimer::timeout, this, [timer, buttonText, shownText] {
        const auto windows = QApplication::topLevelWidgets();
        for (QWidget *widget : windows) {
            auto *box = qobject_cast<QMessageBox *>(widget);
            if (!box || !box->isVisible() || box->objectName() != QStringLiteral("databaseError"))
                continue;
            *shownText = box->text() + u'\n' + box->informativeText();
            const auto buttons = box->findChildren<QPushButton *>();
            for (QPushButton *button : buttons) {
                if (button->text().startsWith(buttonText)) {
                    timer->stop();
                    timer->deleteLater();
                    button->click();
                    return;
                }
            }
        }
    });
    timer->start();
}

void TestEditorApplication::corruptDatabaseShowsAClearErrorAndQuits()
{
    test::TempDir dir;
    editor::EditorApplication::Options options;
    options.dataDir = dir.path();
    options.offlineOnly = true;
    editor::EditorApplication application(options);
    writeGarbage(application.databasePath());
    QString shown;
    answerErrorBox(QStringLiteral("Quit"), &shown);
    QVERIFY(!application.start());
    QVERIFY2(shown.contains(QStringLiteral("damaged")), qPrintable(shown));
    QVERIFY(shown.contains(QDir::toNativeSeparators(application.databasePath())));
    QVERIFY(!application.window());
    QVERIFY(QFile::exists(application.databasePath())); // nothing deleted
}

void TestEditorApplication::corruptDatabaseCanBeSetAsideKeepingTheFile()
{
    test::TempDir dir;
    editor::EditorApplication::Options options;
    options.dataDir = dir.path();
    options.offlineOnly = true;
    editor::EditorApplication application(options);
    writeGarbage(application.databasePath());
    QString shown;
    answerErrorBox(QStringLiteral("Start with an Empty"), &shown);
    QVERIFY(application.start());
    QVERIFY(application.window());
    const QStringList aside =
            QDir(dir.path()).entryList({QStringLiteral("inkwell.sqlite.damaged-*")}, QDir::Files);
    QCOMPARE(aside.size(), 1);
}

void TestEditorApplication::offlineStartShowsTheWindow()
{
    test::TempDir dir;
    editor::EditorApplication::Options options;
    options.dataDir = dir.path();
    options.offlineOnly = true;
    options.demo = true;
    editor::EditorApplication application(options);
    QVERIFY(application.start());
    QVERIFY(application.window()->isVisible());
    QTRY_VERIFY(!application.window()->windowTitle().isEmpty());
}

void TestEditorApplication::germanLocaleTranslatesWindowAndErrors()
{
    const QLocale previous;
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    editor::EditorApplication::installTranslations(*qApp);
    QLocale::setDefault(previous);

    QCOMPARE(errorText(ErrorCode::NotFound), QStringLiteral("Der Eintrag wurde nicht gefunden."));
    test::TempDir dir;
    editor::EditorApplication::Options options;
    options.dataDir = dir.path();
    options.offlineOnly = true;
    editor::EditorApplication application(options);
    QVERIFY(application.start());
    QStringList actionTexts;
    const auto actions = application.window()->findChildren<QAction *>();
    for (const QAction *action : actions)
        actionTexts.append(action->text());
    QVERIFY2(actionTexts.contains(QStringLiteral("&Neuer Beitrag")),
             qPrintable(actionTexts.join(u", ")));

    const auto translators = qApp->findChildren<QTranslator *>();
    for (QTranslator *translator : translators)
        QCoreApplication::removeTranslator(translator);
}

// The source texts are English, "%n post(s)" included: English, a language without a catalogue
// and the C locale get the English plural forms; German its own.
void TestEditorApplication::pluralsReadAsEnglishWithoutACatalogue_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<QString>("one");
    QTest::addColumn<QString>("three");
    const QString english1 = QStringLiteral("1 unreadable post from the server skipped");
    const QString english3 = QStringLiteral("3 unreadable posts from the server skipped");
    QTest::newRow("English") << QLocale(QLocale::English, QLocale::UnitedKingdom) << english1
                             << english3;
    QTest::newRow("French (no catalogue)")
            << QLocale(QLocale::French, QLocale::France) << english1 << english3;
    QTest::newRow("C") << QLocale::c() << english1 << english3;
    QTest::newRow("German") << QLocale(QLocale::German, QLocale::Germany)
                            << QStringLiteral("1 unlesbarer Beitrag vom Server übersprungen")
                            << QStringLiteral("3 unlesbare Beiträge vom Server übersprungen");
}

void TestEditorApplication::pluralsReadAsEnglishWithoutACatalogue()
{
    QFETCH(QLocale, locale);
    QFETCH(QString, one);
    QFETCH(QString, three);
    const QLocale previous;
    QLocale::setDefault(locale);
    editor::EditorApplication::installTranslations(*qApp);
    QLocale::setDefault(previous);
    const char *context = "inkwell::ui::SyncStatusWidget";
    const char *source = "%n unreadable post(s) from the server skipped";
    const QString shownForOne = QCoreApplication::translate(context, source, nullptr, 1);
    const QString shownForThree = QCoreApplication::translate(context, source, nullptr, 3);
    const auto translators = qApp->findChildren<QTranslator *>();
    for (QTranslator *translator : translators) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
    QCOMPARE(shownForOne, one);
    QCOMPARE(shownForThree, three);
}

// --server takes what the sign-in dialog takes: a bare host means https, plain http to another
// computer only with --allow-http.
void TestEditorApplication::serverOptionFollowsTheAddressRule_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("server"); // empty: refused
    const auto row = [](const char *name, const QStringList &arguments, const char *server) {
        QTest::newRow(name) << (QStringList{QStringLiteral("inkwell")} + arguments)
                            << QString::fromLatin1(server);
    };
    const QString option = QStringLiteral("--server");
    row("bare host", {option, QStringLiteral("example.org")}, "https://example.org");
    row("host and port", {option, QStringLiteral("example.org:8443")}, "https://example.org:8443");
    row("http to loopback", {option, QStringLiteral("http://127.0.0.1:8080")},
        "http://127.0.0.1:8080");
    row("http to another computer", {option, QStringLiteral("http://example.org")}, "");
    row("http allowed",
        {option, QStringLiteral("http://example.org"), QStringLiteral("--allow-http")},
        "http://example.org");
    row("ftp", {option, QStringLiteral("ftp://example.org"), QStringLiteral("--allow-http")}, "");
}

void TestEditorApplication::serverOptionFollowsTheAddressRule()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, server);
    const Result<editor::EditorApplication::Options> options =
            editor::EditorApplication::parseArguments(arguments);
    if (server.isEmpty()) {
        QVERIFY(!options);
        QVERIFY2(options.error().message.startsWith(u"--server"),
                 qPrintable(options.error().message));
        return;
    }
    QVERIFY2(options, qPrintable(options ? QString() : options.error().message));
    QCOMPARE(options->server, QUrl(server));
}

QTEST_MAIN(TestEditorApplication)
#include "tst_editorapplication.moc"
