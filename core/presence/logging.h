#pragma once

#include <QLoggingCategory>

namespace inkwell::presence {

// "inkwell.presence": presence reports sent and refused (paths only, never tokens).
Q_DECLARE_LOGGING_CATEGORY(lcPresence)

} // namespace inkwell::presence
