#include "server/store/revisionfields.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace inkwell::server::store {

namespace {

// Shorter fields gain too little from zlib (a header and a dictionary built anew) to be
// worth the time on the push path.
constexpr qsizetype compressFrom = 512;
// zlib's fastest level: most of the gain of the default level at a fraction of its time.
constexpr int compressionLevel = 1;

} // namespace

StoredFields storedFields(const QByteArray &json)
{
    if (json.size() >= compressFrom) {
        QByteArray compressed = qCompress(json, compressionLevel);
        if (compressed.size() < json.size())
            return StoredFields{1, std::move(compressed)};
    }
    return StoredFields{0, json};
}

std::optional<model::PostFields> fieldsFromStored(int encoding, const QByteArray &bytes)
{
    QByteArray json;
    if (encoding == 0)
        json = bytes;
    else if (encoding == 1)
        json = qUncompress(bytes);
    if (json.isEmpty())
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return model::PostFields::fromJson(document.object());
}

} // namespace inkwell::server::store
