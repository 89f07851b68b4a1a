#include "presence/logging.h"

namespace inkwell::presence {

Q_LOGGING_CATEGORY(lcPresence, "inkwell.presence")

} // namespace inkwell::presence
