// Post history: GET .../posts/{guid}/revisions and .../revisions/{rev}.
#include "server/api/handlers.h"

namespace inkwell::server {

HttpResponse handleRevisions(const HandlerContext &, const HttpRequest &, const auth::Principal &,
                             qint64, const QString &)
{
    return errorReply(Error{ErrorCode::NotFound, QStringLiteral("not found")});
}

HttpResponse handleRevision(const HandlerContext &, const auth::Principal &, qint64,
                            const QString &, qint64)
{
    return errorReply(Error{ErrorCode::NotFound, QStringLiteral("not found")});
}

} // namespace inkwell::server
