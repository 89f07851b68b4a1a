#pragma once

#include "ui/account/signinservice.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace inkwell::net {
enum class PlainHttp;
}

namespace inkwell::ui {

// Asks for the server URL, user name and password and signs in through a SignInService. Accepted
// with account() filled on success; "Work Offline" ends it with WorkOffline instead. The address
// goes through net::parseServerAddress: a bare host means https, and http:// to another computer
// needs the "Allow unencrypted connection" box, which shows a warning while it applies.
class LoginDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoginDialog)

public:
    enum Outcome { WorkOffline = 2 };

    LoginDialog(SignInService *service, QWidget *parent = nullptr);

    void setServer(const QUrl &server);
    void setUser(const QString &user);
    const SignedInAccount &account() const { return m_account; }
    QString errorText() const;

private:
    void signIn();
    void setBusy(bool busy);
    void updateHttpWarning();
    void showError(const QString &text);
    net::PlainHttp plainHttp() const;

    SignInService *m_service;
    QLineEdit *m_server;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QCheckBox *m_allowHttp;
    QLabel *m_httpWarning;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    QPushButton *m_signIn;
    SignedInAccount m_account;
};

} // namespace inkwell::ui
