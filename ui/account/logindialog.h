#pragma once

#include "ui/account/signinservice.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace inkwell::ui {

// Asks for the server URL, user name and password and signs in through a SignInService. Accepted
// with account() filled on success; "Work Offline" ends it with WorkOffline instead.
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

    SignInService *m_service;
    QLineEdit *m_server;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    QPushButton *m_signIn;
    SignedInAccount m_account;
};

} // namespace inkwell::ui
