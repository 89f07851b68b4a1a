#include "editorapplication.h"

#include "account/blogchoice.h"
#include "accountcontroller.h"
#include "demoposts.h"
#include "engineblogpageservice.h"
#include "enginehistoryservice.h"
#include "enginesyncservice.h"
#include "net/networktransport.h"
#include "net/serveraddress.h"
#include "presenceservice.h"
#include "store/localstore.h"
#include "ui/account/settingsdialog.h"
#include "ui/common/theme.h"
#include "ui/editor/posteditor.h"
#include "ui/list/postlistmodel.h"
#include "ui/list/postlistpane.h"
#include "ui/merge/mergewindow.h"
#include "ui/window/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QLibraryInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QTimer>
#include <QTranslator>

namespace inkwell::editor {

Result<EditorApplication::Options> EditorApplication::parseArguments(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Inkwell, the offline-first blog editor"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     tr("Keep posts and settings in <dir>."), tr("dir"));
    const QCommandLineOption offline(QStringLiteral("offline"),
                                     tr("Work without a server in this run."));
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  tr("Add example posts when there are none."));
    const QCommandLineOption server(QStringLiteral("server"),
                                    tr("Sign in to <url> (password from INKWELL_PASSWORD)."),
                                    tr("url"));
    const QCommandLineOption user(QStringLiteral("user"), tr("User name for --server."),
                                  tr("name"));
    const QCommandLineOption allowHttp(
            QStringLiteral("allow-http"),
            tr("Allow an unencrypted http:// --server address on another computer."));
    const QCommandLineOption dark(QStringLiteral("dark"), tr("Use a dark colour scheme."));
    parser.addOptions({dataDir, offline, demo, server, user, allowHttp, dark});
    parser.process(arguments);
    Options options;
    options.dataDir = parser.value(dataDir);
    options.offlineOnly = parser.isSet(offline);
    options.demo = parser.isSet(demo);
    if (parser.isSet(server)) {
        const Result<QUrl> address = net::parseServerAddress(
                parser.value(server),
                parser.isSet(allowHttp) ? net::PlainHttp::Allowed : net::PlainHttp::LoopbackOnly);
        if (!address)
            return Error{address.error().code,
                         QStringLiteral("--server: ") + address.error().message};
        options.server = *address;
    }
    options.user = parser.value(user);
    options.dark = parser.isSet(dark);
    return options;
}

void EditorApplication::installTranslations(QCoreApplication &application)
{
    auto *qt = new QTranslator(&application);
    if (qt->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    // The source texts are English; inkwell_en only gives the plural forms of "%n post(s)".
    // A language without a catalogue (and the C locale) gets English, plurals included.
    auto *inkwell = new QTranslator(&application);
    if (inkwell->load(QLocale(), QStringLiteral("inkwell"), QStringLiteral("_"),
                      QStringLiteral(":/i18n"))
        || inkwell->load(QStringLiteral(":/i18n/inkwell_en.qm")))
        QCoreApplication::installTranslator(inkwell);
}

EditorApplication::EditorApplication(Options options, QObject *parent)
    : QObject(parent), m_options(std::move(options))
{
    if (m_options.dataDir.isEmpty())
        m_options.dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

EditorApplication::~EditorApplication()
{
    // The window saves the open post; the syncer stops before the store it writes to goes.
    m_window.reset();
    delete m_account;
    delete m_sync;
    m_transport.reset();
    m_store.reset();
}

QString EditorApplication::databasePath() const
{
    return QDir(m_options.dataDir).filePath(QStringLiteral("inkwell.sqlite"));
}

bool EditorApplication::start()
{
    if (m_options.dark)
        ui::applyTheme(*qApp, ui::Theme::Dark);
    QDir().mkpath(m_options.dataDir);
    if (!openStore())
        return false;
    m_transport = std::make_unique<net::NetworkTransport>();
    m_sync = new EngineSyncService(m_store.get(), m_transport.get(), this);
    m_account = new AccountController(m_sync, m_transport.get(), m_options.dataDir, this);
    m_window = std::make_unique<ui::MainWindow>(*m_store, m_sync);
    m_account->setWindow(m_window.get());
    m_window->setHistoryService(new EngineHistoryService(m_sync, m_transport.get(), this));
    m_blogPages = new EngineBlogPageService(m_sync, m_transport.get(), this);
    m_window->setBlogPageService(m_blogPages);
    m_window->setBlogChoice(m_account->blogChoice());
    wireWindow();
    m_window->show();
    QTimer::singleShot(0, this, [this] {
        if (m_options.offlineOnly) {
            onAccountChanged(tr("Offline only: posts stay on this computer"), {});
        } else if (!m_options.server.isEmpty() && !m_options.user.isEmpty()) {
            m_account->signInWithPassword(m_options.server, m_options.user,
                                          qEnvironmentVariable("INKWELL_PASSWORD"));
        } else {
            m_account->restore();
        }
    });
    return true;
}

bool EditorApplication::openStore()
{
    for (;;) {
        m_store = std::make_unique<store::LocalStore>(databasePath());
        const Result<void> opened = m_store->open();
        if (opened)
            return true;
        m_store.reset();
        QMessageBox box(QMessageBox::Critical, tr("Inkwell Cannot Open Your Posts"),
                        errorText(opened.error().code), QMessageBox::NoButton);
        box.setObjectName(QStringLiteral("databaseError"));
        box.setInformativeText(tr("Database: %1").arg(QDir::toNativeSeparators(databasePath())));
        QPushButton *fresh = nullptr;
        if (opened.error().code == ErrorCode::DatabaseCorrupt) {
            box.setInformativeText(
                    box.informativeText() + u'\n'
                    + tr("You can start with an empty database; the damaged file is kept next "
                         "to it so nothing is deleted."));
            fresh = box.addButton(tr("Start with an Empty Database"), QMessageBox::AcceptRole);
        }
        QPushButton *quit = box.addButton(tr("Quit"), QMessageBox::RejectRole);
        box.setDefaultButton(quit);
        box.exec();
        if (!fresh || box.clickedButton() != fresh)
            return false;
        const QString aside = databasePath() + QStringLiteral(".damaged-")
                + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
        if (!QFile::rename(databasePath(), aside))
            return false;
    }
}

void EditorApplication::wireWindow()
{
    ui::MainWindow *window = m_window.get();
    // The writer's typing in the open post is what other members see as "editing".
    m_sync->presence()->watch(window->editor()->session());
    connect(window, &ui::MainWindow::signInRequested, m_account, &AccountController::showSignIn);
    connect(window, &ui::MainWindow::signOutRequested, m_account, &AccountController::signOut);
    connect(window, &ui::MainWindow::settingsRequested, this, &EditorApplication::showSettings);
    connect(window, &ui::MainWindow::resolveRequested, this, &EditorApplication::showConflict);
    connect(m_account, &AccountController::accountChanged, this,
            &EditorApplication::onAccountChanged);
    connect(m_account, &AccountController::signInFailed, this, [this](const Error &error) {
        QMessageBox::warning(m_window.get(), tr("Sign-in Failed"), errorText(error.code));
    });
}

void EditorApplication::onAccountChanged(const QString &text, const QString &currentBlog)
{
    m_window->setAccountText(text);
    m_window->setSignedIn(!currentBlog.isEmpty());
    m_blogPages->accountChanged();
    // Posts written while signed out go to the blog the writer works in.
    if (const QString target = m_account->blogChoice()->adoptionTarget();
        !currentBlog.isEmpty() && !target.isEmpty())
        m_window->adoptLocalPosts(target);
    const bool ready = m_options.offlineOnly || !currentBlog.isEmpty();
    if (m_options.demo && ready && !m_demoDone) {
        m_demoDone = true;
        auto created = createDemoPosts(*m_store, currentBlog);
        if (created && *created > 0) {
            m_window->listPane()->model()->reload();
            m_window->openFirstPostIfNone();
            m_sync->syncNow();
        }
    }
}

void EditorApplication::showSettings()
{
    ui::SettingsDialog dialog(m_account->settings(), m_window.get());
    if (dialog.exec() == QDialog::Accepted)
        m_account->setSettings(dialog.settings());
}

void EditorApplication::showConflict(const QString &guid)
{
    // One merge window per post: asking again brings the open one forward.
    const auto open = m_window->findChildren<ui::MergeWindow *>();
    for (ui::MergeWindow *window : open) {
        if (window->guid() == guid && window->isVisible()) {
            window->raise();
            window->activateWindow();
            return;
        }
    }
    auto *window = new ui::MergeWindow(*m_store, m_sync, guid, m_window.get());
    window->setAttribute(Qt::WA_DeleteOnClose);
    if (!window->hasConflict()) {
        delete window;
        QMessageBox::information(m_window.get(), tr("No Conflict"),
                                 tr("This post has no conflict to resolve."));
        return;
    }
    window->show();
}

} // namespace inkwell::editor
