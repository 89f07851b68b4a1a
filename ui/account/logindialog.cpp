#include "ui/account/logindialog.h"

#include "net/serveraddress.h"
#include "ui/common/icons.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace inkwell::ui {

LoginDialog::LoginDialog(SignInService *service, QWidget *parent)
    : QDialog(parent), m_service(service), m_server(new QLineEdit(this)),
      m_user(new QLineEdit(this)), m_password(new QLineEdit(this)),
      m_allowHttp(new QCheckBox(tr("Allow &unencrypted connection (http)"), this)),
      m_httpWarning(new QLabel(this)), m_error(new QLabel(this)),
      m_buttons(new QDialogButtonBox(this))
{
    setObjectName(QStringLiteral("loginDialog"));
    setWindowTitle(tr("Sign In to a Server"));
    m_server->setObjectName(QStringLiteral("server"));
    m_server->setPlaceholderText(QStringLiteral("blog.example.org"));
    m_server->setAccessibleName(tr("Server address"));
    m_user->setObjectName(QStringLiteral("user"));
    m_user->setAccessibleName(tr("User name"));
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setAccessibleName(tr("Password"));
    m_allowHttp->setObjectName(QStringLiteral("allowHttp"));
    m_allowHttp->setToolTip(tr("Only for a server on a network you trust: with http:// your "
                               "password and posts are not encrypted."));
    m_httpWarning->setObjectName(QStringLiteral("httpWarning"));
    m_httpWarning->setWordWrap(true);
    m_httpWarning->setStyleSheet(QStringLiteral("color: #b45309"));
    m_httpWarning->hide();
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
    form->addRow(QString(), m_allowHttp);

    m_signIn = m_buttons->addButton(tr("Sign In"), QDialogButtonBox::AcceptRole);
    m_signIn->setIcon(actionIcon(QStringLiteral("sign-in")));
    m_signIn->setDefault(true);
    QPushButton *offline = m_buttons->addButton(tr("Work Offline"), QDialogButtonBox::ResetRole);
    offline->setToolTip(tr("Write without a server; you can sign in later."));
    m_buttons->addButton(QDialogButtonBox::Cancel);
    connect(m_signIn, &QPushButton::clicked, this, &LoginDialog::signIn);
    connect(offline, &QPushButton::clicked, this, [this] { done(WorkOffline); });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_server, &QLineEdit::textChanged, this, &LoginDialog::updateHttpWarning);
    connect(m_allowHttp, &QCheckBox::toggled, this, &LoginDialog::updateHttpWarning);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_httpWarning);
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

net::PlainHttp LoginDialog::plainHttp() const
{
    return m_allowHttp->isChecked() ? net::PlainHttp::Allowed : net::PlainHttp::LoopbackOnly;
}

void LoginDialog::updateHttpWarning()
{
    const Result<QUrl> server = net::parseServerAddress(m_server->text(), plainHttp());
    const QString warning = server ? net::unencryptedWarning(*server) : QString();
    m_httpWarning->setText(warning);
    m_httpWarning->setVisible(!warning.isEmpty());
}

void LoginDialog::signIn()
{
    const QString user = m_user->text().trimmed();
    if (m_server->text().trimmed().isEmpty() || user.isEmpty() || m_password->text().isEmpty()) {
        showError(tr("Please enter the server address, your user name and password."));
        return;
    }
    const Result<QUrl> server = net::parseServerAddress(m_server->text(), plainHttp());
    if (!server) {
        showError(server.error().message);
        m_server->setFocus();
        return;
    }
    setBusy(true);
    m_service->signIn(*server, user, m_password->text(), this,
                      [this](const Result<SignedInAccount> &result) {
                          setBusy(false);
                          if (!result) {
                              showError(inkwell::errorText(result.error().code));
                              return;
                          }
                          m_account = *result;
                          m_password->clear();
                          accept();
                      });
}

void LoginDialog::showError(const QString &text)
{
    m_error->setText(text);
    m_error->show();
}

void LoginDialog::setBusy(bool busy)
{
    m_signIn->setEnabled(!busy);
    m_signIn->setText(busy ? tr("Signing In…") : tr("Sign In"));
    m_error->hide();
}

} // namespace inkwell::ui
