#pragma once

#include "account/accountclient.h"
#include "ui/account/editorsettings.h"
#include "ui/account/signinservice.h"

#include <QObject>

#include <memory>

class QWidget;

namespace inkwell::account {
class BlogChoice;
}
namespace inkwell::net {
class CredentialStore;
class FileCredentialStore;
class Transport;
} // namespace inkwell::net

namespace inkwell::editor {

class EngineSyncService;

// The account side of the editor: restores the signed-in account at start (token from the
// keychain or, by explicit choice, a token file), signs in and out, lists the account's blogs
// again at start, remembers the blog the writer works in, and keeps the settings and the sync
// service in step. The password is never stored; the token never logged.
class AccountController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountController)

public:
    AccountController(EngineSyncService *sync, net::Transport *transport, QString dataDir,
                      QObject *parent = nullptr);
    ~AccountController() override;

    const ui::EditorSettings &settings() const { return m_settings; }
    // The account's blogs and the one the writer works in (the window's blog picker).
    account::BlogChoice *blogChoice() const { return m_blogs; }
    void setSettings(const ui::EditorSettings &settings);
    // The dialogs this controller shows are parented to window.
    void setWindow(QWidget *window) { m_window = window; }

    // Reads the token of the saved account and starts syncing; asks to sign in when there is
    // none and the writer has not chosen offline-only mode.
    void restore();
    // Shows the sign-in dialog.
    void showSignIn();
    // Signs in without a dialog (scripts/run.sh); the outcome arrives as signedIn or failed.
    void signInWithPassword(const QUrl &server, const QString &user, const QString &password);
    // Revokes the session on the server (when reachable) and forgets the token here.
    void signOut();

Q_SIGNALS:
    // The account in use changed (also to none); text describes it for the status bar,
    // currentBlog is the blog the writer works in ("" when signed out).
    void accountChanged(const QString &text, const QString &currentBlog);
    void signInFailed(const inkwell::Error &error);

private:
    void accept(const ui::SignedInAccount &account);
    void storeToken(const ui::SignedInAccount &account);
    void start(const QString &token);
    void listBlogsAgain();
    void rememberBlog(qint64 blog);
    net::CredentialStore *credentialStore();
    bool askForFileStorage();
    void announce();

    EngineSyncService *m_sync;
    net::Transport *m_transport;
    QString m_dataDir;
    QWidget *m_window = nullptr;
    ui::EditorSettings m_settings;
    account::AccountClient m_client;
    account::BlogChoice *m_blogs;
    std::unique_ptr<ui::SignInService> m_signIn;
    QString m_token; // of the session in use; empty when signed out
    std::unique_ptr<net::CredentialStore> m_keychain;
    std::unique_ptr<net::FileCredentialStore> m_file;
};

} // namespace inkwell::editor
