#pragma once

#include "model/result.h"
#include "net/request.h"
#include "net/response.h"

#include <QObject>

#include <chrono>
#include <functional>

class QTimer;

namespace inkwell::net {
class Transport;
}

namespace inkwell::sync {

// How often and how patiently a request is retried after a transient failure.
struct RetryPolicy
{
    int maxAttempts = 6; // first try included
    std::chrono::milliseconds initialDelay{500}; // doubled after each failure
    std::chrono::milliseconds maximumDelay{30000}; // also caps a server's Retry-After
};

// True for failures worth retrying: network errors, timeouts, 429, 5xx, and answers that were
// cut short (a 2xx whose body does not decode).
bool isTransient(ErrorCode code);

// Sends one request at a time through a Transport and retries it, unchanged, with exponential
// backoff (or the server's Retry-After) while the handler reports a transient error. Because a
// retry repeats the same bytes, the same op_ids go out and the server can answer idempotently.
class RetryingSender final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RetryingSender)

public:
    // Turns a response into a success or an Error; Malformed for a 2xx that does not decode.
    using Handler = std::function<Result<void>(const net::Response &)>;
    using Done = std::function<void(const Result<void> &)>;

    RetryingSender(net::Transport *transport, QObject *parent = nullptr);
    ~RetryingSender() override;

    void setPolicy(const RetryPolicy &policy) { m_policy = policy; }
    const RetryPolicy &policy() const { return m_policy; }

    // Sends request; handler sees every complete answer, done gets the final outcome once.
    // Transport errors go to done without the handler. Only one send at a time.
    void send(const net::Request &request, Handler handler, Done done);
    // Abandons the current send; done is called with Cancelled.
    void cancel();
    bool isBusy() const { return bool(m_done); }

    int requestsSent() const { return m_requests; }
    int retries() const { return m_retries; }
    qint64 bytesSent() const { return m_bytesSent; }
    qint64 bytesReceived() const { return m_bytesReceived; }

Q_SIGNALS:
    // A transient failure; the next attempt starts after delay.
    void retrying(const inkwell::Error &error, std::chrono::milliseconds delay);

private:
    void attempt();
    void onResponse(const net::Response &response);
    void finish(const Result<void> &result);

    net::Transport *m_transport;
    RetryPolicy m_policy;
    QTimer *m_timer;
    net::Request m_request;
    Handler m_handler;
    Done m_done;
    quint64 m_requestId = 0;
    quint64 m_generation = 0; // guards against answers to abandoned attempts
    int m_attempt = 0;
    int m_requests = 0;
    int m_retries = 0;
    qint64 m_bytesSent = 0;
    qint64 m_bytesReceived = 0;
};

} // namespace inkwell::sync
