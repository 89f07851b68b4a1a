#pragma once

#include <QLoggingCategory>

namespace inkwell::server::store {
Q_DECLARE_LOGGING_CATEGORY(lcServerStore)
}
