#pragma once

#include "model/postfields.h"

#include <QByteArray>
#include <optional>

// Internal to the server store: how post_revisions keeps a revision's fields.
namespace inkwell::server::store {

// The stored form of a revision's fields JSON. Encodings: 0 the JSON as it is, 1 zlib (qCompress's
// form, what earlier servers wrote), 2 a zstd frame. This server writes 0 or 2 and reads all
// three, so a database keeps the history earlier servers wrote.
struct StoredFields
{
    int encoding = 0;
    QByteArray bytes;
};

// Compresses the JSON (zstd) when it is long enough for that to pay off.
StoredFields storedFields(const QByteArray &json);
// The fields of a stored revision; nullopt for an unknown encoding or bytes that do not
// decompress within the protocol's largest answer (never a guess).
std::optional<model::PostFields> fieldsFromStored(int encoding, const QByteArray &bytes);

} // namespace inkwell::server::store
