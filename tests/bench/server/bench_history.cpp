// bench_history: post history figures of issue 14 against the real inkwell-server binary on
// loopback: listing and reading the revisions of a post with 1,000 of them, and the database
// growth per 10,000 edits of ~2 KiB posts; and, in process, what compressing a revision costs.
// Figures only, no asserts.
// Usage: bench_history [--backend sqlite|postgresql] [--edits N]; PostgreSQL needs
// INKWELL_TEST_POSTGRES (scripts/test-env.sh).
#include "bench/common/prose.h"
#include "benchfigures.h"
#include "protocol/codec.h"
#include "protocol/history.h"
#include "server/http/rawhttp.h"
#include "server/store/revisionfields.h"
#include "server/store/serverstore.h"
#include "support/serverlauncher.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QUrl>
#include <QUuid>

#include <cstdio>

using namespace inkwell;
using inkwell::bench::printFigure;
using inkwell::bench::Prose;
using inkwell::bench::quantile;

namespace {

// A keep-alive HTTP/1.1 connection to the server.
class Connection
{
public:
    explicit Connection(quint16 port)
    {
        m_socket.connectToHost(QStringLiteral("127.0.0.1"), port);
        m_socket.waitForConnected(5000);
    }
    void setToken(const QByteArray &token) { m_token = token; }

    test::RawResponse request(const QByteArray &method, const QByteArray &target,
                              const QByteArray &body = {}, double *ms = nullptr)
    {
        QByteArray head = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        if (!m_token.isEmpty())
            head += "Authorization: Bearer " + m_token + "\r\n";
        if (!body.isEmpty())
            head += "Content-Type: application/json\r\n";
        head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
        QElapsedTimer timer;
        timer.start();
        m_socket.write(head + body);
        test::RawResponse response = test::readResponse(m_socket, std::chrono::seconds(60));
        if (ms)
            *ms = double(timer.nsecsElapsed()) / 1e6;
        return response;
    }

private:
    QTcpSocket m_socket;
    QByteArray m_token;
};

struct Bench
{
    test::ServerLauncher &server;
    Connection &connection;
    qint64 blog = 0;
};

protocol::Change change(const QString &guid, qint64 baseRev, const QString &title,
                        const QString &body)
{
    model::PostFields fields;
    fields.title = title;
    fields.body = body;
    fields.tags = {QStringLiteral("travel"), QStringLiteral("notes")};
    return protocol::Change{QUuid::createUuid().toString(QUuid::WithoutBraces), guid, baseRev,
                            false, fields};
}

// Pushes the changes; returns the revision of each (0 when not applied).
QList<qint64> push(Bench &bench, const QList<protocol::Change> &changes)
{
    protocol::SyncRequest request;
    request.limit = 1;
    request.changes = changes;
    const test::RawResponse reply = bench.connection.request(
            "POST", "/api/v1/blogs/" + QByteArray::number(bench.blog) + "/sync",
            protocol::encode(request));
    QList<qint64> revs(changes.size(), 0);
    const auto response = protocol::decodeSyncResponse(reply.body);
    if (!response) {
        std::printf("push failed: %d %s\n", reply.status, reply.body.left(200).constData());
        return revs;
    }
    for (qsizetype i = 0; i < response->results.size() && i < revs.size(); ++i) {
        if (response->results.at(i).status == protocol::ItemStatus::Applied)
            revs[i] = response->results.at(i).rev;
    }
    return revs;
}

// One post edited 1,000 times, then the list and detail routes timed.
void benchReading(Bench &bench, const QString &label)
{
    Prose prose(7);
    const QString guid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString body = prose.body(2048);
    qint64 rev = 0;
    for (int batch = 0; batch < 2; ++batch) {
        QList<protocol::Change> changes;
        for (int i = 0; i < 500; ++i) {
            body = prose.edit(body);
            changes.append(change(guid, rev + i, QStringLiteral("A long post"), body));
        }
        rev = push(bench, changes).constLast();
    }
    const QByteArray base = "/api/v1/blogs/" + QByteArray::number(bench.blog) + "/posts/"
            + guid.toLatin1() + "/revisions";
    const auto timed = [&](const QByteArray &target, int runs, qsizetype *items) {
        QList<double> samples;
        for (int i = 0; i < runs; ++i) {
            double ms = 0;
            const test::RawResponse reply = bench.connection.request("GET", target, {}, &ms);
            if (reply.status != 200)
                std::printf("%s: status %d\n", target.constData(), reply.status);
            if (items && i == 0) {
                const auto list = protocol::decodeRevisionList(reply.body);
                *items = list ? list->revisions.size() : -1;
            }
            samples.append(ms);
        }
        return samples;
    };
    qsizetype items = 0;
    const QList<double> first = timed(base, 100, &items);
    printFigure(label + QStringLiteral(": list 1,000 revisions, first page (%1) p50").arg(items),
                quantile(first, 0.5), "ms", 100);
    printFigure(label + QStringLiteral(": list 1,000 revisions, first page p95"),
                quantile(first, 0.95), "ms", 100);
    const QList<double> big = timed(base + "?limit=200", 100, &items);
    printFigure(label + QStringLiteral(": list 1,000 revisions, page of %1 p95").arg(items),
                quantile(big, 0.95), "ms", 100);
    const QList<double> old = timed(base + "?before=100&limit=200", 100, &items);
    printFigure(label + QStringLiteral(": list the oldest %1 revisions p95").arg(items),
                quantile(old, 0.95), "ms", 100);
    // All five pages of 200, as a History window that scrolls to the end reads them.
    QList<double> walks;
    for (int run = 0; run < 20; ++run) {
        double total = 0;
        qint64 before = 0;
        for (int page = 0; page < 10; ++page) {
            double ms = 0;
            const QByteArray target = base + "?limit=200"
                    + (before ? "&before=" + QByteArray::number(before) : QByteArray());
            const auto list = protocol::decodeRevisionList(
                    bench.connection.request("GET", target, {}, &ms).body);
            total += ms;
            if (!list || !list->more || list->revisions.isEmpty())
                break;
            before = list->revisions.constLast().rev;
        }
        walks.append(total);
    }
    printFigure(label + QStringLiteral(": list all 1,000 revisions in pages of 200 p95"),
                quantile(walks, 0.95), "ms", 100);
    const QList<double> detail = timed(base + '/' + QByteArray::number(rev - 500), 100, nullptr);
    printFigure(label + QStringLiteral(": read one revision (~2 KiB) p50"), quantile(detail, 0.5),
                "ms", 100);
    printFigure(label + QStringLiteral(": read one revision (~2 KiB) p95"), quantile(detail, 0.95),
                "ms", 100);
}

// The bytes the store holds: SQLite the file (after the server checkpointed and stopped),
// PostgreSQL the relations. Writes the history table's own figures to *history.
struct Sizes
{
    qint64 database = 0;
    qint64 history = 0; // post_revisions with its indexes (PostgreSQL), or its fields' bytes
    qint64 fieldBytes = 0; // the stored (possibly compressed) fields of all revisions
    qint64 rows = 0;
};

Sizes measure(const test::ServerLauncher &server, bool postgres)
{
    Sizes sizes;
    const QString name = QStringLiteral("bench-history-size");
    {
        QSqlDatabase db;
        if (postgres) {
            const QUrl url(server.databaseUrl());
            db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
            db.setHostName(url.host());
            db.setPort(url.port(5432));
            db.setUserName(url.userName());
            db.setPassword(url.password());
            db.setDatabaseName(url.path().mid(1));
        } else {
            const QString path = server.databaseUrl().mid(int(qstrlen("sqlite:")));
            db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(path);
            // Everything into the file first (the server is idle), so its size is the data's.
            if (db.open())
                QSqlQuery(db).exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
            sizes.database = QFileInfo(path).size();
        }
        if (db.isOpen() || db.open()) {
            QSqlQuery query(db);
            if (query.exec(
                        QStringLiteral("SELECT count(*), sum(length(fields)) FROM post_revisions"))
                && query.next()) {
                sizes.rows = query.value(0).toLongLong();
                sizes.fieldBytes = query.value(1).toLongLong();
            }
            if (postgres) {
                query.exec(QStringLiteral("VACUUM"));
                if (query.exec(QStringLiteral("SELECT pg_database_size(current_database()),"
                                              " pg_total_relation_size('post_revisions')"))
                    && query.next()) {
                    sizes.database = query.value(0).toLongLong();
                    sizes.history = query.value(1).toLongLong();
                }
            } else if (query.exec(QStringLiteral(
                               "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'post_revisions%'"
                               " OR name LIKE 'sqlite_autoindex_post_revisions%'"))
                       && query.next()) {
                sizes.history = query.value(0).toLongLong();
            }
        }
    }
    QSqlDatabase::removeDatabase(name);
    return sizes;
}

// `edits` edits of 100 posts of ~2 KiB, 100 per push (one edit of each post).
void benchGrowth(Bench &bench, const QString &label, bool postgres, int edits)
{
    Prose prose(11);
    constexpr int posts = 100;
    QList<QString> guids, bodies;
    QList<qint64> revs(posts, 0);
    for (int i = 0; i < posts; ++i) {
        guids.append(QUuid::createUuid().toString(QUuid::WithoutBraces));
        bodies.append(prose.body(2048));
    }
    QList<protocol::Change> first;
    for (int i = 0; i < posts; ++i)
        first.append(change(guids[i], 0, prose.sentence(), bodies[i]));
    revs = push(bench, first);
    const Sizes before = measure(bench.server, postgres);
    qint64 jsonBytes = 0;
    QElapsedTimer timer;
    timer.start();
    for (int done = 0; done < edits; done += posts) {
        QList<protocol::Change> changes;
        for (int i = 0; i < posts; ++i) {
            bodies[i] = prose.edit(bodies[i]);
            changes.append(change(guids[i], revs[i], QStringLiteral("Post %1").arg(i), bodies[i]));
            jsonBytes += QJsonDocument(changes.constLast().fields.toJson())
                                 .toJson(QJsonDocument::Compact)
                                 .size();
        }
        revs = push(bench, changes);
    }
    const double seconds = double(timer.elapsed()) / 1000;
    const Sizes after = measure(bench.server, postgres);
    const double per10k = 10000.0 / edits;
    const auto mib = [](qint64 bytes) { return double(bytes) / (1024 * 1024); };
    printFigure(label + QStringLiteral(": %1 edits of ~2 KiB posts, pushes of 100").arg(edits),
                seconds, "s");
    printFigure(label + QStringLiteral(": fields JSON per edit (average)"),
                double(jsonBytes) / edits / 1024, "KiB");
    printFigure(label + QStringLiteral(": database growth per 10,000 edits"),
                mib(after.database - before.database) * per10k, "MiB");
    printFigure(label
                        + (postgres ? QStringLiteral(": post_revisions growth per 10,000 edits")
                                    : QStringLiteral(": post_revisions pages per 10,000 edits")),
                mib(after.history - before.history) * per10k, "MiB");
    printFigure(label + QStringLiteral(": fields JSON per 10,000 edits, uncompressed"),
                mib(jsonBytes) * per10k, "MiB");
    printFigure(label + QStringLiteral(": fields as stored per 10,000 edits (zstd level 1)"),
                mib(after.fieldBytes - before.fieldBytes) * per10k, "MiB");
    std::printf("%s: %lld revisions stored\n", qUtf8Printable(label), qlonglong(after.rows));
}

// Compressing and reading back one revision of ~2 KiB of prose, in process: the stored form
// (zstd level 1) against zlib level 1 through qCompress, the form earlier servers wrote, on the
// same 1,000 revisions. Best of five passes, per revision.
void benchCompression()
{
    Prose prose(7);
    QList<QByteArray> revisions;
    for (int i = 0; i < 1000; ++i) {
        model::PostFields fields;
        fields.title = prose.sentence();
        fields.body = prose.body(2048);
        revisions.append(QJsonDocument(fields.toJson()).toJson(QJsonDocument::Compact));
    }
    const auto perRevision = [&revisions](auto &&work) {
        double best = 0;
        for (int pass = 0; pass < 5; ++pass) {
            QElapsedTimer timer;
            timer.start();
            for (const QByteArray &json : std::as_const(revisions))
                work(json);
            const double us = double(timer.nsecsElapsed()) / 1e3 / double(revisions.size());
            best = pass == 0 ? us : std::min(best, us);
        }
        return best;
    };
    qint64 json = 0, zstd = 0, zlib = 0;
    QList<server::store::StoredFields> stored;
    for (const QByteArray &revision : std::as_const(revisions)) {
        json += revision.size();
        stored.append(server::store::storedFields(revision));
        zstd += stored.constLast().bytes.size();
        zlib += qCompress(revision, 1).size();
    }
    const double zstdWrite = perRevision(
            [](const QByteArray &revision) { (void)server::store::storedFields(revision); });
    const double zlibWrite =
            perRevision([](const QByteArray &revision) { (void)qCompress(revision, 1); });
    qsizetype at = 0;
    const double zstdRead = perRevision([&stored, &at](const QByteArray &) {
        const server::store::StoredFields &one = stored.at(at++ % stored.size());
        (void)server::store::fieldsFromStored(one.encoding, one.bytes);
    });
    const auto mib = [](qint64 bytes) { return double(bytes) / (1024 * 1024); };
    std::printf("compression of 1,000 revisions of ~2 KiB prose (%.2f MiB of JSON):\n", mib(json));
    printFigure(QStringLiteral("  store a revision, zstd level 1"), zstdWrite, "us");
    printFigure(QStringLiteral("  store a revision, zlib level 1 (earlier servers)"), zlibWrite,
                "us");
    printFigure(QStringLiteral("  zstd time / zlib time"), zstdWrite / zlibWrite, "x");
    printFigure(QStringLiteral("  stored size / JSON size, zstd"), double(zstd) / double(json),
                "x");
    printFigure(QStringLiteral("  stored size / JSON size, zlib"), double(zlib) / double(json),
                "x");
    printFigure(QStringLiteral("  read a revision back (zstd, JSON parsed)"), zstdRead, "us");
}

// The retention's pass over the history the other figures left (1,000 revisions of one post and
// 100 posts with ~100 each), run on the same database while the server serves it: first
// --history-keep 10, then --history-days with everything old.
void benchPruning(const test::ServerLauncher &server, const QString &label)
{
    auto store = server::store::ServerStore::open(server.databaseUrl(),
                                                  server::store::OpenMode::RequireCurrentSchema);
    if (!store) {
        std::printf("%s: pruning skipped: %s\n", qUtf8Printable(label),
                    qUtf8Printable(store.error().message));
        return;
    }
    const auto pass = [&](const QDateTime &olderThan, int keep, const QString &what) {
        QElapsedTimer timer;
        timer.start();
        qint64 total = 0;
        for (int calls = 0; calls < 10000;
             ++calls) { // as OpPruner: until a call finds no full batch
            const Result<int> deleted = (*store)->pruneRevisions(olderThan, keep, 1000);
            if (!deleted) {
                std::printf("%s: pruning failed: %s\n", qUtf8Printable(label),
                            qUtf8Printable(deleted.error().message));
                return;
            }
            total += *deleted;
            if (*deleted < 1000)
                break;
        }
        printFigure(label + QStringLiteral(": prune %1 (%2 revisions)").arg(what).arg(total),
                    double(timer.nsecsElapsed()) / 1e6, "ms");
    };
    pass(QDateTime(), 10, QStringLiteral("to the 10 newest per post"));
    pass(QDateTime::currentDateTimeUtc().addDays(1), 0, QStringLiteral("all but the newest"));
}

bool run(test::ServerLauncher::Backend backend, const QString &label, int edits)
{
    test::ServerLauncher server(backend);
    if (!server.isAvailable() || !server.start()) {
        std::printf("%s: cannot start the server: %s\n", qUtf8Printable(label),
                    qUtf8Printable(server.errorString()));
        return false;
    }
    server.addUser(QStringLiteral("ada"), QStringLiteral("password1"));
    Connection connection(server.port());
    const test::RawResponse login =
            connection.request("POST", "/api/v1/session",
                               protocol::encode(protocol::LoginRequest{
                                       QStringLiteral("ada"), QStringLiteral("password1")}));
    const auto session = protocol::decodeLoginResponse(login.body);
    if (!session) {
        std::printf("%s: login failed\n", qUtf8Printable(label));
        return false;
    }
    connection.setToken(session->token.toLatin1());
    Bench reading{server, connection,
                  server.addBlog(QStringLiteral("reading"), QStringLiteral("ada"))};
    benchReading(reading, label);
    Bench growth{server, connection,
                 server.addBlog(QStringLiteral("growth"), QStringLiteral("ada"))};
    benchGrowth(growth, label, backend == test::ServerLauncher::Backend::Postgres, edits);
    benchPruning(server, label);
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("post history benchmarks"));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("backend"), QStringLiteral("Only sqlite or postgresql."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("edits"), QStringLiteral("Edits for the growth figure."),
                      QStringLiteral("N"), QStringLiteral("10000")});
    parser.process(app);
    const QString backend = parser.value(QStringLiteral("backend"));
    const int edits = std::max(100, parser.value(QStringLiteral("edits")).toInt());
    benchCompression();
    bool ok = true;
    if (backend != QLatin1String("postgresql"))
        ok &= run(test::ServerLauncher::Backend::Sqlite, QStringLiteral("sqlite"), edits);
    if (backend == QLatin1String("sqlite")) {
        // not asked for
    } else if (test::postgresAdminUrl().isEmpty()) {
        std::printf("postgresql: skipped (INKWELL_TEST_POSTGRES not set; run via "
                    "scripts/test-env.sh)\n");
    } else {
        ok &= run(test::ServerLauncher::Backend::Postgres, QStringLiteral("postgresql"), edits);
    }
    return ok ? 0 : 1;
}
