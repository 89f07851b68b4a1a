#include "store/storelogging.h"

namespace inkwell::store {

Q_LOGGING_CATEGORY(lcStore, "inkwell.store")

} // namespace inkwell::store
