#include "server/api/apilogging.h"

namespace inkwell::server {
Q_LOGGING_CATEGORY(lcServerApi, "inkwell.server.api")
}
