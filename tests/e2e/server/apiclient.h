#pragma once

#include "model/result.h"
#include "protocol/sync.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;

namespace inkwell::test {

// One HTTP answer as an end-to-end test sees it; status 0 when no answer arrived.
struct ApiReply
{
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const;
    // The "code" of a JSON error body, or empty.
    QString errorCode() const;
};

// A blocking client of the real server over QNetworkAccessManager, for end-to-end tests.
// Every call waits (bounded) for its answer, running the event loop meanwhile.
class ApiClient
{
public:
    explicit ApiClient(QUrl baseUrl);
    ~ApiClient();
    ApiClient(const ApiClient &) = delete;
    ApiClient &operator=(const ApiClient &) = delete;

    void setToken(const QByteArray &token) { m_token = token; }
    QByteArray token() const { return m_token; }

    ApiReply send(const QByteArray &method, const QString &path, const QByteArray &body = {},
                  const QByteArray &contentType = "application/json");
    // Logs in and keeps the token for the following calls; false if the login failed.
    bool login(const QString &user, const QString &password);
    // One sync round trip; the reply is kept in lastReply().
    Result<protocol::SyncResponse> sync(qint64 blogId, const protocol::SyncRequest &request);
    // Pushes one change; the revision it made, or 0 when it was not applied.
    qint64 pushOne(qint64 blogId, const protocol::Change &change);
    // Pulls every page from the start; the latest version of each post, by guid.
    Result<QList<model::Revision>> pullAll(qint64 blogId, int pageSize = 0);
    const ApiReply &lastReply() const { return m_lastReply; }

private:
    QUrl m_baseUrl;
    QByteArray m_token;
    std::unique_ptr<QNetworkAccessManager> m_network;
    ApiReply m_lastReply;
};

// A change that creates or edits a post, with a fresh op_id.
protocol::Change makeChange(const QString &guid, qint64 baseRev, const QString &title,
                            const QString &body = QStringLiteral("Body"));
// A fresh lower-case UUID without braces.
QString newGuid();

} // namespace inkwell::test
