#include "server/store/revisionfields.h"

#include "protocol/limits.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>

#include <memory>
#include <zstd.h>

namespace inkwell::server::store {

namespace {

enum Encoding : int { Plain = 0, Zlib = 1, Zstd = 2 };

// Shorter fields gain too little from compression to be worth the time on the push path.
constexpr qsizetype compressFrom = 512;
// zstd's level 1: on a revision of real prose (2 KiB of JSON) the same size as qCompress at
// zlib's fastest level, in a small fraction of its time (docs/benchmarks.md, "History
// compression").
constexpr int compressionLevel = 1;
// A stored revision decompresses to at most one answer of the protocol: a damaged row's header
// cannot make the server allocate more.
constexpr quint64 maxFieldsBytes = quint64(protocol::Limits{}.maxResponseBytes);

// One context per thread for each direction: a context keeps its tables between revisions, so a
// push of a thousand revisions allocates them once (the server runs requests on a thread pool).
ZSTD_CCtx *compressionContext()
{
    thread_local const std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> context(
            ZSTD_createCCtx(), &ZSTD_freeCCtx);
    return context.get();
}

ZSTD_DCtx *decompressionContext()
{
    thread_local const std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> context(
            ZSTD_createDCtx(), &ZSTD_freeDCtx);
    return context.get();
}

std::optional<QByteArray> zstdCompress(const QByteArray &json)
{
    ZSTD_CCtx *context = compressionContext();
    if (!context)
        return std::nullopt;
    QByteArray out(qsizetype(ZSTD_compressBound(size_t(json.size()))), Qt::Uninitialized);
    const size_t written =
            ZSTD_compressCCtx(context, out.data(), size_t(out.size()), json.constData(),
                              size_t(json.size()), compressionLevel);
    if (ZSTD_isError(written))
        return std::nullopt;
    out.truncate(qsizetype(written));
    return out;
}

// The frame must say how long its content is (this server's frames always do), within
// maxFieldsBytes.
QByteArray zstdDecompress(const QByteArray &bytes)
{
    const unsigned long long size =
            ZSTD_getFrameContentSize(bytes.constData(), size_t(bytes.size()));
    if (size == ZSTD_CONTENTSIZE_UNKNOWN || size == ZSTD_CONTENTSIZE_ERROR || size == 0
        || size > maxFieldsBytes)
        return {};
    ZSTD_DCtx *context = decompressionContext();
    if (!context)
        return {};
    QByteArray json(qsizetype(size), Qt::Uninitialized);
    const size_t read = ZSTD_decompressDCtx(context, json.data(), size_t(json.size()),
                                            bytes.constData(), size_t(bytes.size()));
    if (ZSTD_isError(read) || read != size)
        return {};
    return json;
}

// qCompress's form starts with the content's length (4 bytes, big-endian): held to
// maxFieldsBytes before qUncompress allocates it.
QByteArray zlibDecompress(const QByteArray &bytes)
{
    if (bytes.size() < 4 || qFromBigEndian<quint32>(bytes.constData()) > maxFieldsBytes)
        return {};
    return qUncompress(bytes);
}

} // namespace

StoredFields storedFields(const QByteArray &json)
{
    if (json.size() >= compressFrom) {
        std::optional<QByteArray> compressed = zstdCompress(json);
        if (compressed && compressed->size() < json.size())
            return StoredFields{Zstd, std::move(*compressed)};
    }
    return StoredFields{Plain, json};
}

std::optional<model::PostFields> fieldsFromStored(int encoding, const QByteArray &bytes)
{
    QByteArray json;
    switch (encoding) {
    case Plain:
        json = bytes;
        break;
    case Zlib:
        json = zlibDecompress(bytes);
        break;
    case Zstd:
        json = zstdDecompress(bytes);
        break;
    default:
        break;
    }
    if (json.isEmpty())
        return std::nullopt;
    return model::PostFields::fromJsonText(json);
}

} // namespace inkwell::server::store
