#include "server/api/serverconfig.h"

namespace inkwell::server {

protocol::Limits ServerConfig::protocolLimits() const
{
    protocol::Limits limits;
    limits.maxDocumentBytes = maxBodyBytes;
    limits.maxChangesPerPush = maxChangesPerPush;
    return limits;
}

} // namespace inkwell::server
