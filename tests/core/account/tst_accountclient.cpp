// The account client against a scripted server: what it sends for sign-in, the blog list and
// sign-out, what it makes of the answers, and errors that say which step failed.
#include "account/accountclient.h"
#include "support/faketransport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <optional>

using namespace inkwell;
using namespace inkwell::account;
using test::FakeTransport;

namespace {

const QByteArray LoginAnswer = R"({"token":"tok-123","expires_at":"2030-01-02T03:04:05Z"})";
const QByteArray BlogsAnswer = R"({"blogs":[{"id":3,"name":"Travel"},{"id":7,"name":"Recipes"}]})";

// Waits (bounded, on the event loop) until a callback filled result.
template<typename T>
bool waitFor(const std::optional<T> &result)
{
    return QTest::qWaitFor([&] { return result.has_value(); }, 5000);
}

} // namespace

class TestAccountClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void signInSendsTheCredentialsAndListsTheBlogs();
    void serverUnderAPathKeepsItsPath();
    void signInErrorsNameTheStep_data();
    void signInErrorsNameTheStep();
    void anUnreadableAnswerIsMalformed();
    void failedBlogListFailsTheSignIn();
    void listBlogsSendsTheToken();
    void signOutRevokesTheToken();
    void signOutOfAnUnknownTokenCountsAsDone();
    void signOutFailureIsReported();
    void noCallbackAfterTheContextIsGone();

private:
    std::optional<Result<AccountSession>> signIn(
            const QUrl &server = QUrl(QStringLiteral("http://127.0.0.1:8080")));

    std::unique_ptr<FakeTransport> m_transport;
};

void TestAccountClient::init()
{
    m_transport = std::make_unique<FakeTransport>();
    m_transport->setHandler([](const net::Request &request) {
        if (request.url.path().endsWith(u"/api/v1/session"))
            return request.method == net::Method::Delete
                    ? FakeTransport::jsonResponse(204, {})
                    : FakeTransport::jsonResponse(200, LoginAnswer);
        if (request.url.path().endsWith(u"/api/v1/blogs"))
            return FakeTransport::jsonResponse(200, BlogsAnswer);
        return FakeTransport::jsonResponse(404, "{}");
    });
}

std::optional<Result<AccountSession>> TestAccountClient::signIn(const QUrl &server)
{
    AccountClient client(m_transport.get());
    std::optional<Result<AccountSession>> result;
    client.signIn(server, QStringLiteral("anna"), QStringLiteral("s3cret"), this,
                  [&result](const Result<AccountSession> &session) { result = session; });
    if (!waitFor(result))
        qWarning("no answer");
    return result;
}

void TestAccountClient::signInSendsTheCredentialsAndListsTheBlogs()
{
    const auto result = signIn();
    QVERIFY(result && result->hasValue());
    const AccountSession &session = **result;
    QCOMPARE(session.server, QUrl(QStringLiteral("http://127.0.0.1:8080")));
    QCOMPARE(session.user, QStringLiteral("anna"));
    QCOMPARE(session.token, QStringLiteral("tok-123"));
    QCOMPARE(session.expiresAt, QDateTime(QDate(2030, 1, 2), QTime(3, 4, 5), Qt::UTC));
    const QList<protocol::BlogSummary> expected{{3, QStringLiteral("Travel")},
                                                {7, QStringLiteral("Recipes")}};
    QCOMPARE(session.blogs, expected);

    QCOMPARE(m_transport->requests().size(), 2);
    const net::Request &login = m_transport->requests().at(0);
    QCOMPARE(login.method, net::Method::Post);
    QCOMPARE(login.url.path(), QStringLiteral("/api/v1/session"));
    QVERIFY(login.bearerToken.isEmpty());
    const QJsonObject body = QJsonDocument::fromJson(login.body).object();
    QCOMPARE(body.value(QLatin1String("username")).toString(), QStringLiteral("anna"));
    QCOMPARE(body.value(QLatin1String("password")).toString(), QStringLiteral("s3cret"));
    const net::Request &blogs = m_transport->requests().at(1);
    QCOMPARE(blogs.method, net::Method::Get);
    QCOMPARE(blogs.url.path(), QStringLiteral("/api/v1/blogs"));
    QCOMPARE(blogs.bearerToken, QStringLiteral("tok-123"));
}

void TestAccountClient::serverUnderAPathKeepsItsPath()
{
    const auto result = signIn(QUrl(QStringLiteral("https://example.org/inkwell/")));
    QVERIFY(result && result->hasValue());
    QCOMPARE(m_transport->requests().at(0).url,
             QUrl(QStringLiteral("https://example.org/inkwell/api/v1/session")));
    QCOMPARE(m_transport->requests().at(1).url,
             QUrl(QStringLiteral("https://example.org/inkwell/api/v1/blogs")));
}

void TestAccountClient::signInErrorsNameTheStep_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("wrong password") << 401 << QByteArray() << int(ErrorCode::Unauthorized)
                                    << QStringLiteral("sign-in: wrong user name or password");
    QTest::newRow("throttled") << 429 << QByteArray("30") << int(ErrorCode::RateLimited)
                               << QStringLiteral("sign-in: too many attempts; try again in 30 s");
    QTest::newRow("overloaded") << 503 << QByteArray() << int(ErrorCode::ServerUnavailable)
                                << QStringLiteral("sign-in: HTTP 503");
}

void TestAccountClient::signInErrorsNameTheStep()
{
    QFETCH(int, status);
    QFETCH(QByteArray, retryAfter);
    QFETCH(int, code);
    QFETCH(QString, message);
    m_transport->setHandler([status, retryAfter](const net::Request &) {
        net::Response response = FakeTransport::jsonResponse(status, "{}");
        if (!retryAfter.isEmpty())
            response.headers.append({QByteArrayLiteral("Retry-After"), retryAfter});
        return response;
    });
    const auto result = signIn();
    QVERIFY(result && !result->hasValue());
    QCOMPARE(int(result->error().code), code);
    QCOMPARE(result->error().message, message);
    QCOMPARE(m_transport->requests().size(), 1); // no blog list without a session
}

void TestAccountClient::anUnreadableAnswerIsMalformed()
{
    m_transport->setHandler(
            [](const net::Request &) { return FakeTransport::jsonResponse(200, R"({"tok":1})"); });
    const auto result = signIn();
    QVERIFY(result && !result->hasValue());
    QCOMPARE(result->error().code, ErrorCode::Malformed);
    QVERIFY2(result->error().message.startsWith(u"sign-in: the server's answer is unreadable"),
             qPrintable(result->error().message));
}

void TestAccountClient::failedBlogListFailsTheSignIn()
{
    m_transport->injectFault(FakeTransport::Fault::ConnectionReset, 1, QStringLiteral("/blogs"));
    const auto result = signIn();
    QVERIFY(result && !result->hasValue());
    QCOMPARE(result->error().code, ErrorCode::Network);
    QVERIFY2(result->error().message.startsWith(u"listing the blogs: "),
             qPrintable(result->error().message));
}

void TestAccountClient::listBlogsSendsTheToken()
{
    AccountClient client(m_transport.get());
    std::optional<Result<QList<protocol::BlogSummary>>> result;
    client.listBlogs(QUrl(QStringLiteral("http://127.0.0.1:8080")), QStringLiteral("tok-9"), this,
                     [&result](const auto &blogs) { result = blogs; });
    QVERIFY(waitFor(result));
    QVERIFY(result->hasValue());
    QCOMPARE((*result)->size(), 2);
    QCOMPARE(m_transport->requests().constLast().bearerToken, QStringLiteral("tok-9"));
}

void TestAccountClient::signOutRevokesTheToken()
{
    AccountClient client(m_transport.get());
    std::optional<Result<void>> result;
    client.signOut(QUrl(QStringLiteral("http://127.0.0.1:8080")), QStringLiteral("tok-9"), this,
                   [&result](const Result<void> &done) { result = done; });
    QVERIFY(waitFor(result));
    QVERIFY(result->hasValue());
    const net::Request &request = m_transport->requests().constLast();
    QCOMPARE(request.method, net::Method::Delete);
    QCOMPARE(request.url.path(), QStringLiteral("/api/v1/session"));
    QCOMPARE(request.bearerToken, QStringLiteral("tok-9"));
}

void TestAccountClient::signOutOfAnUnknownTokenCountsAsDone()
{
    m_transport->setHandler(
            [](const net::Request &) { return FakeTransport::jsonResponse(401, "{}"); });
    AccountClient client(m_transport.get());
    std::optional<Result<void>> result;
    client.signOut(QUrl(QStringLiteral("http://127.0.0.1:8080")), QStringLiteral("old"), this,
                   [&result](const Result<void> &done) { result = done; });
    QVERIFY(waitFor(result));
    QVERIFY(result->hasValue());
}

void TestAccountClient::signOutFailureIsReported()
{
    m_transport->injectFault(FakeTransport::Fault::ConnectionRefused);
    AccountClient client(m_transport.get());
    std::optional<Result<void>> result;
    client.signOut(QUrl(QStringLiteral("http://127.0.0.1:8080")), QStringLiteral("tok"), this,
                   [&result](const Result<void> &done) { result = done; });
    QVERIFY(waitFor(result));
    QCOMPARE(result->error().code, ErrorCode::Network);
    QVERIFY(result->error().message.startsWith(u"signing out: "));
}

void TestAccountClient::noCallbackAfterTheContextIsGone()
{
    AccountClient client(m_transport.get());
    bool called = false;
    auto context = std::make_unique<QObject>();
    client.signIn(QUrl(QStringLiteral("http://127.0.0.1:8080")), QStringLiteral("anna"),
                  QStringLiteral("pw"), context.get(), [&called](const auto &) { called = true; });
    context.reset();
    QTRY_COMPARE(m_transport->pendingCount(), 0);
    QVERIFY(!called);
}

QTEST_GUILESS_MAIN(TestAccountClient)
#include "tst_accountclient.moc"
