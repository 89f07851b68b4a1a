#include "enginehistoryservice.h"

#include "enginesyncservice.h"
#include "history/historyclient.h"

#include <QMetaObject>

namespace inkwell::editor {

EngineHistoryService::EngineHistoryService(EngineSyncService *sync, net::Transport *transport,
                                           QObject *parent)
    : ui::HistoryService(parent), m_sync(sync), m_transport(transport)
{ }

void EngineHistoryService::fetchRevisions(const QString &blog, const QString &guid, qint64 before)
{
    bool isNumber = false;
    const qint64 blogId = blog.toLongLong(&isNumber);
    if (!isNumber) {
        // Local only: the server has never seen this post.
        QMetaObject::invokeMethod(
                this, [this, guid, before] { Q_EMIT revisionsArrived(guid, before, {}); },
                Qt::QueuedConnection);
        return;
    }
    history::HistoryClient(m_transport, m_sync->account())
            .fetchRevisions(blogId, guid, before, history::HistoryClient::DefaultPageSize, this,
                            [this, guid,
                             before](const history::HistoryResult<protocol::RevisionList> &list) {
                                if (list)
                                    Q_EMIT revisionsArrived(guid, before, *list);
                                else
                                    Q_EMIT revisionsFailed(guid, before, list.failure());
                            });
}

void EngineHistoryService::fetchRevision(const QString &blog, const QString &guid, qint64 rev)
{
    history::HistoryClient(m_transport, m_sync->account())
            .fetchRevision(blog.toLongLong(), guid, rev, this,
                           [this, guid, rev](const history::HistoryResult<model::Revision> &found) {
                               if (found)
                                   Q_EMIT revisionArrived(guid, *found);
                               else
                                   Q_EMIT revisionFailed(guid, rev, found.failure());
                           });
}

} // namespace inkwell::editor
