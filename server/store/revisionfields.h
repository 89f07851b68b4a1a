#pragma once

#include "model/postfields.h"

#include <QByteArray>
#include <optional>

// Internal to the server store: how post_revisions keeps a revision's fields.
namespace inkwell::server::store {

// The stored form of a revision's fields JSON: as it is (encoding 0) or zlib-compressed
// (encoding 1, qCompress's form), whichever the writer chose.
struct StoredFields
{
    int encoding = 0;
    QByteArray bytes;
};

// Compresses the JSON when it is long enough for that to pay off.
StoredFields storedFields(const QByteArray &json);
// The fields of a stored revision; nullopt for an unknown encoding or bytes that do not
// decompress (never a guess).
std::optional<model::PostFields> fieldsFromStored(int encoding, const QByteArray &bytes);

} // namespace inkwell::server::store
