#pragma once

#include "server/api/admin.h"
#include "server/api/api.h"
#include "server/store/serverstore.h"

#include "protocol/codec.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

// Shared by the API handler tests: request helpers and a server with three accounts and two
// blogs on an in-memory SQLite store. The API's logic does not depend on the backend;
// tst_serverstore runs the store against SQLite files and PostgreSQL.
namespace inkwell::test {

using server::HttpRequest;
using server::HttpResponse;

inline QString guid(int n)
{
    return QStringLiteral("00000000-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0'));
}

inline QByteArray changeJson(const QString &opId, const QString &postGuid, qint64 baseRev,
                             const QString &title)
{
    model::PostFields fields;
    fields.title = title;
    fields.body = QStringLiteral("secret body text");
    return QJsonDocument(QJsonObject{{"op_id", opId},
                                     {"guid", postGuid},
                                     {"base_rev", double(baseRev)},
                                     {"deleted", false},
                                     {"fields", fields.toJson()}})
            .toJson(QJsonDocument::Compact);
}

inline QByteArray syncBody(const QString &cursor, const QList<QByteArray> &changes = {},
                           int limit = 0)
{
    QByteArray body = "{\"cursor\":\"" + cursor.toLatin1()
            + "\",\"limit\":" + QByteArray::number(limit) + ",\"changes\":[";
    for (qsizetype i = 0; i < changes.size(); ++i)
        body += (i ? "," : "") + changes.at(i);
    return body + "]}";
}

inline QString sha256(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

inline QJsonObject json(const HttpResponse &response)
{
    return QJsonDocument::fromJson(response.body).object();
}

inline QString errorCode(const HttpResponse &response)
{
    return json(response).value("error").toObject().value("code").toString();
}

inline QByteArray header(const HttpResponse &response, const QByteArray &name)
{
    for (const auto &h : response.headers) {
        if (h.first == name)
            return h.second;
    }
    return {};
}

class ApiFixture
{
protected:
    // ada and carol share "Travel" (m_travel), bob owns "Food" (m_food); m_ada is ada's token.
    void setUpServer()
    {
        m_store = server::store::ServerStore::open(QStringLiteral("sqlite::memory:")).value();
        server::ServerConfig config;
        config.maxBodyBytes = 64 * 1024;
        config.maxBlobBytes = 128 * 1024;
        config.maxChangesPerPush = 20;
        config.pageSize = 10;
        m_api = std::make_unique<server::Api>(config, m_store);
        const server::Admin admin(m_store, config);
        for (const char *user : {"ada", "bob", "carol"})
            QVERIFY(admin.addUser(QString::fromLatin1(user), QStringLiteral("password1")));
        m_travel = admin.addBlog(QStringLiteral("Travel"), QStringLiteral("ada")).value();
        QVERIFY(admin.addMember(m_travel, QStringLiteral("carol")));
        m_food = admin.addBlog(QStringLiteral("Food"), QStringLiteral("bob")).value();
        m_ada = login(QStringLiteral("ada"), QStringLiteral("password1"));
        QVERIFY(!m_ada.isEmpty());
    }

    void tearDownServer()
    {
        m_api.reset();
        m_store.reset();
    }

    HttpResponse call(const QByteArray &method, const QByteArray &target,
                      const QByteArray &body = {}, const QByteArray &token = {}) const
    {
        HttpRequest request;
        request.method = method;
        request.target = target;
        request.body = body;
        request.peerAddress = QStringLiteral("127.0.0.1");
        if (!token.isEmpty())
            request.headers.append({"authorization", "Bearer " + token});
        return m_api->handle(request);
    }

    QByteArray login(const QString &user, const QString &password) const
    {
        const HttpResponse response =
                call("POST", "/api/v1/session",
                     protocol::encode(protocol::LoginRequest{user, password}));
        const auto session = protocol::decodeLoginResponse(response.body);
        return response.status == 200 && session ? session->token.toLatin1() : QByteArray();
    }

    QByteArray blogPath(qint64 blog, const QByteArray &rest) const
    {
        return "/api/v1/blogs/" + QByteArray::number(blog) + rest;
    }

    std::shared_ptr<server::store::ServerStore> m_store;
    std::unique_ptr<server::Api> m_api;
    qint64 m_travel = 0;
    qint64 m_food = 0;
    QByteArray m_ada;
};

} // namespace inkwell::test
