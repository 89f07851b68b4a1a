#include "net/request.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace inkwell::net {

Request Request::json(Method method, const QUrl &url, const QJsonObject &body)
{
    Request request;
    request.method = method;
    request.url = url;
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    request.contentType = QByteArrayLiteral("application/json");
    return request;
}

QByteArray methodName(Method method)
{
    switch (method) {
    case Method::Get:
        return QByteArrayLiteral("GET");
    case Method::Head:
        return QByteArrayLiteral("HEAD");
    case Method::Post:
        return QByteArrayLiteral("POST");
    case Method::Put:
        return QByteArrayLiteral("PUT");
    case Method::Delete:
        return QByteArrayLiteral("DELETE");
    }
    return QByteArrayLiteral("GET");
}

} // namespace inkwell::net
