#include "sync/retryingsender.h"

#include "net/transport.h"

#include <QLoggingCategory>
#include <QTimer>

Q_DECLARE_LOGGING_CATEGORY(lcSync)

namespace inkwell::sync {

bool isTransient(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Network:
    case ErrorCode::Timeout:
    case ErrorCode::RateLimited:
    case ErrorCode::ServerUnavailable:
    case ErrorCode::ServerError:
    case ErrorCode::Malformed:
        return true;
    default:
        return false;
    }
}

RetryingSender::RetryingSender(net::Transport *transport, QObject *parent)
    : QObject(parent), m_transport(transport), m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &RetryingSender::attempt);
}

RetryingSender::~RetryingSender()
{
    if (m_requestId)
        m_transport->cancel(m_requestId);
}

void RetryingSender::send(const net::Request &request, Handler handler, Done done)
{
    Q_ASSERT(!m_done);
    m_request = request;
    m_handler = std::move(handler);
    m_done = std::move(done);
    m_attempt = 0;
    attempt();
}

void RetryingSender::cancel()
{
    if (!m_done)
        return;
    m_timer->stop();
    const auto id = m_requestId;
    finish(Error{ErrorCode::Cancelled, QStringLiteral("sync cancelled")});
    if (id)
        m_transport->cancel(id);
}

void RetryingSender::attempt()
{
    ++m_attempt;
    ++m_requests;
    m_bytesSent += m_request.body.size();
    const quint64 generation = ++m_generation;
    m_requestId = m_transport->send(m_request, this, [this, generation](const net::Response &r) {
        // Answers to abandoned attempts (cancelled, or superseded) are ignored.
        if (generation == m_generation && m_done)
            onResponse(r);
    });
}

void RetryingSender::onResponse(const net::Response &response)
{
    m_requestId = 0;
    m_bytesReceived += response.body.size();
    net::Response answer = response;
    net::prepare(m_request, &answer); // unless the transport did (ThreadedTransport does)
    Result<void> outcome = answer.isOk() ? m_handler(answer) : Result<void>(answer.error);
    if (outcome || !isTransient(outcome.error().code) || m_attempt >= m_policy.maxAttempts) {
        finish(outcome);
        return;
    }
    std::chrono::milliseconds delay = m_policy.initialDelay * (1 << std::min(m_attempt - 1, 16));
    if (response.retryAfter)
        delay = std::chrono::duration_cast<std::chrono::milliseconds>(*response.retryAfter);
    delay = std::min(delay, m_policy.maximumDelay);
    ++m_retries;
    qCInfo(lcSync) << "retrying" << net::methodName(m_request.method) << m_request.url.path()
                   << "after" << errorCodeName(outcome.error().code) << "in" << delay.count()
                   << "ms";
    Q_EMIT retrying(outcome.error(), delay);
    m_timer->start(delay);
}

void RetryingSender::finish(const Result<void> &result)
{
    ++m_generation;
    m_requestId = 0;
    Done done = std::move(m_done);
    m_done = nullptr;
    m_handler = nullptr;
    done(result);
}

} // namespace inkwell::sync
