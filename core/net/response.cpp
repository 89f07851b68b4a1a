#include "net/response.h"

#include "net/request.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace inkwell::net {

namespace {

ErrorCode codeForStatus(int status)
{
    if (status >= 200 && status < 300)
        return ErrorCode::None;
    switch (status) {
    case 400:
        return ErrorCode::Malformed;
    case 401:
        return ErrorCode::Unauthorized;
    case 403:
        return ErrorCode::Forbidden;
    case 404:
        return ErrorCode::NotFound;
    case 409:
    case 412:
        return ErrorCode::Conflict;
    case 413:
        return ErrorCode::TooLarge;
    case 429:
        return ErrorCode::RateLimited;
    case 502:
    case 503:
    case 504:
        return ErrorCode::ServerUnavailable;
    default:
        break;
    }
    if (status >= 500)
        return ErrorCode::ServerError;
    if (status >= 400)
        return ErrorCode::InvalidArgument;
    return ErrorCode::ServerError; // 1xx/3xx are not part of the protocol
}

std::optional<std::chrono::seconds> parseRetryAfter(const QByteArray &value)
{
    bool ok = false;
    const qint64 seconds = value.trimmed().toLongLong(&ok);
    if (!ok || seconds < 0)
        return std::nullopt; // HTTP dates are not used by our server; treat as absent
    return std::chrono::seconds(qMin<qint64>(seconds, 24 * 3600));
}

} // namespace

QByteArray Response::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QJsonObject Response::json() const
{
    return QJsonDocument::fromJson(body).object();
}

void classifyHttpResponse(Response *response)
{
    const ErrorCode code = codeForStatus(response->status);
    if (response->status == 429 || response->status == 503) {
        const QByteArray retryAfter = response->header(QByteArrayLiteral("Retry-After"));
        if (!retryAfter.isNull())
            response->retryAfter = parseRetryAfter(retryAfter);
    }
    if (code == ErrorCode::None) {
        response->error = {};
        return;
    }
    const QJsonObject error = response->json().value(QLatin1String("error")).toObject();
    response->serverErrorCode = error.value(QLatin1String("code")).toString();
    const QString serverMessage = error.value(QLatin1String("message")).toString();
    response->error.code = response->serverErrorCode == QLatin1String("resync-required")
            ? ErrorCode::ResyncRequired
            : code;
    response->error.message = QStringLiteral("HTTP %1").arg(response->status);
    if (!serverMessage.isEmpty())
        response->error.message += QStringLiteral(": ") + serverMessage.left(200);
}

void prepare(const Request &request, Response *response)
{
    if (request.prepare && response->isOk() && !response->prepared.has_value())
        response->prepared = request.prepare(response->body);
}

} // namespace inkwell::net
