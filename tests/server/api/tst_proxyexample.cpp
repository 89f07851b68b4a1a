// The nginx example of docs/operations.md against the server it fronts: its limits and timeouts
// restate the server's defaults (ServerConfig) and the protocol's longest live wait, and the
// sign-in's answer, which carries a session token, is never compressed. The example itself was
// run under nginx 1.22 when it was written (docs/operations.md, "Compressed answers"); this test
// keeps the numbers in it from drifting away from the code.
#include "protocol/live.h"
#include "server/api/serverconfig.h"

#include <QFile>
#include <QHash>
#include <QTest>

using namespace inkwell;

namespace {

// The directives of one block of the example (the server block or one location), name -> the
// rest of the statement, without nested blocks.
using Directives = QHash<QString, QString>;

struct Example
{
    QString text; // empty when the example was not found
    Directives server;
    QHash<QString, Directives> locations; // by the location's argument, e.g. "= /api/v1/session"
};

Example readExample()
{
    Example example;
    QFile doc(qEnvironmentVariable("INKWELL_SOURCE_DIR") + QStringLiteral("/docs/operations.md"));
    if (!doc.open(QIODevice::ReadOnly))
        return example;
    const QString markdown = QString::fromUtf8(doc.readAll());
    const qsizetype intro = markdown.indexOf(QStringLiteral("An nginx example"));
    const qsizetype start = markdown.indexOf(QStringLiteral("```nginx\n"), intro);
    const qsizetype end = markdown.indexOf(QStringLiteral("\n```"), start + 1);
    if (intro < 0 || start < 0 || end < 0)
        return example;
    example.text = markdown.mid(start + 9, end - start - 9);
    // Statements end at ';', blocks open at '{' and close at '}'; comments run to the line's end.
    QString code;
    for (const QString &line : example.text.split(u'\n'))
        code += line.section(u'#', 0, 0) + u' ';
    QStringList blocks; // the block each statement is in: "server", "location X" or other
    QString statement;
    for (const QChar c : std::as_const(code)) {
        if (c == u'{') {
            blocks.append(statement.simplified());
            statement.clear();
        } else if (c == u'}') {
            if (!blocks.isEmpty())
                blocks.removeLast();
            statement.clear();
        } else if (c == u';') {
            const QString simplified = statement.simplified();
            const QString name = simplified.section(u' ', 0, 0);
            const QString value = simplified.section(u' ', 1);
            const QString block = blocks.isEmpty() ? QString() : blocks.constLast();
            if (block == QLatin1String("server"))
                example.server.insert(name, value);
            else if (block.startsWith(QLatin1String("location ")))
                example.locations[block.mid(9)].insert(name, value);
            statement.clear();
        } else {
            statement += c;
        }
    }
    return example;
}

// nginx's sizes ("32m", "512k", "4096") in bytes, its times ("30s", "2m") in seconds.
qint64 bytes(const QString &size)
{
    const QChar unit = size.isEmpty() ? QChar() : size.back().toLower();
    const qint64 factor = unit == u'k' ? 1024 : unit == u'm' ? 1024 * 1024 : 1;
    return size.chopped(factor == 1 ? 0 : 1).toLongLong() * factor;
}

qint64 seconds(const QString &time)
{
    const QChar unit = time.isEmpty() ? QChar() : time.back();
    const qint64 factor = unit == u'm' ? 60 : 1;
    return time.chopped(unit.isDigit() ? 0 : 1).toLongLong() * factor;
}

} // namespace

class tst_ProxyExample : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void limitsAndTimeoutsAreTheServers();
    void liveRequestsOutlastTheirLongestWait();
    void theSignInIsNeverCompressed();

private:
    Example m_example;
};

void tst_ProxyExample::initTestCase()
{
    m_example = readExample();
    QVERIFY2(!m_example.text.isEmpty(), "no nginx example in docs/operations.md");
    QVERIFY(m_example.locations.contains(QStringLiteral("/")));
    QVERIFY(m_example.locations.contains(QStringLiteral("= /api/v1/session")));
}

void tst_ProxyExample::limitsAndTimeoutsAreTheServers()
{
    const server::ServerConfig defaults;
    const Directives &server = m_example.server;
    const Directives &api = m_example.locations.value(QStringLiteral("/"));
    // The largest body the server takes is an image upload; nginx answers 413 beyond its own.
    QCOMPARE(bytes(server.value(QStringLiteral("client_max_body_size"))), defaults.maxBlobBytes);
    QCOMPARE(seconds(server.value(QStringLiteral("client_header_timeout"))),
             defaults.headerTimeoutSeconds);
    QCOMPARE(seconds(server.value(QStringLiteral("client_body_timeout"))),
             defaults.readTimeoutSeconds);
    QCOMPARE(seconds(api.value(QStringLiteral("proxy_send_timeout"))), defaults.readTimeoutSeconds);
    QCOMPARE(seconds(server.value(QStringLiteral("keepalive_timeout"))),
             defaults.idleTimeoutSeconds);
    // "limit_conn ZONE N": the per-address limit the server no longer applies behind the proxy.
    QCOMPARE(server.value(QStringLiteral("limit_conn")).section(u' ', 1).toInt(),
             defaults.maxConnectionsPerAddress);
}

void tst_ProxyExample::liveRequestsOutlastTheirLongestWait()
{
    const Directives &api = m_example.locations.value(QStringLiteral("/"));
    const qint64 readTimeout = seconds(api.value(QStringLiteral("proxy_read_timeout")));
    QVERIFY2(readTimeout > protocol::kLiveMaxWaitSeconds,
             qPrintable(QStringLiteral("proxy_read_timeout %1 s, a live request waits up to %2 s")
                                .arg(readTimeout)
                                .arg(protocol::kLiveMaxWaitSeconds)));
}

// BREACH: a compressed answer that holds a secret beside text an attacker chooses leaks the
// secret through its size. The sign-in's answer holds a session token.
void tst_ProxyExample::theSignInIsNeverCompressed()
{
    const Directives &server = m_example.server;
    const Directives &session = m_example.locations.value(QStringLiteral("= /api/v1/session"));
    if (server.value(QStringLiteral("gzip")) == QLatin1String("on")) {
        QCOMPARE(session.value(QStringLiteral("gzip")), QStringLiteral("off"));
        // What the example compresses: the API's JSON (pulled pages) and the site's feed.
        const QStringList types =
                server.value(QStringLiteral("gzip_types")).split(u' ', Qt::SkipEmptyParts);
        QVERIFY(types.contains(QStringLiteral("application/json")));
    } else {
        QCOMPARE(session.value(QStringLiteral("gzip"), QStringLiteral("off")),
                 QStringLiteral("off"));
    }
}

QTEST_GUILESS_MAIN(tst_ProxyExample)
#include "tst_proxyexample.moc"
