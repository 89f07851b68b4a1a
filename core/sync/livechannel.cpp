#include "sync/livechannel.h"

#include "store/localstore.h"
#include "store/syncrepository.h"

#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>
#include <utility>

Q_DECLARE_LOGGING_CATEGORY(lcSync)

namespace inkwell::sync {

namespace {

constexpr qint64 kMaxAnswerBytes = qint64(1024) * 1024;
// The server parks a poll up to pollTimeout; allow this much more silence before giving up.
constexpr std::chrono::seconds kPollGrace{15};
constexpr std::chrono::seconds kCapabilitiesTimeout{15};

// Waits are spread between half and all of the backoff interval, so that clients dropped by
// the same server restart do not all come back at the same instant.
std::chrono::milliseconds withJitter(std::chrono::milliseconds interval)
{
    const qint64 half = std::max<qint64>(interval.count() / 2, 1);
    return std::chrono::milliseconds(half + QRandomGenerator::global()->bounded(half + 1));
}

} // namespace

LiveChannel::LiveChannel(store::LocalStore *store, net::Transport *transport, QObject *parent)
    : QObject(parent), m_store(store), m_transport(transport),
      m_backoff(m_options.initialBackoff, m_options.maximumBackoff), m_retryTimer(new QTimer(this))
{
    qRegisterMetaType<QList<inkwell::protocol::PresenceEntry>>();
    qRegisterMetaType<inkwell::sync::LiveChannel::State>();
    m_retryTimer->setSingleShot(true);
    connect(m_retryTimer, &QTimer::timeout, this, &LiveChannel::retry);
}

LiveChannel::~LiveChannel()
{
    cancelAll();
}

void LiveChannel::setOptions(const Options &options)
{
    m_options = options;
    m_options.pollTimeout = std::clamp(options.pollTimeout, std::chrono::seconds(1),
                                       std::chrono::seconds(protocol::kLiveMaxWaitSeconds));
    m_options.maxBlogs = std::max(options.maxBlogs, 0);
    m_backoff = net::Backoff(m_options.initialBackoff, m_options.maximumBackoff);
}

void LiveChannel::setAccount(const SyncAccount &account)
{
    const bool started = m_started;
    stop();
    m_account = account;
    if (started)
        start();
}

void LiveChannel::start()
{
    if (m_started)
        return;
    m_started = true;
    if (!m_account.isValid())
        return;
    m_backoff.reset();
    checkCapabilities();
}

void LiveChannel::stop()
{
    m_started = false;
    cancelAll();
    setState(State::Stopped);
}

void LiveChannel::cancelAll()
{
    ++m_generation; // answers already on their way are stale
    m_retryTimer->stop();
    if (m_capabilitiesRequest != 0)
        m_transport->cancel(std::exchange(m_capabilitiesRequest, 0));
    for (Blog &blog : m_blogs) {
        if (blog.request != 0)
            m_transport->cancel(std::exchange(blog.request, 0));
    }
    m_blogs.clear();
}

void LiveChannel::checkCapabilities()
{
    setState(State::Checking);
    net::Request request;
    request.url = m_account.endpoint(QStringLiteral("/api/v1/capabilities"));
    request.timeout = kCapabilitiesTimeout;
    request.maxResponseBytes = kMaxAnswerBytes;
    const quint64 generation = m_generation;
    m_capabilitiesRequest =
            m_transport->send(request, this, [this, generation](const net::Response &response) {
                onCapabilities(generation, response);
            });
}

void LiveChannel::onCapabilities(quint64 generation, const net::Response &response)
{
    if (generation != m_generation)
        return;
    m_capabilitiesRequest = 0;
    if (response.error.code == ErrorCode::NotFound) {
        qCInfo(lcSync) << "the server offers no live updates; syncing on schedule";
        setState(State::Unsupported);
        return;
    }
    if (!response.isOk()) {
        setState(State::Reconnecting);
        scheduleRetry(response.retryAfter.value_or(std::chrono::seconds(0)));
        return;
    }
    const auto capabilities = protocol::decodeCapabilities(response.body);
    if (!capabilities || !capabilities->has(QString::fromLatin1(protocol::kFeatureLive))) {
        setState(State::Unsupported);
        return;
    }
    m_backoff.reset();
    startPolls();
}

void LiveChannel::startPolls()
{
    m_blogs.clear();
    const auto count = std::min<qsizetype>(m_account.blogs.size(), m_options.maxBlogs);
    for (qsizetype i = 0; i < count; ++i) {
        Blog blog;
        blog.id = m_account.blogs.at(i);
        m_blogs.append(blog);
    }
    if (m_account.blogs.size() > count)
        qCInfo(lcSync) << "live updates for the first" << count << "blogs; the other"
                       << m_account.blogs.size() - count << "sync on schedule";
    setState(State::Connected);
    for (Blog &blog : m_blogs)
        poll(blog);
}

qint64 LiveChannel::localCursor(qint64 blog) const
{
    auto cursor = m_store->sync().cursor(m_account.serverKey(), QString::number(blog));
    return cursor ? *cursor : 0;
}

qint64 LiveChannel::pollRevision(const Blog &blog) const
{
    const qint64 cursor = localCursor(blog.id);
    // A complete run was made for this revision and the cursor still differs (e.g. the server
    // names a revision no pull reaches): wait for the next change instead of asking again.
    if (blog.serverRev >= 0 && blog.syncedFor == blog.serverRev && cursor != blog.serverRev)
        return blog.serverRev;
    return cursor;
}

void LiveChannel::poll(Blog &blog)
{
    if (blog.request != 0 || blog.dropped || blog.waitingForRun)
        return;
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("rev"), QString::number(pollRevision(blog)));
    if (!blog.presenceToken.isEmpty())
        query.addQueryItem(QStringLiteral("presence"), blog.presenceToken);
    query.addQueryItem(QStringLiteral("timeout"), QString::number(m_options.pollTimeout.count()));
    net::Request request;
    request.url = m_account.blogEndpoint(blog.id, QStringLiteral("/live"));
    request.url.setQuery(query);
    request.bearerToken = m_account.token;
    request.timeout = m_options.pollTimeout + kPollGrace;
    request.maxResponseBytes = kMaxAnswerBytes;
    const quint64 generation = m_generation;
    blog.request = m_transport->send(
            request, this, [this, generation, id = blog.id](const net::Response &response) {
                onPollAnswer(generation, id, response);
            });
}

LiveChannel::Blog *LiveChannel::find(qint64 blog)
{
    for (Blog &each : m_blogs) {
        if (each.id == blog)
            return &each;
    }
    return nullptr;
}

void LiveChannel::onPollAnswer(quint64 generation, qint64 id, const net::Response &response)
{
    Blog *blog = find(id);
    if (generation != m_generation || !blog)
        return;
    blog->request = 0;
    if (!response.isOk())
        return onPollFailed(*blog, response);
    const auto state = protocol::decodeLiveState(response.body);
    if (!state) {
        qCWarning(lcSync) << "blog" << id << "live answer not understood:" << state.error().message;
        // Cut off or garbled on the way: retried like a failed request, not a refusal.
        net::Response failed = response;
        failed.error = {ErrorCode::ServerError, state.error().message};
        return onPollFailed(*blog, failed);
    }
    if (m_state == State::Reconnecting && !m_retryTimer->isActive())
        setState(State::Connected);
    blog->presenceToken = state->presenceToken;
    blog->serverRev = state->rev;
    Q_EMIT answered(id, state->rev);
    Q_EMIT presenceChanged(id, state->presence, state->presenceToken);
    blog = find(id); // a receiver may have stopped the channel
    if (!blog || generation != m_generation)
        return;
    if (pollRevision(*blog) == state->rev) {
        // Only a quiet answer ends a backoff: one that leads to a run leaves it to the run.
        m_backoff.reset();
        return poll(*blog);
    }
    blog->waitingForRun = true;
    blog->runStartedSinceAnswer = false;
    // A running run may already bring this revision (it may be this client's own push): wait
    // for it, and ask for another only if the cursor is still behind then.
    if (!m_syncRunning)
        requestRun();
}

void LiveChannel::onPollFailed(Blog &blog, const net::Response &response)
{
    switch (response.error.code) {
    case ErrorCode::Cancelled:
        return;
    case ErrorCode::Unauthorized:
        qCInfo(lcSync) << "live updates stopped: the session is no longer valid";
        cancelAll();
        setState(State::Stopped);
        return;
    case ErrorCode::NotFound:
    case ErrorCode::Forbidden:
    case ErrorCode::Malformed:
    case ErrorCode::InvalidArgument:
        // Not a blog this account may watch (any more): the scheduled sync reports the rest.
        qCInfo(lcSync) << "blog" << blog.id << "cannot be watched:" << response.status;
        blog.dropped = true;
        return;
    default:
        break;
    }
    qCInfo(lcSync) << "blog" << blog.id << "live poll failed:" << response.error.message;
    setState(State::Reconnecting);
    scheduleRetry(response.retryAfter.value_or(std::chrono::seconds(0)));
}

void LiveChannel::scheduleRetry(std::chrono::milliseconds atLeast)
{
    if (m_retryTimer->isActive())
        return; // one wait for every blog that failed meanwhile
    const auto delay = std::max(withJitter(m_backoff.next()), atLeast);
    m_retryTimer->start(delay);
    Q_EMIT retryScheduled(delay);
}

void LiveChannel::retry()
{
    if (!m_started)
        return;
    if (m_blogs.isEmpty() && m_capabilitiesRequest == 0)
        return checkCapabilities();
    setState(State::Connected);
    for (Blog &blog : m_blogs) {
        if (blog.request == 0 && !blog.waitingForRun)
            poll(blog);
    }
}

void LiveChannel::requestRun()
{
    Q_EMIT syncRequested();
}

void LiveChannel::syncStarted()
{
    m_syncRunning = true;
    for (Blog &blog : m_blogs)
        blog.runStartedSinceAnswer = true;
}

void LiveChannel::syncFinished()
{
    afterRun(true);
}

void LiveChannel::syncFailed()
{
    afterRun(false);
}

void LiveChannel::afterRun(bool complete)
{
    m_syncRunning = false;
    if (complete)
        m_backoff.reset();
    bool runAgain = false;
    bool retryLater = false;
    for (Blog &blog : m_blogs) {
        if (!blog.waitingForRun)
            continue;
        if (!complete) {
            // Polled again after a backoff; the server then answers at once and a run follows.
            blog.waitingForRun = false;
            retryLater = true;
            continue;
        }
        if (localCursor(blog.id) == blog.serverRev) {
            blog.waitingForRun = false;
        } else if (!blog.runStartedSinceAnswer) {
            runAgain = true; // the run that ended began before the change was known
            continue;
        } else {
            blog.waitingForRun = false;
            blog.syncedFor = blog.serverRev;
        }
        poll(blog);
    }
    if (retryLater && m_started)
        scheduleRetry(std::chrono::milliseconds(0));
    if (runAgain)
        requestRun();
}

void LiveChannel::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace inkwell::sync
