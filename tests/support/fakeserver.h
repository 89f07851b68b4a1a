#pragma once

#include "model/revision.h"
#include "net/request.h"
#include "net/response.h"

#include <QHash>
#include <QMap>
#include <QString>

namespace inkwell::test {

// An in-memory Inkwell server with the rules of DESIGN.md (per-blog revision counter, base_rev
// compare-and-swap, idempotent op_ids, conflicts carrying the server's version, paged pulls,
// content-addressed blobs). Tests read and change its state directly, like Nextcloud's FileInfo.
class FakeServer
{
public:
    struct Blog
    {
        QString name;
        qint64 counter = 0;
        qint64 oldestCursor = 0; // cursors below this (but > 0) need a resync from 0
        QMap<QString, model::Revision> posts; // by guid
        QHash<QString, QByteArray> blobs; // sha256 -> bytes
        QHash<QString, QPair<QString, qint64>> opLog; // op_id -> (guid, applied rev)
    };

    FakeServer();

    // Creates a user (password) and returns its bearer token; every user belongs to every blog.
    QString addUser(const QString &name, const QString &password = QStringLiteral("secret"));
    qint64 addBlog(const QString &name);

    // Writes a post as another client would; returns the new rev.
    qint64 writePost(qint64 blog, const QString &guid, const model::PostFields &fields,
                     const QString &user = QStringLiteral("other"));
    qint64 deletePost(qint64 blog, const QString &guid,
                      const QString &user = QStringLiteral("other"));
    // Forgets the history: any cursor the clients hold now needs a resync from 0.
    void requireResync(qint64 blog);
    // Puts back an earlier copy of the blog (its posts, counter and op log), as restoring a
    // backup does, and gives the server a new epoch like `inkwell-server backup` copies have.
    void restore(qint64 blog, const Blog &backup);

    const Blog &blog(qint64 id) const { return m_blogs.find(id).value(); }
    Blog &blog(qint64 id) { return m_blogs[id]; }
    model::Revision post(qint64 blog, const QString &guid) const;

    // Server-side page size for pulls (the client may ask for less).
    int pageSize = 100;
    // More changes in one sync request are refused with 413 TooLarge.
    int maxChangesPerPush = 500;
    // The database identity every sync answer carries; a request with another one gets
    // resync-required. Empty: a server from before epochs (answers carry none).
    QString epoch = QStringLiteral("00000000000000000000000000000001");
    // Applied results carry the server's metadata and their revisions are left out of the same
    // answer's page. false: a server that predates this (no metadata, every revision echoed).
    bool resultMetadata = true;
    // A replayed op_id is answered without metadata (as after its post changed on the server).
    bool replayWithoutMetadata = false;
    // How many sync changes were applied (not replayed) in total: a replay must not count.
    int appliedWrites = 0;

    // Answers one request exactly as the real server would (status, JSON error bodies).
    net::Response handle(const net::Request &request);

private:
    net::Response handleSync(qint64 blog, const QString &user, const QByteArray &body);
    net::Response handleMissing(qint64 blog, const QByteArray &body);
    net::Response handleBlob(qint64 blog, const net::Request &request, const QString &hash);
    qint64 store(qint64 blog, const QString &guid, bool deleted, const model::PostFields &fields,
                 const QString &user);

    QHash<QString, QString> m_passwords; // user -> password
    QHash<QString, QString> m_tokens; // token -> user
    QMap<qint64, Blog> m_blogs;
    qint64 m_nextBlog = 1;
};

} // namespace inkwell::test
