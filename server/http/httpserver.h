#pragma once

#include "model/result.h"
#include "server/api/httpmessage.h"
#include "server/http/httplimits.h"

#include <QString>

#include <functional>
#include <memory>

namespace inkwell::server {

// Handles one complete request; called on a worker thread, concurrently from several threads.
using RequestHandler = std::function<HttpResponse(const HttpRequest &)>;
// Decides whether a request may be read, from its header alone (the body is empty); called on a
// worker thread once the header is in, before any body byte is read.
using Admitter = std::function<Admission(const HttpRequest &header)>;

// The HTTP/1.1 front of inkwell-server: accepts connections on I/O threads, enforces HttpLimits,
// asks the admitter about each request once its header is in, reads the body of admitted ones,
// hands them to their lane (a bounded worker pool) and writes the answer in one write.
// Thread-safe; stop() (or the destructor) drains in-flight requests before returning.
class HttpServer final
{
public:
    HttpServer(HttpLimits limits, RequestHandler handler);
    ~HttpServer();
    HttpServer(const HttpServer &) = delete;
    HttpServer &operator=(const HttpServer &) = delete;

    // Replaces the default admission (every request admitted to the workers, with maxBlobBytes
    // for PUT .../blobs/{sha256} and maxBodyBytes for all else); call before listen().
    void setAdmitter(Admitter admitter);

    // Runs `prepare` once on every handler thread (workers and login lane) when listen() has
    // bound, before the first connection is accepted: e.g. to open each thread's database
    // connection, so the first requests after a start do not queue behind those openings.
    // Call before listen().
    void setWorkerPreparation(std::function<void()> prepare);

    // Binds host:port (port 0 picks a free one) and starts serving. The value is "HOST:PORT"
    // as bound; an error says why the address could not be used.
    Result<QString> listen(const QString &host, quint16 port);

    // The bound port, or 0 before listen().
    quint16 port() const;

    // Stops accepting, closes idle connections, lets in-flight requests finish and be answered
    // (at most one read timeout), then stops every thread. Safe to call more than once.
    void stop();

    // Connections currently open (for tests and logs).
    int openConnections() const;
    // Body bytes reserved by admitted requests not yet answered (for tests and logs).
    qint64 bodyBytesInFlight() const;
    // Reads of request bodies from their sockets since listen() (for tests and logs).
    qint64 bodyReads() const;

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace inkwell::server
