#include "protocol/wireerror.h"

namespace inkwell::protocol {

QString wireCode(ErrorCode code)
{
    return errorCodeName(code);
}

ErrorCode errorCodeFromWire(const QString &code)
{
    static constexpr ErrorCode known[] = {
            ErrorCode::NotFound,          ErrorCode::InvalidArgument, ErrorCode::Malformed,
            ErrorCode::TooLarge,          ErrorCode::HashMismatch,    ErrorCode::Unauthorized,
            ErrorCode::Forbidden,         ErrorCode::Conflict,        ErrorCode::RateLimited,
            ErrorCode::ServerUnavailable, ErrorCode::ServerError,     ErrorCode::ResyncRequired,
            ErrorCode::Timeout,           ErrorCode::Internal,        ErrorCode::DatabaseQuery,
    };
    for (const ErrorCode candidate : known) {
        if (errorCodeName(candidate) == code)
            return candidate;
    }
    return ErrorCode::ServerError;
}

int httpStatus(ErrorCode code)
{
    switch (code) {
    case ErrorCode::None:
        return 200;
    case ErrorCode::NotFound:
        return 404;
    case ErrorCode::InvalidArgument:
    case ErrorCode::Malformed:
    case ErrorCode::HashMismatch:
        return 400;
    case ErrorCode::TooLarge:
        return 413;
    case ErrorCode::Unauthorized:
        return 401;
    case ErrorCode::Forbidden:
        return 403;
    case ErrorCode::Conflict:
    case ErrorCode::ResyncRequired:
        return 409;
    case ErrorCode::RateLimited:
        return 429;
    case ErrorCode::ServerUnavailable:
    case ErrorCode::DatabaseOpen:
    case ErrorCode::DatabaseFull:
    case ErrorCode::DatabaseReadOnly:
        return 503;
    case ErrorCode::Timeout:
        return 408;
    default:
        return 500;
    }
}

} // namespace inkwell::protocol
