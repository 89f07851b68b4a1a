#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QUrl>

#include <functional>

class QTcpServer;
class QTcpSocket;

namespace inkwell::test {

// A tiny HTTP/1.1 server on 127.0.0.1 (port chosen by the OS) that answers each request with canned
// bytes, so transport tests can produce exactly the failures they need: resets, hangs, truncation.
class CannedHttpServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CannedHttpServer)

public:
    struct Received
    {
        QByteArray method;
        QByteArray path;
        QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased
        QByteArray body;
        QByteArray header(const QByteArray &name) const;
    };
    struct Reply
    {
        enum class Then { KeepOpen, Close, Reset, Hang };
        QByteArray bytes; // written in one go (no Nagle delay)
        Then then = Then::KeepOpen;
    };
    using Handler = std::function<Reply(const Received &)>;

    explicit CannedHttpServer(QObject *parent = nullptr);
    ~CannedHttpServer() override;

    // Listens on 127.0.0.1; port 0 picks a free one. Returns false when the port is taken.
    bool listen(quint16 port = 0);
    void close();
    quint16 port() const;
    QUrl url(const QString &path = {}) const;

    void setHandler(Handler handler) { m_handler = std::move(handler); }
    const QList<Received> &received() const { return m_received; }
    int connectionCount() const { return m_connections; }

    // A complete response with Content-Length and extra headers.
    static QByteArray response(int status, const QByteArray &body,
                               const QList<QPair<QByteArray, QByteArray>> &headers = {});

Q_SIGNALS:
    void requestReceived();

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);

    QTcpServer *m_server;
    Handler m_handler;
    QList<Received> m_received;
    int m_connections = 0;
};

} // namespace inkwell::test
