#pragma once

#include "server/api/admin.h"
#include "server/api/api.h"
#include "server/store/serverstore.h"

#include "protocol/codec.h"
#include "server/store/testdatabase.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

// Shared by the API handler tests: request helpers and a server with three accounts and two
// blogs, once on an in-memory SQLite store and once on a fresh PostgreSQL database (the global
// "backend" rows of addBackendRows(); skipped without INKWELL_TEST_POSTGRES unless
// INKWELL_REQUIRE_POSTGRES=1).
namespace inkwell::test {

using server::HttpRequest;
using server::HttpResponse;

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
        QFETCH_GLOBAL(QString, backend);
        m_postgres = nullptr;
        if (backend != QLatin1String("sqlite")) {
            // One database per test process, emptied before each test: creating a database
            // takes far longer than the tests.
            if (!s_postgres)
                s_postgres = std::make_unique<TestDatabase>(backend);
            if (s_postgres->url().isEmpty()) {
                if (postgresRequired())
                    QFAIL(qPrintable(s_postgres->skipReason()));
                QSKIP(qPrintable(s_postgres->skipReason()));
            }
            m_postgres = s_postgres.get();
            // DELETE (foreign keys off for the moment) costs less than TRUNCATE on tiny tables.
            const QString emptied = m_postgres->exec(QStringLiteral(
                    "DO $$DECLARE r record; BEGIN"
                    " PERFORM set_config('session_replication_role', 'replica', true);"
                    " FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND"
                    " tablename NOT IN ('schema_migrations', 'server_identity') LOOP"
                    " EXECUTE 'DELETE FROM ' || quote_ident(r.tablename); END LOOP;"
                    " FOR r IN SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'"
                    " LOOP EXECUTE 'ALTER SEQUENCE ' || quote_ident(r.sequencename) || ' RESTART';"
                    " END LOOP; END$$"));
            QVERIFY2(emptied.isEmpty(), qPrintable(emptied));
        }
        auto store = server::store::ServerStore::open(storeUrl());
        QVERIFY2(store, qPrintable(store ? QString() : store.error().message));
        m_store = *store;
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

    // Drops the PostgreSQL database of this test process (call from cleanupTestCase()).
    static void dropSharedDatabase() { s_postgres.reset(); }

    // The database of this test: in-memory for SQLite, emptied for PostgreSQL.
    QString storeUrl() const
    {
        return m_postgres ? m_postgres->url() : QStringLiteral("sqlite::memory:");
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

    static inline std::unique_ptr<TestDatabase> s_postgres;
    TestDatabase *m_postgres = nullptr; // null on SQLite
    std::shared_ptr<server::store::ServerStore> m_store;
    std::unique_ptr<server::Api> m_api;
    qint64 m_travel = 0;
    qint64 m_food = 0;
    QByteArray m_ada;
};

} // namespace inkwell::test
