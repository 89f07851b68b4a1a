#include "net/networktransport.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QTimer>

namespace inkwell::net {

struct NetworkTransport::Pending
{
    RequestId id = 0;
    QPointer<QObject> context;
    Callback done;
};

NetworkTransport::NetworkTransport(QObject *parent)
    : QObject(parent), m_manager(new QNetworkAccessManager(this))
{ }

NetworkTransport::~NetworkTransport() = default;

Transport::RequestId NetworkTransport::send(const Request &, QObject *context, Callback done)
{
    const RequestId id = m_nextId++;
    QTimer::singleShot(0, context, [done = std::move(done)] {
        Response response;
        response.error = {ErrorCode::Internal, QStringLiteral("not implemented yet")};
        done(response);
    });
    return id;
}

void NetworkTransport::cancel(RequestId) { }

void NetworkTransport::onReadyRead(QNetworkReply *) { }
void NetworkTransport::onFinished(QNetworkReply *) { }
void NetworkTransport::complete(QNetworkReply *, Response) { }

} // namespace inkwell::net
