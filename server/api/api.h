#pragma once

#include "model/error.h"
#include "server/api/httpmessage.h"
#include "server/api/serverconfig.h"

#include <memory>

namespace inkwell::server {

namespace store {
class ServerStore;
}
namespace live {
class LiveHub;
}

// The whole HTTP API as one function from request to response, without sockets: routing,
// authentication, authorization (every query scoped to the caller's blogs), decoding with
// limits, the sync rules, blobs and error bodies. Thread-safe: call handle() concurrently from
// worker threads (never the I/O thread: it hashes passwords and blocks on the database).
class Api
{
public:
    // `live` carries wake-ups and presence (shared with other processes through its relay);
    // without one the Api makes its own, for this process alone.
    Api(ServerConfig config, std::shared_ptr<store::ServerStore> store,
        std::shared_ptr<live::LiveHub> live = {});
    ~Api();
    Api(const Api &) = delete;
    Api &operator=(const Api &) = delete;

    // Decides from the header alone (method, target, headers, peer; the body is not read yet)
    // whether the request may be read: unknown route 404, wrong method 405, a missing or bad
    // token 401, a blog the caller is not a member of 404, each as Admission::refusal. An
    // admitted request gets its route's body limit, its lane (logins: Lane::Login) and the
    // caller as grant, which handle() then uses instead of looking up the token again.
    // Blocks on the database: call it from a worker thread.
    Admission admit(const HttpRequest &header) const;

    // Answers one complete request. Never throws; bad input gets a 4xx JSON error body. A request
    // that was not admitted (empty HttpRequest::admission) is checked here as admit() would.
    HttpResponse handle(const HttpRequest &request) const;

    // The largest body the route of `target` accepts (blob uploads: maxBlobBytes, all else
    // maxBodyBytes), so the front can answer 413 before buffering the body.
    qint64 maxBodyBytes(const QByteArray &method, const QByteArray &target) const;

    // A ready-made error response (JSON body), e.g. for the front's 413/503/408 answers.
    static HttpResponse errorResponse(ErrorCode code, const QString &message);

    const ServerConfig &config() const;
    live::LiveHub &live() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace inkwell::server
