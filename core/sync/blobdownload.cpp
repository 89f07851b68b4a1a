#include "sync/blobdownload.h"

#include "model/attachment.h"
#include "net/request.h"
#include "net/response.h"
#include "store/attachmentrepository.h"
#include "store/localstore.h"
#include "sync/retryingsender.h"
#include "sync/syncaccount.h"
#include "sync/syncoptions.h"

#include <memory>

namespace inkwell::sync {

void downloadBlob(RetryingSender *sender, store::LocalStore &store, const SyncAccount &account,
                  const SyncOptions &options, qint64 blog, const QString &sha256,
                  std::function<void(const Result<void> &)> done)
{
    net::Request request;
    request.method = net::Method::Get;
    request.url = account.blogEndpoint(blog, QStringLiteral("/blobs/") + sha256);
    request.bearerToken = account.token;
    request.timeout = options.requestTimeout;
    store::LocalStore *target = &store;
    auto mismatched = std::make_shared<bool>(false);
    sender->send(
            request,
            [target, sha256, mismatched](const net::Response &response) -> Result<void> {
                model::Attachment attachment;
                attachment.sha256 = sha256;
                attachment.size = response.body.size();
                attachment.mimeType = QString::fromLatin1(response.header("Content-Type"));
                if (attachment.mimeType == QLatin1String("application/octet-stream"))
                    attachment.mimeType.clear();
                attachment.data = response.body;
                // addVerified() hashes the bytes (once) and refuses what does not match.
                auto stored = target->attachments().addVerified(attachment);
                *mismatched = !stored && stored.error().code == ErrorCode::HashMismatch;
                if (*mismatched) {
                    // Cut off or damaged on the way: worth another try, never worth storing.
                    return Error{ErrorCode::Malformed,
                                 QStringLiteral("downloaded image does not match its hash")};
                }
                if (!stored)
                    return stored.error();
                return {};
            },
            [mismatched, done = std::move(done)](const Result<void> &result) {
                if (!result && *mismatched)
                    return done(Error{ErrorCode::HashMismatch, result.error().message});
                done(result);
            });
}

} // namespace inkwell::sync
