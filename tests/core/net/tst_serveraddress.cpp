// The one rule that turns a typed server address into the URL the client talks to.
#include "net/serveraddress.h"

#include <QTest>

using namespace inkwell;
using namespace inkwell::net;

Q_DECLARE_METATYPE(inkwell::net::PlainHttp)

class TestServerAddress : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesAddresses_data();
    void parsesAddresses();
    void warnsOnlyAboutUnencryptedRemoteHosts_data();
    void warnsOnlyAboutUnencryptedRemoteHosts();
};

void TestServerAddress::parsesAddresses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<PlainHttp>("plainHttp");
    QTest::addColumn<QString>("url"); // empty: refused
    QTest::addColumn<QString>("reason"); // a word of the refusal's message

    const auto strict = PlainHttp::LoopbackOnly;
    const auto allowed = PlainHttp::Allowed;
    const auto ok = [&](const char *name, const char *text, PlainHttp policy, const char *url) {
        QTest::newRow(name) << QString::fromUtf8(text) << policy << QString::fromUtf8(url)
                            << QString();
    };
    const auto refused = [&](const char *name, const char *text, PlainHttp policy,
                             const char *reason) {
        QTest::newRow(name) << QString::fromUtf8(text) << policy << QString()
                            << QString::fromUtf8(reason);
    };

    ok("host means https", "example.org", strict, "https://example.org");
    ok("surrounding blanks", "  example.org \n", strict, "https://example.org");
    ok("host and port", "example.org:8443", strict, "https://example.org:8443");
    ok("base path behind a proxy", "example.org/inkwell", strict, "https://example.org/inkwell");
    ok("https as typed", "https://example.org/", strict, "https://example.org/");
    ok("case of scheme and host", "HTTPS://Blog.Example.ORG", strict, "https://blog.example.org");
    ok("bare IPv6", "::1", strict, "https://[::1]");
    ok("bare IPv6 global", "2001:db8::7", strict, "https://[2001:db8::7]");
    ok("IPv6 with port", "[2001:db8::7]:8443", strict, "https://[2001:db8::7]:8443");
    ok("http to 127.0.0.1", "http://127.0.0.1:8080", strict, "http://127.0.0.1:8080");
    ok("http to 127/8", "http://127.8.9.10", strict, "http://127.8.9.10");
    ok("http to localhost", "http://localhost:8080", strict, "http://localhost:8080");
    ok("http to LOCALHOST", "http://LOCALHOST", strict, "http://localhost");
    ok("http to ::1", "http://[::1]:8080", strict, "http://[::1]:8080");
    ok("http to remote when allowed", "http://example.org", allowed, "http://example.org");
    ok("http to IPv6 when allowed", "http://[2001:db8::7]", allowed, "http://[2001:db8::7]");

    refused("http to remote", "http://example.org", strict, "unencrypted");
    refused("http to private network", "http://192.168.1.10:8080", strict, "unencrypted");
    refused("http to any-address", "http://0.0.0.0:8080", strict, "unencrypted");
    refused("http to remote IPv6", "http://[2001:db8::7]", strict, "unencrypted");
    refused("localhost as a subdomain", "http://localhost.example.org", strict, "unencrypted");
    refused("loopback-looking name", "http://127.0.0.1.example.org", strict, "unencrypted");
    refused("ftp", "ftp://example.org", allowed, "ftp");
    refused("file", "file:///etc/passwd", allowed, "file");
    refused("mailto", "mailto:alice@example.org", allowed, "mailto");
    refused("user and password", "https://alice:secret@example.org", allowed, "password");
    refused("user name", "https://alice@example.org", allowed, "user name");
    refused("empty", "", allowed, "Enter");
    refused("blanks", "   ", allowed, "Enter");
    refused("no host", "https://", allowed, "host");
    refused("no authority", "http:/example.org", allowed, "host");
    refused("API path", "https://example.org/api/v1", allowed, "/api/");
    refused("API endpoint", "example.org/api/v1/blogs", allowed, "/api/");
    refused("query", "https://example.org/?next=1", allowed, "query");
    refused("fragment", "https://example.org/#top", allowed, "fragment");
    refused("port that is no number", "example.org:http", allowed, "valid");
    refused("blank inside", "exa mple.org", allowed, "valid");
}

void TestServerAddress::parsesAddresses()
{
    QFETCH(QString, text);
    QFETCH(PlainHttp, plainHttp);
    QFETCH(QString, url);
    QFETCH(QString, reason);

    const Result<QUrl> parsed = parseServerAddress(text, plainHttp);
    if (!url.isEmpty()) {
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        QCOMPARE(parsed->toString(), url);
        return;
    }
    QVERIFY2(!parsed, qPrintable(parsed ? parsed->toString() : QString()));
    QCOMPARE(parsed.error().code, ErrorCode::InvalidArgument);
    QVERIFY(!parsed.error().message.isEmpty());
    QVERIFY2(parsed.error().message.contains(reason, Qt::CaseInsensitive),
             qPrintable(parsed.error().message));
    QVERIFY(!parsed.error().message.contains(u"secret")); // the text may carry a password
}

void TestServerAddress::warnsOnlyAboutUnencryptedRemoteHosts_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("warns");
    QTest::newRow("http remote") << QStringLiteral("http://example.org") << true;
    QTest::newRow("http private") << QStringLiteral("http://10.0.0.2:8080") << true;
    QTest::newRow("https remote") << QStringLiteral("https://example.org") << false;
    QTest::newRow("http loopback") << QStringLiteral("http://127.0.0.1:8080") << false;
    QTest::newRow("http localhost") << QStringLiteral("http://localhost") << false;
    QTest::newRow("http ::1") << QStringLiteral("http://[::1]") << false;
}

void TestServerAddress::warnsOnlyAboutUnencryptedRemoteHosts()
{
    QFETCH(QString, url);
    QFETCH(bool, warns);
    const QUrl parsed(url);
    QCOMPARE(isUnencryptedRemote(parsed), warns);
    const QString warning = unencryptedWarning(parsed);
    QCOMPARE(!warning.isEmpty(), warns);
    if (warns)
        QVERIFY(warning.contains(parsed.host()));
}

QTEST_GUILESS_MAIN(TestServerAddress)
#include "tst_serveraddress.moc"
