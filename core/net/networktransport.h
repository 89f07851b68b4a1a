#pragma once

#include "net/transport.h"

#include <QHash>
#include <QObject>

class QNetworkAccessManager;
class QNetworkReply;

namespace inkwell::net {

// The Transport over QNetworkAccessManager: keep-alive connections, gzip/deflate responses
// decompressed transparently, per-request transfer timeout and response size limit.
// Create and use it on one thread; the QNAM it owns lives there too.
class NetworkTransport final : public QObject, public Transport
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NetworkTransport)

public:
    explicit NetworkTransport(QObject *parent = nullptr);
    ~NetworkTransport() override;

    RequestId send(const Request &request, QObject *context, Callback done) override;
    void cancel(RequestId id) override;

private:
    struct Pending;
    void onReadyRead(QNetworkReply *reply);
    void onFinished(QNetworkReply *reply);
    void complete(QNetworkReply *reply, Response response);

    QNetworkAccessManager *m_manager;
    QHash<QNetworkReply *, Pending *> m_pending;
    RequestId m_nextId = 1;
};

} // namespace inkwell::net
