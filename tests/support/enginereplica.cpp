#include "support/enginereplica.h"

#include "net/transport.h"
#include "store/postrepository.h"
#include "store/searchindexer.h"
#include "store/syncrepository.h"
#include "support/searchindexcheck.h"

#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include <variant>

namespace inkwell::test {

EngineReplica::EngineReplica(const QString &dbPath, std::unique_ptr<net::Transport> transport,
                             const sync::SyncAccount &account, const sync::SyncOptions &options,
                             std::chrono::milliseconds syncTimeout)
    : m_store(std::make_unique<store::LocalStore>(dbPath)), m_transport(std::move(transport)),
      m_syncTimeout(syncTimeout)
{
    if (auto opened = m_store->open(); !opened)
        qFatal("cannot open %s: %s", qPrintable(dbPath), qPrintable(opened.error().message));
    m_engine = std::make_unique<sync::SyncEngine>(m_store.get(), m_transport.get());
    m_engine->setAccount(account);
    m_engine->setOptions(options);
    if (!account.blogs.isEmpty())
        m_blogKey = QString::number(account.blogs.first());
}

EngineReplica::~EngineReplica()
{
    m_engine.reset();
}

std::optional<sync::SyncResult> EngineReplica::sync()
{
    // Outcomes in the order the runs end: a result, or the error of a failed run.
    QList<std::variant<sync::SyncResult, Error>> ended;
    QObject context;
    QObject::connect(m_engine.get(), &sync::SyncEngine::finished, &context,
                     [&](const sync::SyncResult &result) { ended.append(result); });
    QObject::connect(m_engine.get(), &sync::SyncEngine::failed, &context,
                     [&](const Error &error) { ended.append(error); });
    // A run already going (started by live updates) may not carry the latest edits: wait for
    // the follow-up the request schedules.
    const qsizetype runs = m_engine->isRunning() ? 2 : 1;
    m_engine->requestSync();
    if (!QTest::qWaitFor([&] { return ended.size() >= runs; }, int(m_syncTimeout.count()))) {
        m_lastError = {ErrorCode::Timeout,
                       QStringLiteral("sync did not end within %1 ms").arg(m_syncTimeout.count())};
        return std::nullopt;
    }
    if (const auto *error = std::get_if<Error>(&ended.constLast())) {
        m_lastError = *error;
        return std::nullopt;
    }
    m_lastError = {};
    return std::get<sync::SyncResult>(ended.constLast());
}

model::Post EngineReplica::create(const model::PostFields &fields)
{
    auto post = m_store->posts().create(m_blogKey, fields);
    if (!post)
        qFatal("create failed: %s", qPrintable(post.error().message));
    return *post;
}

model::Post EngineReplica::edit(const QString &guid,
                                const std::function<void(model::PostFields &)> &change)
{
    model::PostFields fields = post(guid).fields;
    change(fields);
    auto updated = m_store->posts().update(guid, fields);
    if (!updated)
        qFatal("update failed: %s", qPrintable(updated.error().message));
    return *updated;
}

bool EngineReplica::remove(const QString &guid)
{
    return bool(m_store->posts().remove(guid));
}

bool EngineReplica::restore(const QString &guid)
{
    return bool(m_store->posts().restore(guid));
}

model::Post EngineReplica::post(const QString &guid)
{
    auto post = m_store->posts().post(guid);
    return post ? *post : model::Post{};
}

QList<model::Post> EngineReplica::livePosts()
{
    store::PostQuery query;
    query.limit = 1000;
    auto page = m_store->posts().page(query);
    return page ? *page : QList<model::Post>{};
}

QList<model::Post> EngineReplica::conflicted()
{
    auto conflicts = m_store->sync().conflictedPosts(m_blogKey);
    return conflicts ? *conflicts : QList<model::Post>{};
}

int EngineReplica::pendingCount()
{
    auto pending = m_store->sync().pendingPosts(m_blogKey);
    auto conflicts = m_store->sync().conflictedPosts(m_blogKey);
    return pending && conflicts ? int(pending->size() + conflicts->size()) : -1;
}

QString differenceFromServer(EngineReplica &replica, const QList<model::Revision> &server)
{
    QSet<QString> onServer;
    for (const model::Revision &theirs : server) {
        onServer.insert(theirs.guid);
        const model::Post mine = replica.post(theirs.guid);
        if (mine.guid.isEmpty()) {
            if (theirs.deleted)
                continue; // a tombstone of a post this replica never saw
            return QStringLiteral("missing locally: ") + theirs.guid;
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
                    .arg(theirs.guid, mine.fields.title, theirs.fields.title);
    }
    for (const model::Post &mine : replica.livePosts()) {
        if (!onServer.contains(mine.guid))
            return QStringLiteral("missing on the server: ") + mine.guid;
    }
    return searchIndexDifference(replica);
}

QString searchIndexDifference(EngineReplica &replica)
{
    // The engine's indexer works off what the pulled pages left; then the index holds exactly
    // the live posts' current text.
    store::SearchIndexer *indexer = replica.engine().searchIndexer();
    if (!QTest::qWaitFor([indexer] { return !indexer->isWorking(); }, 10000))
        return QStringLiteral("the search index did not catch up within 10 s");
    auto backlog = replica.store().searchIndexBacklog(1000000);
    if (!backlog)
        return QStringLiteral("search index: ") + backlog.error().message;
    if (*backlog != 0)
        return QStringLiteral("%1 posts are still behind in the search index").arg(*backlog);
    return searchIndexDifferenceAt(replica.store().path());
}

} // namespace inkwell::test
