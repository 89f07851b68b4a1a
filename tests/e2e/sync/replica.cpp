#include "replica.h"

#include "net/threadedtransport.h"
#include "store/postrepository.h"
#include "store/syncrepository.h"

#include <QSignalSpy>
#include <QTest>

namespace inkwell::test {

Replica::Replica(const QString &dbPath, const QUrl &server, const QString &token, qint64 blog)
    : m_store(std::make_unique<store::LocalStore>(dbPath)),
      m_transport(std::make_unique<net::ThreadedTransport>()), m_blog(blog)
{
    if (auto opened = m_store->open(); !opened)
        qFatal("cannot open %s: %s", qPrintable(dbPath), qPrintable(opened.error().message));
    m_engine = std::make_unique<sync::SyncEngine>(m_store.get(), m_transport.get());
    m_engine->setAccount({server, token, {blog}});
    sync::SyncOptions options;
    options.requestTimeout = std::chrono::seconds(10);
    options.retry.initialDelay = std::chrono::milliseconds(20);
    options.retry.maximumDelay = std::chrono::milliseconds(200);
    m_engine->setOptions(options);
}

Replica::~Replica()
{
    m_engine.reset(); // before the transport it uses
}

std::optional<sync::SyncResult> Replica::sync()
{
    QSignalSpy finished(m_engine.get(), &sync::SyncEngine::finished);
    QSignalSpy failed(m_engine.get(), &sync::SyncEngine::failed);
    m_engine->requestSync();
    if (!QTest::qWaitFor([&] { return !finished.isEmpty() || !failed.isEmpty(); }, 60000)) {
        m_lastError = {ErrorCode::Timeout, QStringLiteral("sync did not end within 60 s")};
        return std::nullopt;
    }
    if (!failed.isEmpty()) {
        m_lastError = failed.first().first().value<Error>();
        return std::nullopt;
    }
    return finished.first().first().value<sync::SyncResult>();
}

model::Post Replica::create(const model::PostFields &fields)
{
    auto post = m_store->posts().create(blogKey(), fields);
    if (!post)
        qFatal("create failed: %s", qPrintable(post.error().message));
    return *post;
}

model::Post Replica::edit(const QString &guid,
                          const std::function<void(model::PostFields &)> &change)
{
    model::PostFields fields = post(guid).fields;
    change(fields);
    auto updated = m_store->posts().update(guid, fields);
    if (!updated)
        qFatal("update failed: %s", qPrintable(updated.error().message));
    return *updated;
}

bool Replica::remove(const QString &guid)
{
    return bool(m_store->posts().remove(guid));
}

model::Post Replica::post(const QString &guid)
{
    auto post = m_store->posts().post(guid);
    return post ? *post : model::Post{};
}

QList<model::Post> Replica::conflicted()
{
    auto conflicts = m_store->sync().conflictedPosts(blogKey());
    return conflicts ? *conflicts : QList<model::Post>{};
}

int Replica::pendingCount()
{
    auto pending = m_store->sync().pendingPosts(blogKey());
    auto conflicts = m_store->sync().conflictedPosts(blogKey());
    return pending && conflicts ? int(pending->size() + conflicts->size()) : -1;
}

QString differenceFromServer(Replica &replica, const QList<model::Revision> &server)
{
    for (const model::Revision &theirs : server) {
        const model::Post mine = replica.post(theirs.guid);
        if (mine.guid.isEmpty()) {
            if (!theirs.deleted)
                return QStringLiteral("missing locally: ") + theirs.guid;
            continue;
        }
        if (mine.syncStatus != model::SyncStatus::Synced)
            return QStringLiteral("not synced: %1 (%2)")
                    .arg(theirs.guid, model::syncStatusName(mine.syncStatus));
        if (mine.rev != theirs.rev || mine.deleted != theirs.deleted)
            return QStringLiteral("%1: rev %2/%3 deleted %4/%5")
                    .arg(theirs.guid)
                    .arg(mine.rev)
                    .arg(theirs.rev)
                    .arg(mine.deleted)
                    .arg(theirs.deleted);
        if (!theirs.deleted && mine.fields != theirs.fields)
            return QStringLiteral("%1: fields differ: '%2' / '%3'")
                    .arg(theirs.guid, mine.fields.body, theirs.fields.body);
    }
    return QString();
}

} // namespace inkwell::test
