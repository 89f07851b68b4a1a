#pragma once

#include <QLoggingCategory>

namespace inkwell::store {

Q_DECLARE_LOGGING_CATEGORY(lcStore)

} // namespace inkwell::store
