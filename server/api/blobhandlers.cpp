// Content-addressed blobs: PUT/HEAD/GET .../blobs/{sha256} and POST .../blobs/missing.
#include "server/api/handlers.h"

#include "protocol/codec.h"
#include "server/api/apilogging.h"
#include "server/store/serverstore.h"

#include <QCryptographicHash>

namespace inkwell::server {

namespace {

HttpResponse emptyReply(int status)
{
    HttpResponse response;
    response.status = status;
    response.contentType.clear();
    return response;
}

HttpResponse putBlob(const HandlerContext &context, const HttpRequest &request, qint64 blogId,
                     const QString &sha256)
{
    if (request.body.size() > context.config.maxBlobBytes)
        return errorReply(Error{
                ErrorCode::TooLarge,
                QStringLiteral("blobs are limited to %1 bytes").arg(context.config.maxBlobBytes)});
    const QString actual = QString::fromLatin1(
            QCryptographicHash::hash(request.body, QCryptographicHash::Sha256).toHex());
    if (actual != sha256)
        return errorReply(Error{ErrorCode::HashMismatch,
                                QStringLiteral("the body's SHA-256 does not match the URL")});
    const Result<bool> present = context.store.hasBlob(blogId, sha256);
    if (!present)
        return errorReply(present.error());
    if (*present)
        return emptyReply(200);
    if (Result<void> stored = context.store.putBlob(blogId, sha256, request.body); !stored)
        return errorReply(stored.error());
    qCDebug(lcServerApi) << "stored a blob of" << request.body.size() << "bytes in blog" << blogId;
    return emptyReply(201);
}

HttpResponse getBlob(const HandlerContext &context, qint64 blogId, const QString &sha256,
                     bool withBody)
{
    if (!withBody) {
        const Result<bool> present = context.store.hasBlob(blogId, sha256);
        if (!present)
            return errorReply(present.error());
        return *present ? emptyReply(200)
                        : errorReply(Error{ErrorCode::NotFound, QStringLiteral("no such blob")});
    }
    const Result<std::optional<QByteArray>> data = context.store.blob(blogId, sha256);
    if (!data)
        return errorReply(data.error());
    if (!*data)
        return errorReply(Error{ErrorCode::NotFound, QStringLiteral("no such blob")});
    HttpResponse response;
    response.contentType = QByteArrayLiteral("application/octet-stream");
    response.body = **data;
    response.headers.append({QByteArrayLiteral("cache-control"),
                             QByteArrayLiteral("private, max-age=31536000, immutable")});
    return response;
}

} // namespace

HttpResponse handleBlob(const HandlerContext &context, const HttpRequest &request,
                        const auth::Principal &principal, qint64 blogId, const QString &sha256)
{
    if (Result<void> member = requireMember(context, principal, blogId); !member)
        return errorReply(member.error());
    if (request.method == "PUT")
        return putBlob(context, request, blogId, sha256);
    return getBlob(context, blogId, sha256, request.method == "GET");
}

HttpResponse handleMissingBlobs(const HandlerContext &context, const HttpRequest &request,
                                const auth::Principal &principal, qint64 blogId)
{
    if (Result<void> member = requireMember(context, principal, blogId); !member)
        return errorReply(member.error());
    const Result<protocol::MissingBlobsRequest> missing =
            protocol::decodeMissingBlobsRequest(request.body, context.config.protocolLimits());
    if (!missing)
        return errorReply(missing.error());
    const Result<QStringList> absent = context.store.missingBlobs(blogId, missing->hashes);
    if (!absent)
        return errorReply(absent.error());
    return jsonReply(protocol::encode(protocol::MissingBlobsResponse{*absent}));
}

} // namespace inkwell::server
