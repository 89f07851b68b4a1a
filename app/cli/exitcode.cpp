#include "exitcode.h"

namespace inkwell::cli {

ExitCode exitCodeFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::None:
        return ExitCode::Ok;
    case ErrorCode::DatabaseOpen:
    case ErrorCode::DatabaseCorrupt:
    case ErrorCode::DatabaseReadOnly:
    case ErrorCode::DatabaseTooNew:
    case ErrorCode::DatabaseFull:
    case ErrorCode::DatabaseQuery:
        return ExitCode::LocalData;
    case ErrorCode::NotFound:
        return ExitCode::NotFound;
    case ErrorCode::InvalidArgument:
        return ExitCode::Usage;
    case ErrorCode::Unauthorized:
    case ErrorCode::Forbidden:
        return ExitCode::NotSignedIn;
    case ErrorCode::Network:
    case ErrorCode::Timeout:
    case ErrorCode::ServerUnavailable:
    case ErrorCode::RateLimited:
        return ExitCode::Unreachable;
    case ErrorCode::Conflict:
        return ExitCode::Conflicts;
    case ErrorCode::Keychain:
    case ErrorCode::KeychainUnavailable:
        return ExitCode::Keychain;
    default:
        return ExitCode::Failure;
    }
}

} // namespace inkwell::cli
