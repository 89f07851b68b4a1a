#pragma once

#include "net/transport.h"

#include <QHash>
#include <QObject>

class QNetworkAccessManager;
class QNetworkReply;

namespace inkwell::net {

// The Transport over QNetworkAccessManager: keep-alive connections, gzip/deflate responses
// decompressed transparently, per-request transfer timeout and response size limit.
// Redirects are followed only within the request's origin (scheme, host and port); one to another
// origin ends the request with ErrorCode::Network naming both, before anything is sent there.
// Create and use it on one thread; the QNAM it owns lives there too. Destroying the transport
// aborts requests in flight without calling their callbacks.
class NetworkTransport final : public QObject, public Transport
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NetworkTransport)

public:
    explicit NetworkTransport(QObject *parent = nullptr);
    ~NetworkTransport() override;

    RequestId send(const Request &request, QObject *context, Callback done) override;
    void cancel(RequestId id) override;
    // Opens a connection to server's origin (QNetworkAccessManager::connectToHost), which the
    // first request to it then uses.
    void connectAhead(const QUrl &server) override;

    // Requests started and not yet finished.
    int pendingCount() const { return int(m_pending.size()); }

private:
    struct Pending;
    void start(Pending *pending);
    // Sends the redirected request of a 3xx answer; false when the answer stands as the result
    // (no Location) or ends the request (another origin, too many hops: abortReason is set).
    bool followRedirect(QNetworkReply *reply, Pending *pending, int status);
    void onMetaDataChanged(QNetworkReply *reply);
    void onReadyRead(QNetworkReply *reply);
    void onFinished(QNetworkReply *reply);
    void abortWith(QNetworkReply *reply, ErrorCode code, const QString &detail = {});

    QNetworkAccessManager *m_manager;
    QHash<QNetworkReply *, Pending *> m_pending;
    RequestId m_nextId = 1;
};

} // namespace inkwell::net
