#include "loadclient.h"

#include "protocol/codec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QUuid>

#include <optional>

namespace inkwell::bench {

namespace {

constexpr int changesPerRound = 10;

// What a load client needs of a sync answer: its cursor and `more`, after checking that every
// pushed change was applied. The posts in it are not decoded: real clients do that on their own
// machines, while this generator shares the server's two cores (decoding every revision took
// about 60% of its CPU). The protocol decoder has its own tests and fuzzing.
struct Answer
{
    QString cursor;
    bool more = false;
};

std::optional<Answer> readAnswer(const QByteArray &body, qsizetype pushed)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    const QJsonObject object = document.object();
    const QJsonArray results = object.value(QLatin1String("results")).toArray();
    if (results.size() != pushed)
        return std::nullopt;
    for (const QJsonValue &result : results) {
        if (result.toObject().value(QLatin1String("status")).toString() != QLatin1String("applied"))
            return std::nullopt;
    }
    const QJsonValue cursor = object.value(QLatin1String("cursor"));
    const QJsonValue more = object.value(QLatin1String("more"));
    if (!cursor.isString() || !more.isBool())
        return std::nullopt;
    return Answer{cursor.toString(), more.toBool()};
}

// The value of Content-Length in a lower-cased header block; 0 when absent.
qsizetype contentLength(const QByteArray &header)
{
    const qsizetype field = header.indexOf("\r\ncontent-length:");
    if (field < 0)
        return 0;
    const qsizetype start = field + 17;
    const qsizetype end = header.indexOf('\r', start);
    return header.mid(start, end < 0 ? -1 : end - start).trimmed().toLongLong();
}

} // namespace

LoadClient::LoadClient(LoadClientSetup setup, const QElapsedTimer *clock, qint64 endMs,
                       LoadTally *tally)
    : m_setup(std::move(setup)), m_clock(clock), m_endMs(endMs), m_tally(tally)
{
    m_head = "POST /api/v1/blogs/" + QByteArray::number(m_setup.blog)
            + "/sync HTTP/1.1\r\nHost: " + m_setup.server.authority().toLatin1()
            + "\r\nContent-Type: application/json\r\nAuthorization: Bearer " + m_setup.token
            + "\r\nContent-Length: ";
    connect(&m_socket, &QTcpSocket::readyRead, this, &LoadClient::onReadyRead);
    connect(&m_socket, &QTcpSocket::disconnected, this, &LoadClient::onDisconnected);
}

LoadClient::~LoadClient() = default;

void LoadClient::start(std::function<void()> finished)
{
    m_finished = std::move(finished);
    connectToServer();
    if (m_setup.interval.count() == 0)
        return startRound();
    m_dueMs = m_setup.phase.count();
    const qint64 wait = m_dueMs - m_clock->elapsed();
    QTimer::singleShot(std::max<qint64>(0, wait), Qt::PreciseTimer, this, &LoadClient::startRound);
}

void LoadClient::startRound()
{
    if (m_clock->elapsed() >= m_endMs)
        return finish();
    ++m_tally->rounds;
    push();
}

// The last round is answered: a closed loop starts the next at once, a paced client when due.
void LoadClient::scheduleRound()
{
    if (m_setup.interval.count() == 0)
        return startRound();
    m_dueMs += m_setup.interval.count();
    if (m_dueMs >= m_endMs)
        return finish();
    const qint64 wait = m_dueMs - m_clock->elapsed();
    if (wait > 0) {
        QTimer::singleShot(wait, Qt::PreciseTimer, this, &LoadClient::startRound);
        return;
    }
    ++m_tally->lateRounds;
    m_late = true;
    startRound();
}

void LoadClient::finish()
{
    m_socket.disconnectFromHost();
    if (auto finished = std::exchange(m_finished, nullptr))
        finished();
}

void LoadClient::push()
{
    protocol::SyncRequest request;
    request.cursor = m_cursor;
    for (int i = 0; i < changesPerRound; ++i) {
        protocol::Change change;
        change.opId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        change.guid = QUuid::createUuid().toString(QUuid::WithoutBraces);
        change.fields.title = QStringLiteral("Load %1").arg(m_round);
        change.fields.body = QStringLiteral("Some text of a post under load. ").repeated(10);
        request.changes.append(change);
    }
    ++m_round;
    // A round that starts late (the last one ran over) counts from when it was due.
    const qint64 nowNs = m_clock->nsecsElapsed();
    const qint64 startedNs = std::exchange(m_late, false) ? m_dueMs * 1'000'000 : nowNs;
    send(protocol::encode(request), true, std::min(nowNs, startedNs));
}

void LoadClient::pull()
{
    protocol::SyncRequest request;
    request.cursor = m_cursor;
    send(protocol::encode(request), false, m_clock->nsecsElapsed());
}

void LoadClient::send(const QByteArray &body, bool pushing, qint64 startedNs)
{
    if (m_socket.state() == QAbstractSocket::UnconnectedState)
        connectToServer(); // the server closed the last one
    m_pushing = pushing;
    m_buffer.clear();
    m_startedNs = startedNs;
    m_inFlight = true;
    m_socket.write(m_head + QByteArray::number(body.size()) + "\r\n\r\n" + body);
}

void LoadClient::connectToServer()
{
    if (!m_setup.source.isNull())
        m_socket.bind(m_setup.source);
    m_socket.connectToHost(m_setup.server.host(), quint16(m_setup.server.port()));
}

// Parses one Content-Length framed answer once all of it has arrived.
void LoadClient::onReadyRead()
{
    m_buffer += m_socket.readAll();
    const qsizetype headerEnd = m_buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return;
    const QByteArray header = m_buffer.left(headerEnd).toLower();
    const qsizetype length = contentLength(header);
    if (m_buffer.size() < headerEnd + 4 + length)
        return;
    m_tally->latencies.append(double(m_clock->nsecsElapsed() - m_startedNs) / 1e6);
    m_inFlight = false;
    const bool ok = header.startsWith("http/1.1 200");
    const std::optional<Answer> response =
            readAnswer(m_buffer.mid(headerEnd + 4, length), m_pushing ? changesPerRound : 0);
    m_buffer.clear();
    if (header.contains("\r\nconnection: close"))
        m_socket.disconnectFromHost();
    if (!ok || !response) {
        ++m_tally->failures;
        return scheduleRound();
    }
    m_cursor = response->cursor;
    if (m_pushing || response->more)
        return pull();
    scheduleRound();
}

// The connection went away with a request in flight: a failure; go on with a new one.
void LoadClient::onDisconnected()
{
    if (!m_inFlight)
        return;
    m_inFlight = false;
    ++m_tally->failures;
    scheduleRound();
}

} // namespace inkwell::bench
