#include "syncfixture.h"

#include "store/postrepository.h"

#include <QSignalSpy>
#include <QTest>

namespace inkwell::test {

sync::SyncOptions fastOptions()
{
    sync::SyncOptions options;
    options.requestTimeout = std::chrono::milliseconds(100);
    options.retry.maxAttempts = 5;
    options.retry.initialDelay = std::chrono::milliseconds(1);
    options.retry.maximumDelay = std::chrono::milliseconds(5);
    return options;
}

model::PostFields titled(const QString &title)
{
    model::PostFields fields;
    fields.title = title;
    fields.body = QStringLiteral("body of ") + title;
    return fields;
}

QString numberedGuid(int n)
{
    return QStringLiteral("00000000-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0'));
}

SyncClient::SyncClient(FakeServer *server, qint64 blog, const QString &token, const QString &dbPath)
    : EngineReplica(dbPath, std::make_unique<FakeServerTransport>(server),
                    {QUrl(QStringLiteral("http://fake.invalid")), token, {blog}}, fastOptions(),
                    std::chrono::seconds(20))
{ }

model::Post SyncClient::create(const QString &title, const QString &body, const QStringList &tags)
{
    model::PostFields fields;
    fields.title = title;
    fields.body = body;
    fields.tags = tags;
    return EngineReplica::create(fields);
}

QString differenceFromServer(SyncClient &client, const FakeServer &server, qint64 blog)
{
    return differenceFromServer(client, server.blog(blog).posts.values());
}

void FakeServerTest::startServer(const QString &blogName)
{
    m_server = std::make_unique<FakeServer>();
    m_token = m_server->addUser(QStringLiteral("alice"));
    m_blog = m_server->addBlog(blogName);
}

std::unique_ptr<SyncClient> FakeServerTest::newClient()
{
    return std::make_unique<SyncClient>(
            m_server.get(), m_blog, m_token,
            m_dir.filePath(QStringLiteral("client%1.db").arg(++m_clients)));
}

} // namespace inkwell::test
