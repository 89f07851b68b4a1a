#pragma once

#include <QMetaType>
#include <QString>

namespace inkwell {

// What went wrong, as a code the program can act on. User-facing text comes from errorText().
enum class ErrorCode {
    None,
    // local database
    DatabaseOpen,
    DatabaseCorrupt,
    DatabaseReadOnly,
    DatabaseTooNew,
    DatabaseFull,
    DatabaseQuery,
    // input and lookups
    NotFound,
    InvalidArgument,
    Malformed,
    TooLarge,
    HashMismatch,
    // server answers
    Unauthorized,
    Forbidden,
    Conflict,
    RateLimited,
    ServerUnavailable,
    ServerError,
    ResyncRequired,
    // transport and platform
    Network,
    Timeout,
    Cancelled,
    Keychain,
    KeychainUnavailable,
    Internal,
};

// An error code with a technical message for logs; never carries secrets.
struct Error
{
    ErrorCode code = ErrorCode::None;
    QString message;

    friend bool operator==(const Error &, const Error &) = default;
};

// The sentence shown to a writer for an error code, translated.
QString errorText(ErrorCode code);

// Stable lower-case name of a code ("database-corrupt"), for logs, JSON and the CLI.
QString errorCodeName(ErrorCode code);

} // namespace inkwell

Q_DECLARE_METATYPE(inkwell::Error)
