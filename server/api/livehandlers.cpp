// Live updates and presence: GET /api/v1/capabilities, GET .../live, PUT/DELETE .../presence.
#include "server/api/handlers.h"

namespace inkwell::server {

HttpResponse handleCapabilities(const HandlerContext &)
{
    return errorReply(Error{ErrorCode::NotFound, QStringLiteral("not found")});
}

HttpResponse handleLive(const HandlerContext &, const HttpRequest &, const auth::Principal &,
                        qint64)
{
    return errorReply(Error{ErrorCode::NotFound, QStringLiteral("not found")});
}

HttpResponse handlePresence(const HandlerContext &, const HttpRequest &, const auth::Principal &,
                            qint64)
{
    return errorReply(Error{ErrorCode::NotFound, QStringLiteral("not found")});
}

} // namespace inkwell::server
