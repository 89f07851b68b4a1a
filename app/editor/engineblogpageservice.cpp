#include "engineblogpageservice.h"

#include "enginesyncservice.h"
#include "model/error.h"
#include "net/request.h"
#include "net/response.h"
#include "net/transport.h"
#include "protocol/live.h"

#include <QJsonObject>
#include <QMetaObject>

namespace inkwell::editor {

namespace {

constexpr std::chrono::milliseconds RequestTimeout{15000};

net::Request getRequest(const sync::SyncAccount &account, const QString &path)
{
    net::Request request;
    request.method = net::Method::Get;
    request.url = account.endpoint(path);
    request.bearerToken = account.token;
    request.timeout = RequestTimeout;
    return request;
}

} // namespace

EngineBlogPageService::EngineBlogPageService(EngineSyncService *sync, net::Transport *transport,
                                             QObject *parent)
    : ui::BlogPageService(parent), m_sync(sync), m_transport(transport)
{ }

void EngineBlogPageService::accountChanged()
{
    const quint64 asked = ++m_asked;
    const sync::SyncAccount account = m_sync->account();
    if (!account.isValid()) {
        setHasSite(false);
        return;
    }
    m_transport->send(
            getRequest(account, QStringLiteral("/api/v1/capabilities")), this,
            [this, asked](const net::Response &response) {
                if (asked != m_asked)
                    return;
                auto capabilities = protocol::decodeCapabilities(response.body);
                setHasSite(response.isOk() && capabilities
                           && capabilities->has(QString::fromLatin1(protocol::kFeatureSite)));
            });
}

void EngineBlogPageService::setHasSite(bool hasSite)
{
    if (m_hasSite == hasSite)
        return;
    m_hasSite = hasSite;
    Q_EMIT hasSiteChanged(hasSite);
}

void EngineBlogPageService::findPage(const QString &blog, const QString &guid)
{
    const sync::SyncAccount account = m_sync->account();
    bool isNumber = false;
    const qint64 blogId = blog.toLongLong(&isNumber);
    if (!account.isValid() || !isNumber) {
        QMetaObject::invokeMethod(
                this,
                [this, guid] {
                    Q_EMIT pageFailed(guid, tr("The post is not on a blog of this server."));
                },
                Qt::QueuedConnection);
        return;
    }
    const QString path = QStringLiteral("/api/v1/blogs/%1/posts/%2/page").arg(blogId).arg(guid);
    m_transport->send(
            getRequest(account, path), this, [this, guid, account](const net::Response &response) {
                if (!response.isOk()) {
                    Q_EMIT pageFailed(guid,
                                      response.error.code == ErrorCode::NotFound
                                              ? tr("The blog does not show this post "
                                                   "(is it public and synced?).")
                                              : errorText(response.error.code));
                    return;
                }
                // Only a path on this server: the answer never sends the browser
                // elsewhere.
                const QString page = response.json().value(QLatin1String("url")).toString();
                const QUrl relative(page, QUrl::StrictMode);
                if (!page.startsWith(u'/') || page.startsWith(QLatin1String("//"))
                    || !relative.isValid() || !relative.scheme().isEmpty()) {
                    Q_EMIT pageFailed(guid, tr("The server named no page for the post."));
                    return;
                }
                Q_EMIT pageFound(guid, account.endpoint(page));
            });
}

} // namespace inkwell::editor
