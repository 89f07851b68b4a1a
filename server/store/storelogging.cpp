#include "server/store/storelogging.h"

namespace inkwell::server::store {
Q_LOGGING_CATEGORY(lcServerStore, "inkwell.server.store")
}
