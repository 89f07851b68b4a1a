#include "model/error.h"

#include <QCoreApplication>

namespace inkwell {

QString errorText(ErrorCode code)
{
    // Context "inkwell": the one lupdate gives tr() calls in a function of namespace inkwell.
    auto tr = [](const char *text) { return QCoreApplication::translate("inkwell", text); };
    switch (code) {
    case ErrorCode::None:
        return tr("No error.");
    case ErrorCode::DatabaseOpen:
        return tr("The local database could not be opened.");
    case ErrorCode::DatabaseCorrupt:
        return tr("The local database is damaged and cannot be read.");
    case ErrorCode::DatabaseReadOnly:
        return tr("The local database is read-only; changes cannot be saved.");
    case ErrorCode::DatabaseTooNew:
        return tr("The local database was written by a newer version of Inkwell.");
    case ErrorCode::DatabaseFull:
        return tr("The disk is full; the last change could not be saved.");
    case ErrorCode::DatabaseQuery:
        return tr("The local database reported an error.");
    case ErrorCode::NotFound:
        return tr("The item was not found.");
    case ErrorCode::InvalidArgument:
        return tr("The input is not valid.");
    case ErrorCode::Malformed:
        return tr("The data is malformed.");
    case ErrorCode::TooLarge:
        return tr("The data is too large.");
    case ErrorCode::HashMismatch:
        return tr("The image data does not match its checksum.");
    case ErrorCode::Unauthorized:
        return tr("Please sign in again.");
    case ErrorCode::Forbidden:
        return tr("Your account has no access to this blog.");
    case ErrorCode::Conflict:
        return tr("Someone else changed this post at the same time.");
    case ErrorCode::RateLimited:
        return tr("The server asked to slow down; trying again shortly.");
    case ErrorCode::ServerUnavailable:
        return tr("The server is not reachable right now.");
    case ErrorCode::ServerError:
        return tr("The server reported an error.");
    case ErrorCode::ResyncRequired:
        return tr("The server asked for a full resynchronisation.");
    case ErrorCode::Network:
        return tr("The network connection failed.");
    case ErrorCode::Timeout:
        return tr("The server did not answer in time.");
    case ErrorCode::Cancelled:
        return tr("The operation was cancelled.");
    case ErrorCode::Keychain:
        return tr("The system keychain reported an error.");
    case ErrorCode::KeychainUnavailable:
        return tr("No system keychain is available to store your sign-in.");
    case ErrorCode::Internal:
        return tr("An internal error occurred.");
    }
    return tr("An unknown error occurred.");
}

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::None: return QStringLiteral("none");
    case ErrorCode::DatabaseOpen: return QStringLiteral("database-open");
    case ErrorCode::DatabaseCorrupt: return QStringLiteral("database-corrupt");
    case ErrorCode::DatabaseReadOnly: return QStringLiteral("database-read-only");
    case ErrorCode::DatabaseTooNew: return QStringLiteral("database-too-new");
    case ErrorCode::DatabaseFull: return QStringLiteral("database-full");
    case ErrorCode::DatabaseQuery: return QStringLiteral("database-query");
    case ErrorCode::NotFound: return QStringLiteral("not-found");
    case ErrorCode::InvalidArgument: return QStringLiteral("invalid-argument");
    case ErrorCode::Malformed: return QStringLiteral("malformed");
    case ErrorCode::TooLarge: return QStringLiteral("too-large");
    case ErrorCode::HashMismatch: return QStringLiteral("hash-mismatch");
    case ErrorCode::Unauthorized: return QStringLiteral("unauthorized");
    case ErrorCode::Forbidden: return QStringLiteral("forbidden");
    case ErrorCode::Conflict: return QStringLiteral("conflict");
    case ErrorCode::RateLimited: return QStringLiteral("rate-limited");
    case ErrorCode::ServerUnavailable: return QStringLiteral("server-unavailable");
    case ErrorCode::ServerError: return QStringLiteral("server-error");
    case ErrorCode::ResyncRequired: return QStringLiteral("resync-required");
    case ErrorCode::Network: return QStringLiteral("network");
    case ErrorCode::Timeout: return QStringLiteral("timeout");
    case ErrorCode::Cancelled: return QStringLiteral("cancelled");
    case ErrorCode::Keychain: return QStringLiteral("keychain");
    case ErrorCode::KeychainUnavailable: return QStringLiteral("keychain-unavailable");
    case ErrorCode::Internal: return QStringLiteral("internal");
    }
    return QStringLiteral("unknown");
}

} // namespace inkwell
