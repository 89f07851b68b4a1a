#include "attackload.h"

#include "apiclient.h"
#include "bench/server/benchfigures.h"
#include "protocol/codec.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <algorithm>

#include <sys/resource.h>

namespace inkwell::test {

namespace {

constexpr int maxRoundsPerClient = 100000;
constexpr int pauseBetweenRequestsMs = 25;
constexpr int honestRequestTimeoutMs = 10000;
constexpr int rssSampleIntervalMs = 20;

} // namespace

// One honest client; lives on the load's thread and is driven by its replies.
class HonestLoad::Client
{
public:
    Client(HonestLoad &load, HonestAccount account, QObject *context)
        : m_load(load), m_account(std::move(account)), m_network(new QNetworkAccessManager(context))
    { }

    void next()
    {
        if (m_load.m_stopping || m_round >= maxRoundsPerClient) {
            ++m_load.m_ended;
            return;
        }
        protocol::SyncRequest request;
        request.cursor = m_cursor;
        if (m_round % 2 == 0)
            request.changes.append(
                    makeChange(newGuid(), 0, QStringLiteral("Honest post %1").arg(m_round)));
        ++m_round;
        QUrl url = m_load.m_baseUrl;
        url.setPath(QStringLiteral("/api/v1/blogs/%1/sync").arg(m_account.blogId));
        QNetworkRequest httpRequest(url);
        httpRequest.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        httpRequest.setRawHeader("Authorization", "Bearer " + m_account.token);
        if (m_load.m_freshConnections)
            httpRequest.setRawHeader("Connection", "close");
        httpRequest.setTransferTimeout(honestRequestTimeoutMs);
        const qint64 startedMs = m_load.now();
        QElapsedTimer timer;
        timer.start();
        QNetworkReply *reply = m_network->post(httpRequest, protocol::encode(request));
        QObject::connect(reply, &QNetworkReply::finished, m_network,
                         [this, reply, startedMs, timer] {
                             finished(reply, startedMs, double(timer.nsecsElapsed()) / 1e6);
                         });
    }

private:
    void finished(QNetworkReply *reply, qint64 startedMs, double ms)
    {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll();
        QString failure;
        if (status != 200) {
            failure = QStringLiteral("HTTP %1: %2 %3")
                              .arg(status)
                              .arg(reply->errorString(), QString::fromUtf8(body.left(200)));
        } else if (const auto response = protocol::decodeSyncResponse(body); !response) {
            failure = QStringLiteral("undecodable answer: ") + response.error().message;
        } else {
            m_cursor = response->cursor;
        }
        m_load.record({startedMs, ms, failure.isEmpty(), failure});
        QTimer::singleShot(pauseBetweenRequestsMs, m_network, [this] { next(); });
    }

    HonestLoad &m_load;
    HonestAccount m_account;
    QNetworkAccessManager *m_network; // owned by the load's context object
    QString m_cursor;
    int m_round = 0;
};

HonestLoad::HonestLoad(QUrl baseUrl, QList<HonestAccount> accounts, bool freshConnections)
    : m_baseUrl(std::move(baseUrl)), m_accounts(std::move(accounts)),
      m_freshConnections(freshConnections), m_thread(std::make_unique<QThread>())
{
    m_clock.start();
}

HonestLoad::~HonestLoad()
{
    stop();
}

void HonestLoad::start()
{
    m_context = new QObject;
    m_context->moveToThread(m_thread.get());
    m_thread->start();
    QMetaObject::invokeMethod(m_context, [this] {
        for (const HonestAccount &account : std::as_const(m_accounts)) {
            m_clients.push_back(std::make_unique<Client>(*this, account, m_context));
            m_clients.back()->next();
        }
    });
}

bool HonestLoad::stop(std::chrono::milliseconds timeout)
{
    if (!m_context)
        return true;
    m_stopping = true;
    const QDeadlineTimer deadline(timeout);
    while (m_ended.load() < m_accounts.size() && !deadline.hasExpired())
        QTest::qWait(10); // the main thread's attackers keep running meanwhile
    const bool ended = m_ended.load() >= m_accounts.size();
    QMetaObject::invokeMethod(
            m_context,
            [this] {
                // Replies still running (only after a timeout) must not call back into clients.
                for (QNetworkReply *reply : m_context->findChildren<QNetworkReply *>()) {
                    reply->disconnect();
                    reply->abort();
                }
                delete m_context; // the clients' network managers and pending pauses
                m_clients.clear();
            },
            Qt::BlockingQueuedConnection);
    m_context = nullptr;
    m_thread->quit();
    m_thread->wait();
    return ended;
}

void HonestLoad::record(Sample sample)
{
    ++m_answered;
    std::lock_guard lock(m_mutex);
    m_samples.append(std::move(sample));
}

LatencyFigures HonestLoad::figures(qint64 fromMs, qint64 toMs) const
{
    LatencyFigures figures;
    QList<double> latencies;
    std::lock_guard lock(m_mutex);
    for (const Sample &sample : m_samples) {
        if (sample.startedMs < fromMs || sample.startedMs > toMs)
            continue;
        ++figures.requests;
        latencies.append(sample.ms);
        if (!sample.ok) {
            ++figures.failures;
            if (figures.firstFailures.size() < 5)
                figures.firstFailures.append(sample.failure);
        }
    }
    figures.p50 = bench::quantile(latencies, 0.50);
    figures.p99 = bench::quantile(latencies, 0.99);
    figures.max = latencies.isEmpty() ? 0 : *std::max_element(latencies.cbegin(), latencies.cend());
    return figures;
}

RawPeer::RawPeer(const QHostAddress &from, quint16 port, const QElapsedTimer &clock)
    : m_from(from), m_port(port), m_clock(clock), m_socket(std::make_unique<QTcpSocket>())
{
    QObject::connect(m_socket.get(), &QTcpSocket::connected, m_socket.get(), [this] {
        connectedMs = m_clock.elapsed();
        if (onConnected)
            onConnected(*this);
    });
    QObject::connect(m_socket.get(), &QTcpSocket::readyRead, m_socket.get(),
                     [this] { onReadyRead(); });
    QObject::connect(m_socket.get(), &QTcpSocket::disconnected, m_socket.get(),
                     [this] { onClosed(QStringLiteral("closed")); });
    QObject::connect(m_socket.get(), &QTcpSocket::errorOccurred, m_socket.get(),
                     [this](QAbstractSocket::SocketError) { onClosed(m_socket->errorString()); });
}

RawPeer::~RawPeer()
{
    m_socket->disconnect();
    m_socket->abort();
}

void RawPeer::open()
{
    if (!m_socket->bind(m_from)) {
        onClosed(QStringLiteral("cannot bind to %1: %2")
                         .arg(m_from.toString(), m_socket->errorString()));
        return;
    }
    m_socket->connectToHost(QHostAddress(QHostAddress::LocalHost), m_port);
}

void RawPeer::write(const QByteArray &bytes)
{
    if (!isConnected())
        return;
    m_socket->write(bytes);
    sent += bytes.size();
}

void RawPeer::abort()
{
    m_socket->disconnect();
    m_socket->abort();
}

bool RawPeer::isConnected() const
{
    return closedMs < 0 && m_socket->state() == QAbstractSocket::ConnectedState;
}

qint64 RawPeer::bytesToWrite() const
{
    return m_socket->bytesToWrite();
}

void RawPeer::onReadyRead()
{
    m_inbox += m_socket->readAll();
    for (int status = takeAnswer(m_inbox); status != 0; status = takeAnswer(m_inbox)) {
        if (statuses.isEmpty())
            answeredMs = m_clock.elapsed();
        statuses.append(status);
        if (onAnswer)
            onAnswer(*this, status);
    }
}

void RawPeer::onClosed(const QString &why)
{
    if (closedMs >= 0)
        return;
    closedMs = m_clock.elapsed();
    error = why;
}

PeerSlots::PeerSlots(int slots, int connectionsPerSlot, std::chrono::milliseconds pause, Make make)
    : m_connectionsPerSlot(connectionsPerSlot), m_pause(pause), m_make(std::move(make)),
      m_current(std::size_t(slots), nullptr), m_made(std::size_t(slots), 0)
{
    for (int slot = 0; slot < slots; ++slot) {
        m_all.push_back(m_make(slot));
        m_current[std::size_t(slot)] = m_all.back().get();
        m_made[std::size_t(slot)] = 1;
        m_all.back()->open();
    }
    auto *timer = new QTimer;
    m_timer.reset(timer);
    QObject::connect(timer, &QTimer::timeout, [this] { reopen(); });
    timer->start(100);
}

PeerSlots::~PeerSlots() = default;

void PeerSlots::reopen()
{
    if (!m_reopening || m_all.empty())
        return;
    const QElapsedTimer &clock = m_all.front()->clock();
    for (std::size_t slot = 0; slot < m_current.size(); ++slot) {
        RawPeer *peer = m_current[slot];
        if (peer->closedMs < 0 || clock.elapsed() - peer->closedMs < m_pause.count()
            || m_made[slot] >= m_connectionsPerSlot)
            continue;
        m_all.push_back(m_make(int(slot)));
        m_current[slot] = m_all.back().get();
        ++m_made[slot];
        m_all.back()->open();
    }
}

void PeerSlots::stopReopening()
{
    m_reopening = false;
}

QList<RawPeer *> PeerSlots::open() const
{
    QList<RawPeer *> result;
    for (RawPeer *peer : m_current) {
        if (peer->closedMs < 0)
            result.append(peer);
    }
    return result;
}

bool PeerSlots::allClosed() const
{
    return open().isEmpty();
}

void PeerSlots::abortAll()
{
    m_reopening = false;
    for (const auto &peer : m_all)
        peer->abort();
}

int takeAnswer(QByteArray &buffer)
{
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return 0;
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    const QList<QByteArray> statusLine = lines.value(0).trimmed().split(' ');
    qint64 length = 0;
    for (const QByteArray &line : lines.mid(1)) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0
            && line.left(colon).trimmed().compare("content-length", Qt::CaseInsensitive) == 0)
            length = line.mid(colon + 1).trimmed().toLongLong();
    }
    if (buffer.size() < headerEnd + 4 + length)
        return 0;
    buffer.remove(0, headerEnd + 4 + length);
    const int status = statusLine.value(1).toInt();
    return status > 0 ? status : -1; // -1: an answer without a readable status
}

qint64 residentKiB(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    // readAll, not readLine/atEnd: a /proc file reports size 0.
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

RssSampler::RssSampler(qint64 pid) : m_pid(pid), m_peak(residentKiB(pid))
{
    auto *timer = new QTimer;
    m_timer.reset(timer);
    QObject::connect(timer, &QTimer::timeout,
                     [this] { m_peak = std::max(m_peak, residentKiB(m_pid)); });
    timer->start(rssSampleIntervalMs);
}

RssSampler::~RssSampler() = default;

void raiseOpenFileLimit()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

} // namespace inkwell::test
