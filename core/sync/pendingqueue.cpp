#include "sync/pendingqueue.h"

#include "protocol/codec.h"
#include "store/localstore.h"
#include "store/syncrepository.h"
#include "sync/opid.h"

#include <QSet>

namespace inkwell::sync {

PendingQueue::PendingQueue(store::LocalStore &store, QString blog)
    : m_store(store), m_blog(std::move(blog))
{ }

Result<void> PendingQueue::refresh(qsizetype loadAtMost)
{
    auto versions = m_store.sync().pendingVersions(m_blog);
    if (!versions)
        return versions.error();
    QStringList stale;
    QSet<QString> later; // stale, beyond loadAtMost: left out until a refresh reads them
    for (const store::PendingVersion &version : std::as_const(*versions)) {
        const auto it = m_known.constFind(version.guid);
        if (it == m_known.cend() || it->post.editCounter != version.editCounter
            || it->post.rev != version.rev) {
            if (stale.size() < loadAtMost)
                stale.append(version.guid);
            else
                later.insert(version.guid);
        }
    }
    if (!stale.isEmpty()) {
        auto posts = m_store.sync().postsToPush(stale);
        if (!posts)
            return posts.error();
        for (model::Post &post : *posts) {
            const QString guid = post.guid;
            QByteArray encoded = protocol::encode(post.fields);
            const QString opId = opIdFor(post, encoded);
            m_known.insert(guid, PendingPost{std::move(post), opId, std::move(encoded)});
        }
    }
    if (m_known.size() > versions->size()) {
        QSet<QString> pending;
        pending.reserve(versions->size());
        for (const store::PendingVersion &version : std::as_const(*versions))
            pending.insert(version.guid);
        m_known.removeIf([&pending](QHash<QString, PendingPost>::iterator known) {
            return !pending.contains(known.key());
        });
    }
    m_posts.clear();
    m_posts.reserve(versions->size());
    for (const store::PendingVersion &version : std::as_const(*versions)) {
        // A post that changed between the two reads is taken as read; the next refresh sees it.
        if (later.contains(version.guid))
            continue;
        const auto it = m_known.constFind(version.guid);
        if (it != m_known.cend() && it->post.syncStatus == model::SyncStatus::NeedsSync)
            m_posts.append(*it);
    }
    return {};
}

} // namespace inkwell::sync
