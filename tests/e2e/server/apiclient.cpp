#include "apiclient.h"

#include "protocol/codec.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QUuid>

#include <map>

namespace inkwell::test {

namespace {
constexpr int replyTimeoutMs = 30000;
}

QByteArray ApiReply::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

QString ApiReply::errorCode() const
{
    return QJsonDocument::fromJson(body)
            .object()
            .value(QStringLiteral("error"))
            .toObject()
            .value(QStringLiteral("code"))
            .toString();
}

ApiClient::ApiClient(QUrl baseUrl)
    : m_baseUrl(std::move(baseUrl)), m_network(std::make_unique<QNetworkAccessManager>())
{ }

ApiClient::~ApiClient() = default;

ApiReply ApiClient::send(const QByteArray &method, const QString &path, const QByteArray &body,
                         const QByteArray &contentType)
{
    QUrl url = m_baseUrl;
    url.setPath(path);
    QNetworkRequest request(url);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token);
    QNetworkReply *reply = m_network->sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    ApiReply result;
    if (reply->isFinished() || finished.wait(replyTimeoutMs)) {
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.headers = reply->rawHeaderPairs();
        result.body = reply->readAll();
    } else {
        reply->abort();
    }
    reply->deleteLater();
    m_lastReply = result;
    return result;
}

bool ApiClient::login(const QString &user, const QString &password)
{
    const ApiReply reply = send("POST", QStringLiteral("/api/v1/session"),
                                protocol::encode(protocol::LoginRequest{user, password}));
    if (reply.status != 200)
        return false;
    const auto decoded = protocol::decodeLoginResponse(reply.body);
    if (!decoded)
        return false;
    m_token = decoded->token.toUtf8();
    return true;
}

Result<protocol::SyncResponse> ApiClient::sync(qint64 blogId, const protocol::SyncRequest &request)
{
    const ApiReply reply = send("POST", QStringLiteral("/api/v1/blogs/%1/sync").arg(blogId),
                                protocol::encode(request));
    if (reply.status != 200)
        return Error{ErrorCode::ServerError,
                     QStringLiteral("HTTP %1: %2")
                             .arg(reply.status)
                             .arg(QString::fromUtf8(reply.body.left(500)))};
    return protocol::decodeSyncResponse(reply.body);
}

qint64 ApiClient::pushOne(qint64 blogId, const protocol::Change &change)
{
    protocol::SyncRequest request;
    request.limit = 1;
    request.changes = {change};
    const auto response = sync(blogId, request);
    if (!response || response->results.size() != 1
        || response->results.first().status != protocol::ItemStatus::Applied)
        return 0;
    return response->results.first().rev;
}

Result<QList<model::Revision>> ApiClient::pullAll(qint64 blogId, int pageSize)
{
    std::map<QString, model::Revision> latest;
    protocol::SyncRequest request;
    request.limit = pageSize;
    for (int page = 0; page < 100000; ++page) {
        auto response = sync(blogId, request);
        if (!response)
            return response.error();
        for (const model::Revision &revision : std::as_const(response->changes))
            latest[revision.guid] = revision;
        request.cursor = response->cursor;
        if (!response->more)
            break;
    }
    QList<model::Revision> all;
    for (auto &[guid, revision] : latest)
        all.append(revision);
    return all;
}

protocol::Change makeChange(const QString &guid, qint64 baseRev, const QString &title,
                            const QString &body)
{
    protocol::Change change;
    change.opId = newGuid();
    change.guid = guid;
    change.baseRev = baseRev;
    change.fields.title = title;
    change.fields.body = body;
    return change;
}

QString newGuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace inkwell::test
