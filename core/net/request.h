#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <any>
#include <chrono>
#include <functional>

class QJsonObject;

namespace inkwell::net {

enum class Method { Get, Head, Post, Put, Delete };

// One HTTP request as the sync layer describes it; a Transport turns it into bytes on the wire.
// The bearer token is sent as "Authorization: Bearer <token>" and never logged.
struct Request
{
    Method method = Method::Get;
    QUrl url; // absolute, e.g. https://host/api/v1/blogs
    QList<QPair<QByteArray, QByteArray>> headers; // extra headers; names as sent
    QString bearerToken; // empty: no Authorization header
    QByteArray body;
    QByteArray contentType; // e.g. "application/json"; empty when there is no body
    // The longest silence between two packets before the request fails with ErrorCode::Timeout.
    std::chrono::milliseconds timeout{30000};
    // Responses with a larger body fail with ErrorCode::TooLarge instead of filling memory.
    qint64 maxResponseBytes = qint64(64) * 1024 * 1024;
    // Work on a successful answer's body that needs no particular thread, typically decoding it;
    // its result goes to Response::prepared (see net::prepare). ThreadedTransport runs it on its
    // network thread, so the thread that sent the request gets the answer ready to use while it
    // was busy with other work; RetryingSender runs it for transports that did not.
    std::function<std::any(const QByteArray &body)> prepare;

    // A request with a compact JSON body and the matching content type.
    static Request json(Method method, const QUrl &url, const QJsonObject &body);
};

// "GET", "POST", ... for logs and the wire.
QByteArray methodName(Method method);

} // namespace inkwell::net
