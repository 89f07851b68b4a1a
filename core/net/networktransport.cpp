#include "net/networktransport.h"

#include "net/logging.h"
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>

namespace inkwell::net {

struct NetworkTransport::Pending
{
    RequestId id = 0;
    QPointer<QObject> context;
    Callback done;
    Request request; // what the current hop sends: the original, or where a redirect led
    QUrl origin; // where the request was first sent; redirects may not leave it
    int redirects = 0; // followed so far
    QByteArray body;
    ErrorCode abortReason = ErrorCode::None; // why we aborted the reply ourselves
    QString abortDetail; // what to report instead of Qt's "Operation canceled"
};

namespace {

// Same-origin redirects are followed up to this many times per request.
constexpr int MaxRedirects = 5;

QNetworkRequest networkRequest(const Request &request)
{
    QNetworkRequest result(request.url);
    result.setTransferTimeout(int(qMin<qint64>(request.timeout.count(), INT_MAX)));
    result.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                        QNetworkRequest::ManualRedirectPolicy);
    result.setRawHeader(QByteArrayLiteral("User-Agent"), QByteArrayLiteral("Inkwell/0.1"));
    if (!request.contentType.isEmpty())
        result.setRawHeader(QByteArrayLiteral("Content-Type"), request.contentType);
    if (!request.bearerToken.isEmpty()) {
        result.setRawHeader(QByteArrayLiteral("Authorization"),
                            QByteArrayLiteral("Bearer ") + request.bearerToken.toUtf8());
    }
    for (const auto &[name, value] : request.headers)
        result.setRawHeader(name, value);
    return result;
}

// Errors below the HTTP layer (1-199: network and proxy) mean no complete answer arrived.
bool isTransportFailure(QNetworkReply::NetworkError error)
{
    return error != QNetworkReply::NoError && int(error) < 200;
}

Error transportError(QNetworkReply *reply, ErrorCode abortReason, const QString &abortDetail)
{
    const QString detail = reply->errorString();
    if (abortReason != ErrorCode::None)
        return {abortReason, abortDetail.isEmpty() ? detail : abortDetail};
    switch (reply->error()) {
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // what setTransferTimeout() aborts with
        return {ErrorCode::Timeout, detail};
    default:
        return {ErrorCode::Network, detail};
    }
}

// The URL's port, or its scheme's default when it names none.
int portOf(const QUrl &url)
{
    return url.port(url.scheme() == u"https" ? 443 : 80);
}

// scheme://host:port.
QString origin(const QUrl &url)
{
    return url.scheme() + QStringLiteral("://") + url.host(QUrl::FullyEncoded) + u':'
            + QString::number(portOf(url));
}

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// The request a redirect leads to: 307 and 308 repeat it as it was; 303, and 301/302 of a POST
// (as browsers do), become a GET without the body.
Request redirectedRequest(Request request, int status, const QUrl &target)
{
    request.url = target;
    const bool toGet = (status == 303 && request.method != Method::Head)
            || ((status == 301 || status == 302) && request.method == Method::Post);
    if (toGet) {
        request.method = Method::Get;
        request.body.clear();
        request.contentType.clear();
    }
    return request;
}

} // namespace

NetworkTransport::NetworkTransport(QObject *parent)
    : QObject(parent), m_manager(new QNetworkAccessManager(this))
{
    // Keep-alive is QNAM's default for HTTP/1.1. Redirects are followed here, not by QNAM (see
    // followRedirect()): each is checked before anything is sent to its target, and a 307/308
    // resends the request's own body as a new request.
}

NetworkTransport::~NetworkTransport()
{
    const auto pending = m_pending;
    m_pending.clear();
    for (auto it = pending.cbegin(); it != pending.cend(); ++it) {
        disconnect(it.key(), nullptr, this, nullptr);
        it.key()->abort();
        delete it.value();
    }
}

void NetworkTransport::connectAhead(const QUrl &server)
{
    if (server.scheme() == QLatin1String("http")) {
        m_manager->connectToHost(server.host(), quint16(portOf(server)));
        return;
    }
#if QT_CONFIG(ssl)
    if (server.scheme() == QLatin1String("https"))
        m_manager->connectToHostEncrypted(server.host(), quint16(portOf(server)));
#endif
}

Transport::RequestId NetworkTransport::send(const Request &request, QObject *context, Callback done)
{
    auto *pending = new Pending;
    pending->id = m_nextId++;
    pending->context = context;
    pending->done = std::move(done);
    pending->request = request;
    pending->origin = request.url;
    start(pending);
    return pending->id;
}

void NetworkTransport::start(Pending *pending)
{
    const Request &request = pending->request;
    const QNetworkRequest networkRequest = net::networkRequest(request);
    QNetworkReply *reply = nullptr;
    switch (request.method) {
    case Method::Get:
        reply = m_manager->get(networkRequest);
        break;
    case Method::Head:
        reply = m_manager->head(networkRequest);
        break;
    case Method::Post:
        reply = m_manager->post(networkRequest, request.body);
        break;
    case Method::Put:
        reply = m_manager->put(networkRequest, request.body);
        break;
    case Method::Delete:
        reply = m_manager->sendCustomRequest(networkRequest, QByteArrayLiteral("DELETE"),
                                             request.body);
        break;
    }
    m_pending.insert(reply, pending);
    connect(reply, &QNetworkReply::metaDataChanged, this,
            [this, reply] { onMetaDataChanged(reply); });
    connect(reply, &QNetworkReply::readyRead, this, [this, reply] { onReadyRead(reply); });
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onFinished(reply); });
    qCDebug(lcNet) << methodName(request.method) << request.url.toDisplayString(QUrl::RemoveQuery);
}

void NetworkTransport::cancel(RequestId id)
{
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
        if (it.value()->id == id) {
            abortWith(it.key(), ErrorCode::Cancelled);
            return;
        }
    }
}

void NetworkTransport::abortWith(QNetworkReply *reply, ErrorCode code, const QString &detail)
{
    Pending *pending = m_pending.value(reply);
    if (!pending || pending->abortReason != ErrorCode::None)
        return;
    pending->abortReason = code;
    pending->abortDetail = detail;
    reply->abort(); // emits finished(); the callback is queued from there
}

bool NetworkTransport::followRedirect(QNetworkReply *reply, Pending *pending, int status)
{
    const QByteArray location = reply->rawHeader(QByteArrayLiteral("Location"));
    if (location.isEmpty())
        return false; // an answer of its own, classified like any other status
    const QUrl target = reply->url().resolved(QUrl::fromEncoded(location));
    const QString from = origin(pending->origin);
    const QString to = origin(target);
    QString refusal;
    if (!target.isValid() || to != from)
        refusal = QStringLiteral("redirect refused: %1 redirected to another origin, %2")
                          .arg(from, to);
    else if (++pending->redirects > MaxRedirects)
        refusal = QStringLiteral("too many redirects: %1 redirected more than %2 times")
                          .arg(from)
                          .arg(MaxRedirects);
    if (!refusal.isEmpty()) {
        pending->abortReason = ErrorCode::Network; // the reply has finished: nothing to abort
        pending->abortDetail = refusal;
        return false;
    }
    pending->request = redirectedRequest(std::move(pending->request), status, target);
    pending->body.clear();
    start(pending);
    return true;
}

void NetworkTransport::onMetaDataChanged(QNetworkReply *reply)
{
    const Pending *pending = m_pending.value(reply);
    const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
    if (pending && length.isValid() && length.toLongLong() > pending->request.maxResponseBytes
        && !reply->hasRawHeader(QByteArrayLiteral("Content-Encoding"))) {
        abortWith(reply, ErrorCode::TooLarge);
    }
}

void NetworkTransport::onReadyRead(QNetworkReply *reply)
{
    Pending *pending = m_pending.value(reply);
    if (!pending || pending->abortReason != ErrorCode::None)
        return;
    // Read as data arrives so the size limit holds for decompressed bytes too.
    pending->body += reply->readAll();
    if (pending->body.size() > pending->request.maxResponseBytes)
        abortWith(reply, ErrorCode::TooLarge);
}

void NetworkTransport::onFinished(QNetworkReply *reply)
{
    Pending *pending = m_pending.take(reply);
    reply->deleteLater();
    if (!pending)
        return;
    if (pending->abortReason == ErrorCode::None && reply->isOpen())
        pending->body += reply->readAll();

    Response response;
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (pending->abortReason == ErrorCode::None && !isTransportFailure(reply->error())
        && isRedirect(status.toInt()) && followRedirect(reply, pending, status.toInt())) {
        return; // the same pending request goes on as a new reply
    }
    if (pending->abortReason != ErrorCode::None || isTransportFailure(reply->error())
        || !status.isValid()) {
        response.error = transportError(reply, pending->abortReason, pending->abortDetail);
    } else {
        response.status = status.toInt();
        response.headers = reply->rawHeaderPairs();
        response.body = std::move(pending->body);
        classifyHttpResponse(&response);
        if (response.isOk() && reply->error() != QNetworkReply::NoError) // e.g. bad gzip data
            response.error = {ErrorCode::Network, reply->errorString()};
    }
    if (!response.isOk()) {
        qCInfo(lcNet) << "request failed:" << errorCodeName(response.error.code)
                      << response.error.message;
    }
    // Delivered through the context's event loop, so the callback may even delete this transport.
    if (pending->context) {
        QMetaObject::invokeMethod(
                pending->context.data(),
                [self = QPointer<NetworkTransport>(this), done = std::move(pending->done),
                 response] {
                    if (self)
                        done(response);
                },
                Qt::QueuedConnection);
    }
    delete pending;
}

} // namespace inkwell::net
