#pragma once

#include <QLoggingCategory>

namespace inkwell::server::auth {
Q_DECLARE_LOGGING_CATEGORY(lcServerAuth)
}
