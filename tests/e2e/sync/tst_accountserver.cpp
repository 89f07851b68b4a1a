// The account client against the real server on 127.0.0.1: signing in lists the account's blogs
// by name, a wrong password and a revoked token are told apart clearly, and signing out ends the
// session on the server.
#include "account/accountclient.h"
#include "net/networktransport.h"
#include "support/serverlauncher.h"

#include <QTest>

#include <optional>

using namespace inkwell;
using namespace inkwell::account;
using namespace inkwell::test;

class TestAccountServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void signInListsTheBlogsByName();
    void aWrongPasswordSaysSo();
    void signingOutEndsTheSession();
    void anUnreachableServerIsANetworkError();

private:
    Result<AccountSession> signIn(const QUrl &server, const QString &password);
    Result<QList<protocol::BlogSummary>> listBlogs(const QString &token);

    std::unique_ptr<ServerLauncher> m_server;
    std::unique_ptr<net::NetworkTransport> m_transport;
    std::unique_ptr<AccountClient> m_client;
    qint64 m_travel = 0;
    qint64 m_recipes = 0;
};

void TestAccountServer::initTestCase()
{
    m_server = std::make_unique<ServerLauncher>();
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    QVERIFY(m_server->addUser(QStringLiteral("anna"), QStringLiteral("password")));
    QVERIFY(m_server->addUser(QStringLiteral("ben"), QStringLiteral("password")));
    m_travel = m_server->addBlog(QStringLiteral("Travel"), QStringLiteral("anna"));
    m_recipes = m_server->addBlog(QStringLiteral("Recipes"), QStringLiteral("anna"));
    QVERIFY(m_server->addBlog(QStringLiteral("Ben's"), QStringLiteral("ben")) > 0);
    m_transport = std::make_unique<net::NetworkTransport>();
    m_client = std::make_unique<AccountClient>(m_transport.get());
}

Result<AccountSession> TestAccountServer::signIn(const QUrl &server, const QString &password)
{
    std::optional<Result<AccountSession>> result;
    m_client->signIn(server, QStringLiteral("anna"), password, this,
                     [&result](const Result<AccountSession> &session) { result = session; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 30000))
        return Error{ErrorCode::Timeout, QStringLiteral("no answer")};
    return *result;
}

Result<QList<protocol::BlogSummary>> TestAccountServer::listBlogs(const QString &token)
{
    std::optional<Result<QList<protocol::BlogSummary>>> result;
    m_client->listBlogs(m_server->baseUrl(), token, this,
                        [&result](const auto &blogs) { result = blogs; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 30000))
        return Error{ErrorCode::Timeout, QStringLiteral("no answer")};
    return *result;
}

void TestAccountServer::signInListsTheBlogsByName()
{
    const Result<AccountSession> session = signIn(m_server->baseUrl(), QStringLiteral("password"));
    if (!session)
        QFAIL(qPrintable(session.error().message));
    QCOMPARE(session->user, QStringLiteral("anna"));
    QVERIFY(!session->token.isEmpty());
    QVERIFY(session->expiresAt > QDateTime::currentDateTimeUtc());
    const QList<protocol::BlogSummary> expected{{m_travel, QStringLiteral("Travel")},
                                                {m_recipes, QStringLiteral("Recipes")}};
    QCOMPARE(session->blogs, expected); // not Ben's blog
}

void TestAccountServer::aWrongPasswordSaysSo()
{
    const Result<AccountSession> session = signIn(m_server->baseUrl(), QStringLiteral("wrong"));
    QVERIFY(!session.hasValue());
    QCOMPARE(session.error().code, ErrorCode::Unauthorized);
    QCOMPARE(session.error().message, QStringLiteral("sign-in: wrong user name or password"));
}

void TestAccountServer::signingOutEndsTheSession()
{
    const Result<AccountSession> session = signIn(m_server->baseUrl(), QStringLiteral("password"));
    QVERIFY(session.hasValue());
    QVERIFY(listBlogs(session->token).hasValue());

    std::optional<Result<void>> signedOut;
    m_client->signOut(m_server->baseUrl(), session->token, this,
                      [&signedOut](const Result<void> &done) { signedOut = done; });
    QTRY_VERIFY_WITH_TIMEOUT(signedOut.has_value(), 30000);
    QVERIFY2(signedOut->hasValue(), qPrintable(signedOut->error().message));

    const auto after = listBlogs(session->token);
    QVERIFY(!after.hasValue());
    QCOMPARE(after.error().code, ErrorCode::Unauthorized);
    QVERIFY2(after.error().message.startsWith(u"listing the blogs: "),
             qPrintable(after.error().message));

    // Signing out again (the token is already gone) is not an error.
    signedOut.reset();
    m_client->signOut(m_server->baseUrl(), session->token, this,
                      [&signedOut](const Result<void> &done) { signedOut = done; });
    QTRY_VERIFY_WITH_TIMEOUT(signedOut.has_value(), 30000);
    QVERIFY(signedOut->hasValue());
}

void TestAccountServer::anUnreachableServerIsANetworkError()
{
    ServerLauncher stopped;
    QVERIFY2(stopped.start(), qPrintable(stopped.errorString()));
    const QUrl gone = stopped.baseUrl();
    QVERIFY(stopped.stop());
    const Result<AccountSession> session = signIn(gone, QStringLiteral("password"));
    QVERIFY(!session.hasValue());
    QCOMPARE(session.error().code, ErrorCode::Network);
    QVERIFY(session.error().message.startsWith(u"sign-in: "));
}

QTEST_GUILESS_MAIN(TestAccountServer)
#include "tst_accountserver.moc"
