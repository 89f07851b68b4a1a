#pragma once

#include "model/error.h"

#include <QString>

namespace inkwell::protocol {

// The stable code sent in an error body ({"error":{"code":...}}), e.g. "resync-required".
QString wireCode(ErrorCode code);
// The ErrorCode for a wire code; unknown codes map to ErrorCode::ServerError.
ErrorCode errorCodeFromWire(const QString &code);
// The HTTP status the server answers with for an error code (400, 401, 403, 404, 409, 412,
// 413, 429, 503; 500 only for Internal/DatabaseQuery).
int httpStatus(ErrorCode code);

} // namespace inkwell::protocol
