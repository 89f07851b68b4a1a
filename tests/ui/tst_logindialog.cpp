// The sign-in dialog: what a writer types becomes the server URL through the one address rule;
// plain http to another computer needs an explicit, visible choice and shows a warning.
#include "ui/account/logindialog.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

using namespace inkwell;
using namespace inkwell::ui;

namespace {

// Records each sign-in and succeeds at once (from the event loop, as the real service would).
class RecordingSignIn final : public SignInService
{
public:
    QList<QUrl> servers;

    void signIn(const QUrl &server, const QString &user, const QString &password, QObject *context,
                Callback done) override
    {
        servers.append(server);
        QMetaObject::invokeMethod(
                context,
                [server, user, password, done] {
                    done(SignedInAccount{server,
                                         user,
                                         QStringLiteral("token-") + password,
                                         {},
                                         {{1, QStringLiteral("Notes")}}});
                },
                Qt::QueuedConnection);
    }
};

} // namespace

class TestLoginDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void bareHostSignsInOverHttps();
    void plainHttpToAnotherComputerNeedsTheCheckbox();
    void plainHttpToThisComputerNeedsNoCheckbox();
    void badAddressIsExplainedWithoutSigningIn();

private:
    void fillIn(const QString &server);
    void clickSignIn();
    QCheckBox *allowHttp() const
    {
        return m_dialog->findChild<QCheckBox *>(QStringLiteral("allowHttp"));
    }
    QLabel *warning() const { return m_dialog->findChild<QLabel *>(QStringLiteral("httpWarning")); }

    std::unique_ptr<RecordingSignIn> m_service;
    std::unique_ptr<LoginDialog> m_dialog;
};

void TestLoginDialog::init()
{
    m_service = std::make_unique<RecordingSignIn>();
    m_dialog = std::make_unique<LoginDialog>(m_service.get());
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
}

void TestLoginDialog::cleanup()
{
    m_dialog.reset();
    m_service.reset();
}

void TestLoginDialog::fillIn(const QString &server)
{
    auto *field = m_dialog->findChild<QLineEdit *>(QStringLiteral("server"));
    field->clear();
    QTest::keyClicks(field, server);
    QTest::keyClicks(m_dialog->findChild<QLineEdit *>(QStringLiteral("user")),
                     QStringLiteral("alice"));
    QTest::keyClicks(m_dialog->findChild<QLineEdit *>(QStringLiteral("password")),
                     QStringLiteral("secret"));
}

void TestLoginDialog::clickSignIn()
{
    const auto buttons = m_dialog->findChildren<QPushButton *>();
    for (QPushButton *button : buttons) {
        if (button->text() == u"Sign In") {
            QTest::mouseClick(button, Qt::LeftButton);
            return;
        }
    }
    QFAIL("no Sign In button");
}

void TestLoginDialog::bareHostSignsInOverHttps()
{
    fillIn(QStringLiteral("example.org"));
    QVERIFY(!warning()->isVisible());
    clickSignIn();
    QCOMPARE(m_service->servers, QList<QUrl>{QUrl(QStringLiteral("https://example.org"))});
    QTRY_COMPARE(m_dialog->result(), int(QDialog::Accepted));
    QCOMPARE(m_dialog->account().server, QUrl(QStringLiteral("https://example.org")));
}

void TestLoginDialog::plainHttpToAnotherComputerNeedsTheCheckbox()
{
    QVERIFY(allowHttp()->isVisible());
    QVERIFY(!allowHttp()->isChecked());
    fillIn(QStringLiteral("http://example.org"));
    clickSignIn();
    QVERIFY(m_service->servers.isEmpty());
    QVERIFY2(m_dialog->errorText().contains(u"unencrypted"), qPrintable(m_dialog->errorText()));
    QVERIFY(!warning()->isVisible());

    QTest::mouseClick(allowHttp(), Qt::LeftButton, {}, QPoint(5, allowHttp()->height() / 2));
    QVERIFY(allowHttp()->isChecked());
    QVERIFY(warning()->isVisible());
    QVERIFY(warning()->text().contains(u"example.org"));
    QVERIFY(warning()->text().contains(u"password"));
    clickSignIn();
    QCOMPARE(m_service->servers, QList<QUrl>{QUrl(QStringLiteral("http://example.org"))});
    QTRY_COMPARE(m_dialog->result(), int(QDialog::Accepted));
}

void TestLoginDialog::plainHttpToThisComputerNeedsNoCheckbox()
{
    fillIn(QStringLiteral("http://127.0.0.1:8080"));
    QVERIFY(!warning()->isVisible());
    clickSignIn();
    QCOMPARE(m_service->servers, QList<QUrl>{QUrl(QStringLiteral("http://127.0.0.1:8080"))});
    // Ticking the box for this computer warns about nothing: the connection never leaves it.
    QTest::mouseClick(allowHttp(), Qt::LeftButton, {}, QPoint(5, allowHttp()->height() / 2));
    QVERIFY(!warning()->isVisible());
}

void TestLoginDialog::badAddressIsExplainedWithoutSigningIn()
{
    fillIn(QStringLiteral("ftp://example.org"));
    allowHttp()->setChecked(true);
    clickSignIn();
    QVERIFY(m_service->servers.isEmpty());
    QVERIFY2(m_dialog->errorText().contains(u"ftp"), qPrintable(m_dialog->errorText()));
    fillIn(QStringLiteral("https://alice:pw@example.org"));
    clickSignIn();
    QVERIFY(m_service->servers.isEmpty());
    QVERIFY(m_dialog->errorText().contains(u"password"));
    QVERIFY(m_dialog->isVisible());
}

QTEST_MAIN(TestLoginDialog)
#include "tst_logindialog.moc"
