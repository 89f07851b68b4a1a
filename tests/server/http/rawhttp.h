#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QTcpSocket>

#include <chrono>

namespace inkwell::test {

// One parsed HTTP/1.1 answer read from a raw socket; status 0 if none arrived.
struct RawResponse
{
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-case
    QByteArray body;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first == name)
                return h.second;
        }
        return {};
    }
};

// Reads one complete answer (Content-Length framed) from `socket`, waiting at most `timeout`.
RawResponse readResponse(QTcpSocket &socket,
                         std::chrono::milliseconds timeout = std::chrono::seconds(10));

// Waits until the peer closed the connection; false on timeout.
bool waitForClose(QTcpSocket &socket, std::chrono::milliseconds timeout = std::chrono::seconds(10));

} // namespace inkwell::test
