#include "server/auth/authlogging.h"

namespace inkwell::server::auth {
Q_LOGGING_CATEGORY(lcServerAuth, "inkwell.server.auth")
}
