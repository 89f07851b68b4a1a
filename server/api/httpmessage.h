#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <any>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace inkwell::server {

// A complete HTTP request as the HTTP front hands it to the API, independent of the socket
// library. Header names are lower-case. The front has already enforced size limits.
struct HttpRequest
{
    QByteArray method; // "GET", "POST", ...
    QByteArray target; // path and query, e.g. "/api/v1/blogs/3/sync"
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QString peerAddress; // client address, for throttling and logs
    // What the admission of this request granted (Api::admit, e.g. the authenticated caller);
    // empty when the request was not admitted first, and the API then authenticates it itself.
    std::any admission;

    QByteArray header(const QByteArray &lowerCaseName) const
    {
        for (const auto &h : headers) {
            if (h.first == lowerCaseName)
                return h.second;
        }
        return {};
    }
};

struct DeferredAnswer;

// A complete HTTP response; the front sends it in one write.
struct HttpResponse
{
    int status = 200;
    QByteArray contentType = "application/json";
    QList<QPair<QByteArray, QByteArray>> headers; // extra headers, e.g. Retry-After
    QByteArray body;
    // Set: no answer yet. The front parks the connection (no thread waits) until the deferred
    // answer is ready; status, headers and body are then ignored.
    std::shared_ptr<DeferredAnswer> deferred;
};

// An answer that waits for a change (GET .../live). The front subscribes, keeps the connection
// with a timer until `deadline`, and on each wake-up asks `answer` again on a worker thread.
// Closing the connection drops the DeferredAnswer (and whatever it holds) at once.
struct DeferredAnswer
{
    std::chrono::steady_clock::time_point deadline;
    // Registers `wake` (callable from any thread, quick) to be called whenever the answer may be
    // ready; returns the function that unregisters it.
    std::function<std::function<void()>(std::function<void()> wake)> subscribe;
    // The answer, or nothing while there is still nothing to say. With `final` (the deadline or
    // the server stopping) always an answer. Runs on a worker thread; may use the database.
    std::function<std::optional<HttpResponse>(bool final)> answer;
};

// The answer to "may this request be read?", given from its method, target, headers and peer
// before any body byte is read (Api::admit). The front reads the body only of admitted requests.
struct Admission
{
    // Where the request runs: the shared workers, or the small lane of password hashing.
    enum class Lane { Workers, Login };

    std::optional<HttpResponse> refusal; // set: send this at once and read no body
    qint64 maxBodyBytes = 0; // the largest body the route accepts (413 beyond)
    Lane lane = Lane::Workers;
    // The caller's address (X-Forwarded-For when trusted) for the login lane, whose places no
    // single address may fill.
    QString client;
    std::any grant; // handed to the handler as HttpRequest::admission
};

} // namespace inkwell::server
