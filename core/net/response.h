#pragma once

#include "model/error.h"

#include <QByteArray>
#include <QList>
#include <QPair>

#include <any>
#include <chrono>
#include <optional>

class QJsonObject;

namespace inkwell::net {

// The outcome of one Request. error.code is None exactly when the server answered 2xx with a
// complete body; otherwise it says what failed (see errorForHttpStatus for the HTTP mapping).
struct Response
{
    int status = 0; // HTTP status, 0 when no response arrived (network error, timeout, cancel)
    QList<QPair<QByteArray, QByteArray>> headers; // as received; names compared case-insensitively
    QByteArray body; // decompressed; kept for error responses too
    Error error;
    // From Retry-After (seconds) on 429/503 responses; unset when the server gave none.
    std::optional<std::chrono::seconds> retryAfter;
    // The "code" of a JSON error body {error:{code, message}}, empty when there is none.
    QString serverErrorCode;
    // What Request::prepare made of the body of a successful answer; empty until net::prepare
    // ran (or when the request had nothing to prepare).
    std::any prepared;

    bool isOk() const { return error.code == ErrorCode::None; }
    // The first header with this name (case-insensitive), or a null QByteArray.
    QByteArray header(const QByteArray &name) const;
    // The body parsed as a JSON object; empty object when it is not one.
    QJsonObject json() const;
};

// Fills error, retryAfter and serverErrorCode of response from its status, headers and body:
// 2xx -> None; 400 -> Malformed; 401 -> Unauthorized; 403 -> Forbidden; 404 -> NotFound;
// 409/412 -> Conflict, or ResyncRequired when the JSON error code is "resync-required";
// 413 -> TooLarge; 429 -> RateLimited; 502/503/504 -> ServerUnavailable; other 5xx -> ServerError.
// Shared by every Transport so fakes and the real one classify answers identically.
void classifyHttpResponse(Response *response);

struct Request;
// Runs request.prepare on a successful answer that is not prepared yet; any thread. The one place
// that decides whether an answer is prepared, used by ThreadedTransport on its network thread and
// by RetryingSender for every other transport.
void prepare(const Request &request, Response *response);

} // namespace inkwell::net
