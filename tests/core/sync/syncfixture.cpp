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

SyncClient::SyncClient(FakeServer *server, qint64 blog, const QString &token, const QString &dbPath)
    : m_server(server), m_blog(blog), m_store(std::make_unique<store::LocalStore>(dbPath)),
      m_transport(std::make_unique<FakeServerTransport>(server))
{
    const auto opened = m_store->open();
    if (!opened)
        qFatal("cannot open the test database: %s", qPrintable(opened.error().message));
    m_engine = std::make_unique<sync::SyncEngine>(m_store.get(), m_transport.get());
    m_engine->setAccount({QUrl(QStringLiteral("http://fake.invalid")), token, {blog}});
    m_engine->setOptions(fastOptions());
}

SyncClient::~SyncClient() = default;

std::optional<sync::SyncResult> SyncClient::sync()
{
    QSignalSpy finished(m_engine.get(), &sync::SyncEngine::finished);
    QSignalSpy failed(m_engine.get(), &sync::SyncEngine::failed);
    m_engine->requestSync();
    if (!QTest::qWaitFor([&] { return !finished.isEmpty() || !failed.isEmpty(); }, 20000)) {
        m_lastError = {ErrorCode::Timeout, QStringLiteral("sync did not end within 20 s")};
        return std::nullopt;
    }
    if (!failed.isEmpty()) {
        m_lastError = failed.first().first().value<Error>();
        return std::nullopt;
    }
    m_lastError = {};
    return finished.first().first().value<sync::SyncResult>();
}

model::Post SyncClient::create(const QString &title, const QString &body, const QStringList &tags)
{
    model::PostFields fields;
    fields.title = title;
    fields.body = body;
    fields.tags = tags;
    auto post = m_store->posts().create(blogKey(), fields);
    if (!post)
        qFatal("create failed: %s", qPrintable(post.error().message));
    return *post;
}

model::Post SyncClient::edit(const QString &guid,
                             const std::function<void(model::PostFields &)> &change)
{
    model::PostFields fields = post(guid).fields;
    change(fields);
    auto updated = m_store->posts().update(guid, fields);
    if (!updated)
        qFatal("update failed: %s", qPrintable(updated.error().message));
    return *updated;
}

model::Post SyncClient::post(const QString &guid)
{
    auto post = m_store->posts().post(guid);
    if (!post)
        return model::Post{};
    return *post;
}

QList<model::Post> SyncClient::livePosts()
{
    store::PostQuery query;
    query.limit = 1000;
    auto page = m_store->posts().page(query);
    return page ? *page : QList<model::Post>{};
}

QString differenceFromServer(SyncClient &client, const FakeServer &server, qint64 blog)
{
    const auto &posts = server.blog(blog).posts;
    for (const model::Revision &theirs : posts) {
        const model::Post mine = client.post(theirs.guid);
        if (mine.guid.isEmpty()) {
            if (theirs.deleted)
                continue; // a tombstone of a post this replica never saw
            return QStringLiteral("missing locally: ") + theirs.guid;
        }
        if (mine.rev != theirs.rev)
            return QStringLiteral("rev differs for %1: %2 vs %3")
                    .arg(theirs.guid)
                    .arg(mine.rev)
                    .arg(theirs.rev);
        if (mine.deleted != theirs.deleted)
            return QStringLiteral("deleted differs for ") + theirs.guid;
        if (!theirs.deleted && mine.fields != theirs.fields)
            return QStringLiteral("fields differ for %1: '%2' vs '%3'")
                    .arg(theirs.guid, mine.fields.title, theirs.fields.title);
        if (mine.syncStatus != model::SyncStatus::Synced)
            return QStringLiteral("not synced: ") + theirs.guid;
    }
    for (const model::Post &mine : client.livePosts()) {
        if (!posts.contains(mine.guid))
            return QStringLiteral("missing on the server: ") + mine.guid;
    }
    return QString();
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
