#pragma once

#include <QLoggingCategory>

namespace inkwell::net {

// "inkwell.net": requests (method and path, never tokens or bodies), credential store and
// connectivity events.
Q_DECLARE_LOGGING_CATEGORY(lcNet)

} // namespace inkwell::net
