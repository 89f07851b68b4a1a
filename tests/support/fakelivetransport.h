#pragma once

#include "net/transport.h"
#include "protocol/live.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

#include <optional>

class QTimer;

namespace inkwell::test {

class FakeServer;

// Serves GET /api/v1/capabilities and GET /api/v1/blogs/{id}/live from a FakeServer the way the
// real server does: a poll whose rev or presence token differs from the blog's (no token differs
// from any) answers at once,
// otherwise it is parked until wake() or its timeout. Answers arrive from the event loop; the
// capabilities answer and poll failures can be set per test. Other paths answer 404.
class FakeLiveTransport final : public QObject, public net::Transport
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeLiveTransport)

public:
    explicit FakeLiveTransport(FakeServer *server, QObject *parent = nullptr);
    ~FakeLiveTransport() override;

    // 200 with these features (the default: live and presence), or 404 when unset (an older
    // server).
    std::optional<QStringList> features =
            QStringList{QString::fromLatin1(protocol::kFeatureLive),
                        QString::fromLatin1(protocol::kFeaturePresence)};
    // The presence the polls of a blog report, and its token (change both, then wake()).
    QHash<qint64, QList<protocol::PresenceEntry>> presence;
    QHash<qint64, QString> presenceTokens;
    // The Retry-After of 503 and 429 answers.
    int retryAfterSeconds = 0;

    // The next count polls fail: with this HTTP status, as a refused connection when 0, or with
    // a 200 whose body is cut in half when 200.
    void failPolls(int count, int status = 0);

    RequestId send(const net::Request &request, QObject *context, Callback done) override;
    void cancel(RequestId id) override;

public Q_SLOTS:
    // Answers every parked poll whose blog changed (revision or presence) since it was sent.
    void wake();
    // Every parked poll fails as a dropped connection (the server stopped).
    void dropParked();

public:
    QList<net::Request> requests; // every request sent, in order
    int parkedCount() const { return int(m_parked.size()); }
    // The rev parameter of the parked poll of blog, or -1 when none is parked.
    qint64 parkedRevision(qint64 blog) const;
    int pollCount() const;

private:
    struct Parked
    {
        RequestId id;
        qint64 blog;
        qint64 rev;
        QString token;
    };
    struct Pending
    {
        QPointer<QObject> context;
        Callback done;
    };
    net::Response liveAnswer(qint64 blog) const;
    bool changed(const Parked &parked) const;
    void deliverLater(RequestId id, const net::Response &response);
    void answerParked(RequestId id);

    FakeServer *m_server;
    QHash<RequestId, Pending> m_pending;
    QList<Parked> m_parked;
    RequestId m_nextId = 1;
    int m_failures = 0;
    int m_failureStatus = 0;
};

} // namespace inkwell::test
