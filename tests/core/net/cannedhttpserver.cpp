#include "cannedhttpserver.h"

#include <QTcpServer>
#include <QTcpSocket>

namespace inkwell::test {

namespace {

const char *reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 401:
        return "Unauthorized";
    case 404:
        return "Not Found";
    case 409:
        return "Conflict";
    case 413:
        return "Content Too Large";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

// Parses one complete request from the front of buffer, or returns false when more is needed.
bool takeRequest(QByteArray *buffer, CannedHttpServer::Received *request)
{
    const qsizetype headerEnd = buffer->indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return false;
    const QList<QByteArray> lines = buffer->left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    request->method = requestLine.value(0);
    request->path = requestLine.value(1);
    request->headers.clear();
    qint64 contentLength = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon < 0)
            continue;
        const QByteArray name = lines[i].left(colon).trimmed().toLower();
        const QByteArray value = lines[i].mid(colon + 1).trimmed();
        request->headers.append({name, value});
        if (name == "content-length")
            contentLength = value.toLongLong();
    }
    if (buffer->size() < headerEnd + 4 + contentLength)
        return false;
    request->body = buffer->mid(headerEnd + 4, contentLength);
    buffer->remove(0, headerEnd + 4 + contentLength);
    return true;
}

} // namespace

QByteArray CannedHttpServer::Received::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key == name.toLower())
            return value;
    }
    return {};
}

CannedHttpServer::CannedHttpServer(QObject *parent)
    : QObject(parent), m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &CannedHttpServer::onNewConnection);
}

CannedHttpServer::~CannedHttpServer() = default;

bool CannedHttpServer::listen(quint16 port)
{
    return m_server->listen(QHostAddress::LocalHost, port);
}

void CannedHttpServer::close()
{
    m_server->close();
    const auto sockets = m_server->findChildren<QTcpSocket *>();
    for (QTcpSocket *socket : sockets)
        socket->abort();
}

quint16 CannedHttpServer::port() const
{
    return m_server->serverPort();
}

QUrl CannedHttpServer::url(const QString &path) const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port());
    url.setPath(path);
    return url;
}

QByteArray CannedHttpServer::response(int status, const QByteArray &body,
                                      const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QByteArray bytes =
            "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    bool hasLength = false;
    for (const auto &[name, value] : headers) {
        bytes += name + ": " + value + "\r\n";
        hasLength |= name.compare("Content-Length", Qt::CaseInsensitive) == 0;
    }
    if (!hasLength)
        bytes += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    return bytes + "\r\n" + body;
}

void CannedHttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        ++m_connections;
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
}

void CannedHttpServer::onReadyRead(QTcpSocket *socket)
{
    QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
    Received request;
    while (takeRequest(&buffer, &request)) {
        m_received.append(request);
        const Reply reply = m_handler ? m_handler(request) : Reply{response(404, "{}"), {}};
        Q_EMIT requestReceived();
        socket->write(reply.bytes);
        socket->flush();
        switch (reply.then) {
        case Reply::Then::KeepOpen:
        case Reply::Then::Hang:
            break;
        case Reply::Then::Close:
            socket->disconnectFromHost();
            return;
        case Reply::Then::Reset:
            socket->setSocketOption(QAbstractSocket::KeepAliveOption, 0);
            socket->abort();
            socket->deleteLater();
            return;
        }
    }
    socket->setProperty("buffer", buffer);
}

} // namespace inkwell::test
