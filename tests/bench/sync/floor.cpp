#include "floor.h"

#include "bench/common/prose.h"
#include "store/localstore.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QUuid>

#include <sqlite3.h>

#include <algorithm>
#include <memory>

namespace inkwell::bench {

namespace {

double sqliteInsert(int rows, int bodyBytes, int blobs, int blobBytes)
{
    QTemporaryDir dir;
    sqlite3 *db = nullptr;
    sqlite3_open(QFile::encodeName(dir.filePath(QStringLiteral("floor.db"))).constData(), &db);
    // The store's page size: the floor is what the same file costs at its barest.
    sqlite3_exec(db,
                 QByteArray("PRAGMA page_size=" + QByteArray::number(store::LocalStore::PageSize))
                         .constData(),
                 nullptr, nullptr, nullptr);
    sqlite3_exec(
            db,
            "PRAGMA journal_mode=WAL; CREATE TABLE posts (guid TEXT PRIMARY KEY, title "
            "TEXT, body TEXT, rev INTEGER); CREATE TABLE blobs (hash TEXT PRIMARY KEY, data BLOB);",
            nullptr, nullptr, nullptr);
    const QByteArray body = bench::Prose(1).body(bodyBytes).left(bodyBytes).toUtf8();
    const QByteArray blob(blobBytes, 'i');
    QElapsedTimer timer;
    timer.start();
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    sqlite3_stmt *insert = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO posts VALUES (?, ?, ?, ?)", -1, &insert, nullptr);
    for (int i = 0; i < rows; ++i) {
        const QByteArray guid = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        const QByteArray title = "Post " + QByteArray::number(i);
        sqlite3_bind_text(insert, 1, guid.constData(), int(guid.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(insert, 2, title.constData(), int(title.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(insert, 3, body.constData(), int(body.size()), SQLITE_STATIC);
        sqlite3_bind_int64(insert, 4, i + 1);
        sqlite3_step(insert);
        sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    sqlite3_prepare_v2(db, "INSERT INTO blobs VALUES (?, ?)", -1, &insert, nullptr);
    for (int i = 0; i < blobs; ++i) {
        const QByteArray hash = QByteArray::number(i);
        sqlite3_bind_text(insert, 1, hash.constData(), int(hash.size()), SQLITE_TRANSIENT);
        sqlite3_bind_blob(insert, 2, blob.constData(), int(blob.size()), SQLITE_STATIC);
        sqlite3_step(insert);
        sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    sqlite3_close(db);
    return ms;
}

// The bytes go out in slices and are dropped as they arrive, so that the floor holds no copy
// of a large pull in memory (which would count in the process's peak RSS).
constexpr qint64 Slice = 1 << 20;

double httpGet(qint64 bytes)
{
    const QByteArray slice(Slice, 'x');
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    QObject::connect(&server, &QTcpServer::newConnection, &server, [&] {
        QTcpSocket *socket = server.nextPendingConnection();
        auto left = std::make_shared<qint64>(bytes);
        auto sendMore = [socket, left, &slice] {
            // Keeps at most two slices queued in the socket.
            while (*left > 0 && socket->bytesToWrite() < 2 * Slice) {
                const qint64 now = std::min(*left, Slice);
                socket->write(slice.constData(), now);
                *left -= now;
            }
        };
        QObject::connect(socket, &QTcpSocket::bytesWritten, socket, sendMore);
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket, sendMore, left] {
            if (!socket->readAll().contains("\r\n\r\n"))
                return;
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                          + QByteArray::number(*left) + "\r\n\r\n");
            sendMore();
        });
    });
    QNetworkAccessManager manager;
    QEventLoop loop;
    QElapsedTimer timer;
    timer.start();
    QNetworkReply *reply = manager.get(QNetworkRequest(
            QUrl(QStringLiteral("http://127.0.0.1:%1/floor").arg(server.serverPort()))));
    qint64 received = 0;
    QObject::connect(reply, &QNetworkReply::readyRead, reply,
                     [reply, &received] { received += reply->readAll().size(); });
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    received += reply->readAll().size();
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    if (received != bytes)
        qWarning("floor GET returned %lld of %lld bytes", received, bytes);
    reply->deleteLater();
    return ms;
}

} // namespace

Floor measureFloor(int rows, int bodyBytes, int blobs, int blobBytes, qint64 bytes)
{
    Floor floor;
    floor.insertMs = sqliteInsert(rows, bodyBytes, blobs, blobBytes);
    floor.getMs = httpGet(std::max<qint64>(bytes, 1));
    return floor;
}

} // namespace inkwell::bench
