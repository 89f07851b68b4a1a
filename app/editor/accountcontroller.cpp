#include "accountcontroller.h"

#include "account/blogchoice.h"
#include "enginesyncservice.h"
#include "net/filecredentialstore.h"
#include "net/keychaincredentialstore.h"
#include "sync/syncaccount.h"
#include "ui/account/logindialog.h"

#include <QMessageBox>
#include <QPushButton>
#include <QSettings>

#include <utility>

namespace inkwell::editor {

namespace {

// The sign-in dialog's service: the account client, as it is.
class ClientSignIn final : public ui::SignInService
{
public:
    explicit ClientSignIn(account::AccountClient *client) : m_client(client) { }

    void signIn(const QUrl &server, const QString &user, const QString &password, QObject *context,
                Callback done) override
    {
        m_client->signIn(server, user, password, context, std::move(done));
    }

private:
    account::AccountClient *m_client;
};

} // namespace

AccountController::AccountController(EngineSyncService *sync, net::Transport *transport,
                                     QString dataDir, QObject *parent)
    : QObject(parent), m_sync(sync), m_transport(transport), m_dataDir(std::move(dataDir)),
      m_client(transport), m_blogs(new account::BlogChoice(this)),
      m_signIn(std::make_unique<ClientSignIn>(&m_client)),
      m_keychain(std::make_unique<net::KeychainCredentialStore>()),
      m_file(std::make_unique<net::FileCredentialStore>(m_dataDir + QStringLiteral("/token.json")))
{
    QSettings settings;
    m_settings = ui::EditorSettings::load(settings);
    connect(m_blogs, &account::BlogChoice::currentChanged, this, &AccountController::rememberBlog);
}

AccountController::~AccountController() = default;

void AccountController::setSettings(const ui::EditorSettings &settings)
{
    m_settings = settings;
    QSettings store;
    m_settings.save(store);
    m_sync->setAutoSync(m_settings.autoSync, m_settings.syncPeriodMinutes);
}

net::CredentialStore *AccountController::credentialStore()
{
    switch (m_settings.tokenStorage) {
    case ui::TokenStorage::Keychain:
        return m_keychain.get();
    case ui::TokenStorage::File:
        return m_file.get();
    case ui::TokenStorage::None:
        break;
    }
    return nullptr;
}

void AccountController::restore()
{
    m_sync->setAutoSync(m_settings.autoSync, m_settings.syncPeriodMinutes);
    announce();
    if (m_settings.mode == ui::EditorSettings::Mode::OfflineOnly)
        return;
    net::CredentialStore *credentials = credentialStore();
    if (m_settings.mode != ui::EditorSettings::Mode::Server || !credentials) {
        showSignIn();
        return;
    }
    credentials->readToken(m_settings.server, m_settings.user, this,
                           [this](const Result<QString> &token) {
                               if (token) {
                                   start(*token);
                                   return;
                               }
                               showSignIn();
                           });
}

void AccountController::showSignIn()
{
    ui::LoginDialog dialog(m_signIn.get(), m_window);
    dialog.setServer(m_settings.server);
    dialog.setUser(m_settings.user);
    const int outcome = dialog.exec();
    if (outcome == QDialog::Accepted) {
        accept(dialog.account());
    } else if (outcome == ui::LoginDialog::WorkOffline) {
        m_settings.mode = ui::EditorSettings::Mode::OfflineOnly;
        setSettings(m_settings);
        announce();
    }
}

void AccountController::signInWithPassword(const QUrl &server, const QString &user,
                                           const QString &password)
{
    m_signIn->signIn(server, user, password, this,
                     [this](const Result<ui::SignedInAccount> &account) {
                         if (!account) {
                             Q_EMIT signInFailed(account.error());
                             return;
                         }
                         accept(*account);
                     });
}

void AccountController::accept(const ui::SignedInAccount &account)
{
    m_settings.mode = ui::EditorSettings::Mode::Server;
    m_settings.server = account.server;
    m_settings.user = account.user;
    m_settings.blogs = account.blogs;
    m_blogs->setBlogs(account.blogs, m_settings.chosenBlog);
    m_settings.chosenBlog = m_blogs->current();
    if (m_settings.tokenStorage == ui::TokenStorage::None)
        m_settings.tokenStorage = ui::TokenStorage::Keychain; // ask again on every sign-in
    setSettings(m_settings);
    start(account.token);
    storeToken(account);
}

void AccountController::storeToken(const ui::SignedInAccount &account)
{
    net::CredentialStore *credentials = credentialStore();
    if (!credentials)
        return;
    credentials->writeToken(
            account.server, account.user, account.token, this,
            [this, account](const Result<void> &written) {
                if (written)
                    return;
                if (m_settings.tokenStorage == ui::TokenStorage::Keychain
                    && written.error().code == ErrorCode::KeychainUnavailable) {
                    m_settings.tokenStorage =
                            askForFileStorage() ? ui::TokenStorage::File : ui::TokenStorage::None;
                    setSettings(m_settings);
                    storeToken(account);
                    return;
                }
                QMessageBox::warning(m_window, tr("Sign-in Not Saved"),
                                     tr("Your sign-in could not be saved (%1). You will be asked "
                                        "to sign in again next time.")
                                             .arg(errorText(written.error().code)));
            });
}

bool AccountController::askForFileStorage()
{
    QMessageBox box(QMessageBox::Warning, tr("No Keychain Available"),
                    tr("No system keychain is available to keep your sign-in safe."),
                    QMessageBox::NoButton, m_window);
    box.setInformativeText(
            tr("Inkwell can keep the session token in a file that only your user account can "
               "read (%1), or not keep it at all and ask you to sign in each time it starts. "
               "Your password is never stored.")
                    .arg(m_file->filePath()));
    QPushButton *file = box.addButton(tr("Keep in a File"), QMessageBox::AcceptRole);
    box.addButton(tr("Do Not Keep"), QMessageBox::RejectRole);
    box.setDefaultButton(file);
    box.exec();
    return box.clickedButton() == file;
}

void AccountController::start(const QString &token)
{
    m_token = token;
    m_blogs->setBlogs(m_settings.blogs, m_settings.chosenBlog);
    sync::SyncAccount account;
    account.server = m_settings.server;
    account.token = token;
    account.blogs = m_blogs->ids();
    m_sync->setAccount(account);
    announce();
    m_sync->syncNow();
    listBlogsAgain();
}

void AccountController::listBlogsAgain()
{
    // Blogs may have been added or renamed since the last sign-in; the sync reports a server
    // that cannot be reached, so a failure here changes nothing.
    const QString token = m_token;
    m_client.listBlogs(m_settings.server, token, this,
                       [this, token](const Result<QList<protocol::BlogSummary>> &blogs) {
                           if (!blogs || token != m_token || *blogs == m_settings.blogs)
                               return;
                           m_settings.blogs = *blogs;
                           m_blogs->setBlogs(*blogs, m_settings.chosenBlog);
                           setSettings(m_settings);
                           m_sync->setAccount({m_settings.server, token, m_blogs->ids()});
                           announce();
                       });
}

void AccountController::rememberBlog(qint64 blog)
{
    if (blog <= 0 || blog == m_settings.chosenBlog)
        return; // signed out: the choice is kept for the next sign-in
    m_settings.chosenBlog = blog;
    setSettings(m_settings);
    announce();
}

void AccountController::signOut()
{
    if (!m_token.isEmpty())
        m_client.signOut(m_settings.server, std::exchange(m_token, QString()), this,
                         [](const Result<void> &) {});
    if (net::CredentialStore *credentials = credentialStore())
        credentials->removeToken(m_settings.server, m_settings.user, this, [](auto &&) {});
    m_blogs->setBlogs({});
    m_sync->setAccount({});
    m_settings.mode = ui::EditorSettings::Mode::OfflineOnly;
    setSettings(m_settings);
    announce();
}

void AccountController::announce()
{
    QString text = tr("Offline only: posts stay on this computer");
    if (m_settings.mode == ui::EditorSettings::Mode::Server)
        text = tr("%1 on %2").arg(m_settings.user, m_settings.server.host());
    const bool signedIn = m_settings.mode == ui::EditorSettings::Mode::Server && !m_token.isEmpty();
    Q_EMIT accountChanged(text, signedIn ? m_blogs->currentKey() : QString());
}

} // namespace inkwell::editor
