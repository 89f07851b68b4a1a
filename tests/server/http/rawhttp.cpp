#include "rawhttp.h"

#include <QDeadlineTimer>

namespace inkwell::test {

namespace {

// Waits for more bytes; false when the deadline passed or the peer closed.
bool waitForMore(QTcpSocket &socket, const QDeadlineTimer &deadline)
{
    if (deadline.hasExpired() || socket.state() != QAbstractSocket::ConnectedState)
        return socket.bytesAvailable() > 0;
    return socket.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
}

} // namespace

RawResponse readResponse(QTcpSocket &socket, std::chrono::milliseconds timeout)
{
    const QDeadlineTimer deadline(timeout);
    QByteArray data;
    qsizetype headerEnd = -1;
    while ((headerEnd = data.indexOf("\r\n\r\n")) < 0) {
        data += socket.readAll();
        if (data.indexOf("\r\n\r\n") >= 0)
            continue;
        if (!waitForMore(socket, deadline) && socket.bytesAvailable() == 0)
            return {};
    }
    RawResponse response;
    const QList<QByteArray> lines = data.left(headerEnd).split('\n');
    const QList<QByteArray> statusLine = lines.value(0).trimmed().split(' ');
    response.status = statusLine.value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            response.headers.append(
                    {lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed()});
    }
    const qsizetype length = response.header("content-length").toLongLong();
    QByteArray rest = data.mid(headerEnd + 4);
    while (rest.size() < length) {
        if (!waitForMore(socket, deadline) && socket.bytesAvailable() == 0)
            break;
        rest += socket.read(length - rest.size());
    }
    response.body = rest.left(length);
    return response;
}

bool waitForClose(QTcpSocket &socket, std::chrono::milliseconds timeout)
{
    const QDeadlineTimer deadline(timeout);
    while (socket.state() == QAbstractSocket::ConnectedState && !deadline.hasExpired()) {
        socket.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
        socket.readAll();
    }
    return socket.state() != QAbstractSocket::ConnectedState;
}

} // namespace inkwell::test
