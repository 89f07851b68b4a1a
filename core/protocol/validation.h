#pragma once

#include "model/postfields.h"
#include "model/result.h"
#include "protocol/limits.h"

#include <QString>

#include <optional>

namespace inkwell::protocol {

// True for a lower-case canonical UUID without braces (the post guid form).
bool isValidGuid(const QString &guid);
// True for 64 lower-case hexadecimal digits (a SHA-256 in the blob and attachment form).
bool isValidSha256(const QString &hash);
// True for 1..maxLength characters of [A-Za-z0-9._:-] (an op_id chosen by the client).
bool isValidOpId(const QString &opId, int maxLength);

// True for 32 lower-case hexadecimal digits (128 bits: the identity of a server database).
bool isValidEpoch(const QString &epoch);

// Cursors are opaque strings to clients; the server writes the decimal revision. An empty
// cursor means "from the start". Returns nothing for a string that is no cursor.
std::optional<qint64> parseCursor(const QString &cursor);
QString cursorForRevision(qint64 rev);

// Checks post content against the limits: title/body length, tag count, each tag 1..maxTagLength
// characters and no duplicates, cover empty or a SHA-256. Fails with TooLarge or InvalidArgument.
Result<void> validateFields(const model::PostFields &fields, const Limits &limits);

} // namespace inkwell::protocol
