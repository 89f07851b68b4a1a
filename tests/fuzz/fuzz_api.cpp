// libFuzzer target: Api::handle on an in-memory SQLite store with two accounts and blogs.
// Input: "METHOD TARGET\n" then the body; a first byte of '!' sends no Authorization header,
// '?' sends the other account's token. Oracles: never a 5xx, and every JSON answer decodes with
// the protocol's own strict decoder.
#include "protocol/codec.h"
#include "server/api/admin.h"
#include "server/api/api.h"
#include "server/store/serverstore.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <cstddef>
#include <cstdint>

using namespace inkwell;
using namespace inkwell::server;

namespace {

struct World
{
    std::shared_ptr<store::ServerStore> store;
    std::unique_ptr<Api> api;
    QByteArray adaToken;
    QByteArray bobToken;
};

QByteArray loginToken(const Api &api, const char *user)
{
    HttpRequest request;
    request.method = "POST";
    request.target = "/api/v1/session";
    request.body = protocol::encode(
            protocol::LoginRequest{QString::fromLatin1(user), QStringLiteral("password1")});
    const HttpResponse response = api.handle(request);
    const auto session = protocol::decodeLoginResponse(response.body);
    if (!session)
        qFatal("fuzz set-up: login failed");
    return session->token.toLatin1();
}

World &world()
{
    static World w = [] {
        World made;
        made.store = store::ServerStore::open(QStringLiteral("sqlite::memory:")).value();
        ServerConfig config;
        config.maxBodyBytes = 256 * 1024;
        config.maxBlobBytes = 256 * 1024;
        config.pageSize = 50;
        config.loginFailureThreshold = 1000000; // keep the fuzzer's logins from locking set-up out
        made.api = std::make_unique<Api>(config, made.store);
        const Admin admin(made.store, config);
        (void)admin.addUser(QStringLiteral("ada"), QStringLiteral("password1"));
        (void)admin.addUser(QStringLiteral("bob"), QStringLiteral("password1"));
        (void)admin.addBlog(QStringLiteral("Travel"), QStringLiteral("ada"));
        (void)admin.addBlog(QStringLiteral("Food"), QStringLiteral("bob"));
        made.adaToken = loginToken(*made.api, "ada");
        made.bobToken = loginToken(*made.api, "bob");
        return made;
    }();
    return w;
}

void checkResponse(const HttpRequest &request, const HttpResponse &response)
{
    if (response.status >= 500)
        qFatal("status %d for %s %s", response.status, request.method.constData(),
               request.target.left(200).constData());
    if (response.contentType != "application/json")
        return;
    // The route is decided by the path; a query string is ignored.
    const qsizetype query = request.target.indexOf('?');
    const QByteArray path = query < 0 ? request.target : request.target.left(query);
    const bool decodes = response.status >= 400 ? bool(protocol::decodeErrorBody(response.body))
            : path.endsWith("/sync")            ? bool(protocol::decodeSyncResponse(response.body))
            : path.endsWith("/missing") ? bool(protocol::decodeMissingBlobsResponse(response.body))
            : path.endsWith("/blogs")   ? bool(protocol::decodeBlogList(response.body))
            : path.endsWith("/session") ? bool(protocol::decodeLoginResponse(response.body))
                                        : true;
    if (!decodes)
        qFatal("the answer to %s does not decode", request.target.left(200).constData());
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv);
    QLoggingCategory::setFilterRules(QStringLiteral("inkwell.*=false\nqt.*=false"));
    world();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    World &w = world();
    QByteArray token = w.adaToken;
    if (input.startsWith('!') || input.startsWith('?')) {
        token = input.startsWith('!') ? QByteArray() : w.bobToken;
        input.remove(0, 1);
    }
    const qsizetype lineEnd = input.indexOf('\n');
    const QByteArray line = lineEnd < 0 ? input : input.left(lineEnd);
    const qsizetype space = line.indexOf(' ');
    HttpRequest request;
    request.method = space < 0 ? line : line.left(space);
    request.target = space < 0 ? QByteArray("/") : line.mid(space + 1);
    request.body = lineEnd < 0 ? QByteArray() : input.mid(lineEnd + 1);
    request.peerAddress = QStringLiteral("127.0.0.1");
    if (!token.isEmpty())
        request.headers.append({"authorization", "Bearer " + token});
    const HttpResponse response = w.api->handle(request);
    checkResponse(request, response);
    // A logout revokes the token: sign in again so later inputs stay authenticated.
    if (request.method == "DELETE" && response.status == 204) {
        QByteArray &revoked = token == w.adaToken ? w.adaToken : w.bobToken;
        revoked = loginToken(*w.api, &revoked == &w.adaToken ? "ada" : "bob");
    }
    return 0;
}
