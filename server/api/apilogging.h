#pragma once

#include <QLoggingCategory>

namespace inkwell::server {
Q_DECLARE_LOGGING_CATEGORY(lcServerApi)
}
