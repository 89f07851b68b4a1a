#include "net/logging.h"

namespace inkwell::net {

Q_LOGGING_CATEGORY(lcNet, "inkwell.net")

} // namespace inkwell::net
