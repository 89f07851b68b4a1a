#include "ui/account/logindialog.h"

#include "ui/common/icons.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace inkwell::ui {

LoginDialog::LoginDialog(SignInService *service, QWidget *parent)
    : QDialog(parent), m_service(service), m_server(new QLineEdit(this)),
      m_user(new QLineEdit(this)), m_password(new QLineEdit(this)), m_error(new QLabel(this)),
      m_buttons(new QDialogButtonBox(this))
{
    setObjectName(QStringLiteral("loginDialog"));
    setWindowTitle(tr("Sign In to a Server"));
    m_server->setObjectName(QStringLiteral("server"));
    m_server->setPlaceholderText(QStringLiteral("https://blog.example.org"));
    m_server->setAccessibleName(tr("Server address"));
    m_user->setObjectName(QStringLiteral("user"));
    m_user->setAccessibleName(tr("User name"));
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setAccessibleName(tr("Password"));
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #d32f2f"));
    m_error->hide();

    auto *intro = new QLabel(tr("Inkwell keeps your posts on this computer and syncs them with "
                                "your team's server. Your password is not stored; the session "
                                "token is kept in the system keychain."),
                             this);
    intro->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("&Server:"), m_server);
    form->addRow(tr("&User name:"), m_user);
    form->addRow(tr("&Password:"), m_password);

    m_signIn = m_buttons->addButton(tr("Sign In"), QDialogButtonBox::AcceptRole);
    m_signIn->setIcon(actionIcon(QStringLiteral("sign-in")));
    m_signIn->setDefault(true);
    QPushButton *offline = m_buttons->addButton(tr("Work Offline"), QDialogButtonBox::ResetRole);
    offline->setToolTip(tr("Write without a server; you can sign in later."));
    m_buttons->addButton(QDialogButtonBox::Cancel);
    connect(m_signIn, &QPushButton::clicked, this, &LoginDialog::signIn);
    connect(offline, &QPushButton::clicked, this, [this] { done(WorkOffline); });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 60);
}

void LoginDialog::setServer(const QUrl &server)
{
    m_server->setText(server.toString());
}

void LoginDialog::setUser(const QString &user)
{
    m_user->setText(user);
    if (!user.isEmpty())
        m_password->setFocus();
}

QString LoginDialog::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

void LoginDialog::signIn()
{
    const QUrl server = QUrl::fromUserInput(m_server->text().trimmed());
    const QString user = m_user->text().trimmed();
    if (!server.isValid() || server.host().isEmpty() || user.isEmpty()
        || m_password->text().isEmpty()) {
        m_error->setText(tr("Please enter the server address, your user name and password."));
        m_error->show();
        return;
    }
    setBusy(true);
    m_service->signIn(server, user, m_password->text(), this,
                      [this](const Result<SignedInAccount> &result) {
                          setBusy(false);
                          if (!result) {
                              m_error->setText(inkwell::errorText(result.error().code));
                              m_error->show();
                              return;
                          }
                          m_account = *result;
                          m_password->clear();
                          accept();
                      });
}

void LoginDialog::setBusy(bool busy)
{
    m_signIn->setEnabled(!busy);
    m_signIn->setText(busy ? tr("Signing In…") : tr("Sign In"));
    m_error->hide();
}

} // namespace inkwell::ui
