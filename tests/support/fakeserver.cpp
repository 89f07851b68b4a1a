#include "support/fakeserver.h"

#include "model/attachment.h"
#include "protocol/codec.h"
#include "protocol/validation.h"
#include "protocol/wireerror.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QSet>

namespace inkwell::test {

namespace {

net::Response answer(int status, QByteArray body)
{
    net::Response response;
    response.status = status;
    response.body = std::move(body);
    response.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    net::classifyHttpResponse(&response);
    return response;
}

net::Response fail(ErrorCode code, const QString &message)
{
    return answer(protocol::httpStatus(code),
                  protocol::encode(protocol::ErrorBody{Error{code, message}}));
}

} // namespace

FakeServer::FakeServer() = default;

QString FakeServer::addUser(const QString &name, const QString &password)
{
    m_passwords.insert(name, password);
    const QString token = QStringLiteral("token-") + name;
    m_tokens.insert(token, name);
    return token;
}

qint64 FakeServer::addBlog(const QString &name)
{
    const qint64 id = m_nextBlog++;
    m_blogs[id].name = name;
    return id;
}

qint64 FakeServer::store(qint64 blogId, const QString &guid, bool deleted,
                         const model::PostFields &fields, const QString &user)
{
    Blog &b = m_blogs[blogId];
    model::Revision &post = b.posts[guid];
    if (post.guid.isEmpty()) {
        post.guid = guid;
        post.createdBy = user;
    }
    post.rev = ++b.counter;
    post.deleted = deleted;
    post.fields = fields;
    post.modifiedBy = user;
    post.modifiedAt = QDateTime::fromSecsSinceEpoch(1700000000 + post.rev, Qt::UTC);
    return post.rev;
}

qint64 FakeServer::writePost(qint64 blogId, const QString &guid, const model::PostFields &fields,
                             const QString &user)
{
    return store(blogId, guid, false, fields, user);
}

qint64 FakeServer::deletePost(qint64 blogId, const QString &guid, const QString &user)
{
    return store(blogId, guid, true, post(blogId, guid).fields, user);
}

void FakeServer::requireResync(qint64 blogId)
{
    // Skips one revision, so that every cursor handed out so far is too old while the cursor a
    // full pull ends with (the counter) is valid.
    Blog &b = m_blogs[blogId];
    b.oldestCursor = ++b.counter;
}

void FakeServer::restore(qint64 blogId, const Blog &backup)
{
    m_blogs[blogId] = backup;
    epoch = QStringLiteral("%1").arg(epoch.toULongLong(nullptr, 16) + 1, 32, 16, QLatin1Char('0'));
}

model::Revision FakeServer::post(qint64 blogId, const QString &guid) const
{
    return m_blogs.value(blogId).posts.value(guid);
}

net::Response FakeServer::handle(const net::Request &request)
{
    const QString path = request.url.path();
    if (path == QLatin1String("/healthz"))
        return answer(200, "{\"status\":\"ok\"}");
    if (path == QLatin1String("/api/v1/session") && request.method == net::Method::Post) {
        auto login = protocol::decodeLoginRequest(request.body);
        if (!login)
            return fail(login.error().code, login.error().message);
        if (!m_passwords.contains(login->username)
            || m_passwords.value(login->username) != login->password)
            return fail(ErrorCode::Unauthorized, QStringLiteral("wrong user name or password"));
        return answer(200,
                      protocol::encode(protocol::LoginResponse{
                              QStringLiteral("token-") + login->username,
                              QDateTime::currentDateTimeUtc().addDays(30)}));
    }
    const QString user = m_tokens.value(request.bearerToken);
    if (user.isEmpty())
        return fail(ErrorCode::Unauthorized, QStringLiteral("missing or unknown token"));
    if (path == QLatin1String("/api/v1/blogs")) {
        protocol::BlogList list;
        for (auto it = m_blogs.cbegin(); it != m_blogs.cend(); ++it)
            list.blogs.append({it.key(), it->name});
        return answer(200, protocol::encode(list));
    }
    static const QRegularExpression route(
            QStringLiteral("^/api/v1/blogs/(\\d+)/(sync|blobs/missing|blobs/([0-9a-f]{64}))$"));
    const auto match = route.match(path);
    if (!match.hasMatch() || !m_blogs.contains(match.captured(1).toLongLong()))
        return fail(ErrorCode::NotFound, QStringLiteral("no such resource"));
    const qint64 blogId = match.captured(1).toLongLong();
    if (match.captured(2) == QLatin1String("sync"))
        return handleSync(blogId, user, request.body);
    if (match.captured(2) == QLatin1String("blobs/missing"))
        return handleMissing(blogId, request.body);
    return handleBlob(blogId, request, match.captured(3));
}

net::Response FakeServer::handleSync(qint64 blogId, const QString &user, const QByteArray &body)
{
    auto decoded = protocol::decodeSyncRequest(body);
    if (!decoded)
        return fail(decoded.error().code, decoded.error().message);
    const protocol::SyncRequest &request = *decoded;
    if (request.changes.size() > maxChangesPerPush)
        return fail(ErrorCode::TooLarge, QStringLiteral("changes: more than the server accepts"));
    Blog &b = m_blogs[blogId];
    const auto cursor = protocol::parseCursor(request.cursor);
    if (!cursor)
        return fail(ErrorCode::Malformed, QStringLiteral("cursor: not a cursor"));
    if (*cursor > 0 && *cursor < b.oldestCursor)
        return fail(ErrorCode::ResyncRequired, QStringLiteral("cursor too old; resync from 0"));
    if (!request.epoch.isEmpty() && request.epoch != epoch)
        return fail(ErrorCode::ResyncRequired, QStringLiteral("the database was restored"));
    if (*cursor > b.counter)
        return fail(ErrorCode::ResyncRequired, QStringLiteral("cursor ahead of the history"));

    protocol::SyncResponse response;
    response.epoch = epoch;
    QSet<qint64> created; // left out of the page below, as the real server does
    // The server's metadata of the version a result names, when the post is still at it.
    const auto describe = [&](protocol::ItemResult *result) {
        const model::Revision &post = b.posts[result->guid];
        if (!resultMetadata || post.rev != result->rev)
            return;
        result->createdBy = post.createdBy;
        result->modifiedBy = post.modifiedBy;
        result->modifiedAt = post.modifiedAt;
    };
    for (const protocol::Change &change : request.changes) {
        protocol::ItemResult result{change.opId, change.guid, protocol::ItemStatus::Applied, 0, {}};
        const auto logged = b.opLog.constFind(change.opId);
        const bool exists = b.posts.contains(change.guid);
        const qint64 current = exists ? b.posts.value(change.guid).rev : 0;
        if (logged != b.opLog.cend() && logged->first == change.guid) {
            result.rev = logged->second;
            if (!replayWithoutMetadata)
                describe(&result);
        } else if (current == change.baseRev) {
            // As inkwell-server: a delete keeps the post's last fields as its tombstone.
            const model::PostFields fields =
                    change.deleted && exists ? b.posts.value(change.guid).fields : change.fields;
            result.rev = store(blogId, change.guid, change.deleted, fields, user);
            b.opLog.insert(change.opId, {change.guid, result.rev});
            if (resultMetadata)
                created.insert(result.rev);
            describe(&result);
            ++appliedWrites;
        } else if (!exists) {
            result.status = protocol::ItemStatus::Rejected;
            result.error = {ErrorCode::NotFound, QStringLiteral("no such post on the server")};
        } else {
            result.status = protocol::ItemStatus::Conflict;
            result.rev = current;
            response.conflicts.append(b.posts.value(change.guid));
        }
        response.results.append(result);
    }

    QList<model::Revision> newer;
    for (const model::Revision &post : std::as_const(b.posts)) {
        if (post.rev > *cursor)
            newer.append(post);
    }
    std::sort(newer.begin(), newer.end(),
              [](const model::Revision &a, const model::Revision &c) { return a.rev < c.rev; });
    const int limit = request.limit > 0 ? std::min(request.limit, pageSize) : pageSize;
    qint64 last = std::max(*cursor, qint64(0));
    for (const model::Revision &post : std::as_const(newer)) {
        if (!created.contains(post.rev) && response.changes.size() == limit) {
            response.more = true;
            break;
        }
        if (!created.contains(post.rev))
            response.changes.append(post);
        last = post.rev;
    }
    response.cursor = protocol::cursorForRevision(response.more ? last : std::max(last, b.counter));
    return answer(200, protocol::encode(response));
}

net::Response FakeServer::handleMissing(qint64 blogId, const QByteArray &body)
{
    auto decoded = protocol::decodeMissingBlobsRequest(body);
    if (!decoded)
        return fail(decoded.error().code, decoded.error().message);
    protocol::MissingBlobsResponse response;
    for (const QString &hash : std::as_const(decoded->hashes)) {
        if (!m_blogs[blogId].blobs.contains(hash))
            response.missing.append(hash);
    }
    return answer(200, protocol::encode(response));
}

net::Response FakeServer::handleBlob(qint64 blogId, const net::Request &request,
                                     const QString &hash)
{
    Blog &b = m_blogs[blogId];
    if (request.method == net::Method::Put) {
        if (model::Attachment::hashOf(request.body) != hash)
            return fail(ErrorCode::HashMismatch, QStringLiteral("body does not match its hash"));
        b.blobs.insert(hash, request.body);
        return answer(201, QByteArray());
    }
    if (!b.blobs.contains(hash))
        return fail(ErrorCode::NotFound, QStringLiteral("no such blob"));
    net::Response response;
    response.status = 200;
    response.headers.append(
            qMakePair(QByteArray("Content-Type"), QByteArray("application/octet-stream")));
    if (request.method == net::Method::Get)
        response.body = b.blobs.value(hash);
    net::classifyHttpResponse(&response);
    return response;
}

} // namespace inkwell::test
