#pragma once

#include "model/error.h"
#include "model/result.h"
#include "model/revision.h"
#include "protocol/limits.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <initializer_list>
#include <optional>

// Internal to the protocol library: the strict, typed reading of JSON values that every
// decoder shares. Each reader keeps the first error, prefixed with the JSON path.
namespace inkwell::protocol::detail {

enum class Presence { Required, Optional };

// Parses one JSON document after checking its size and nesting against the limits, and that it
// has no duplicate keys and no invalid UTF-8 (checkJsonText).
// Responses may be larger than requests, hence the explicit byte limit.
std::optional<QJsonObject> parseObject(const QByteArray &json, qint64 maxBytes,
                                       const Limits &limits, Error *error);

class ObjectReader
{
public:
    ObjectReader(const QJsonObject &object, QString path, const Limits &limits, Error *error);

    // Fails on any key not in `allowed` (unknown fields are rejected, not ignored).
    bool onlyKeys(std::initializer_list<const char *> allowed);
    bool has(const char *key) const;

    bool string(const char *key, QString *out, int maxLength, Presence presence);
    bool integer(const char *key, qint64 *out, qint64 minimum, qint64 maximum, Presence presence);
    bool boolean(const char *key, bool *out, Presence presence);
    bool array(const char *key, QJsonArray *out, int maxItems, Presence presence);
    bool object(const char *key, QJsonObject *out, Presence presence);

    QString pathOf(const char *key) const;
    bool fail(ErrorCode code, const QString &message);
    // Fails with "path.key: message".
    bool fail(const char *key, ErrorCode code, const QString &message);
    const Limits &limits() const { return m_limits; }

private:
    const QJsonValue *lookup(const char *key, Presence presence);

    QJsonObject m_object;
    QString m_path;
    const Limits &m_limits;
    Error *m_error;
    QJsonValue m_current;
};

// Reads the elements of an array as strings of at most maxLength characters.
bool stringArray(const QJsonArray &array, const QString &path, int maxLength, QStringList *out,
                 Error *error);
// Path of an array element, e.g. "changes[3]".
QString elementPath(const QString &arrayPath, qsizetype index);
// A client-supplied name made safe to echo in an error message: short, printable, valid text.
QString printable(const QString &name);
// Sets *error to a Malformed/TooLarge error with "path: message" and returns false.
bool setError(Error *error, ErrorCode code, const QString &path, const QString &message);

// The post object of sync answers, conflicts and history (encode.cpp, decode.cpp).
QJsonObject revisionObject(const model::Revision &revision);
QString timestamp(const QDateTime &time);
bool readRevision(const QJsonValue &value, const QString &path, const Limits &limits,
                  model::Revision *revision, Error *error);
bool readTimestamp(ObjectReader &reader, const char *key, QDateTime *out);
bool readGuid(ObjectReader &reader, QString *guid);

// Reads the array `key` with `readOne(value, path, limits, &item, error)` for each element.
template<typename T, typename ReadOne>
bool readList(ObjectReader &reader, const char *key, int maxItems, Presence presence, QList<T> *out,
              ReadOne readOne, Error *error)
{
    QJsonArray array;
    if (!reader.array(key, &array, maxItems, presence))
        return false;
    out->reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        T item;
        if (!readOne(array.at(i), elementPath(reader.pathOf(key), i), reader.limits(), &item,
                     error))
            return false;
        out->append(std::move(item));
    }
    return true;
}

// Parses the document and runs `read` on its top-level object; returns the value or the error.
enum class Direction { Request, Response };

template<typename T, typename Read>
Result<T> decodeWith(const QByteArray &json, const Limits &limits, Read read,
                     Direction direction = Direction::Request)
{
    Error error;
    const qint64 maxBytes =
            direction == Direction::Request ? limits.maxDocumentBytes : limits.maxResponseBytes;
    const std::optional<QJsonObject> object = parseObject(json, maxBytes, limits, &error);
    if (!object)
        return error;
    T value;
    ObjectReader reader(*object, {}, limits, &error);
    if (!read(reader, &value, &error))
        return error;
    return value;
}

} // namespace inkwell::protocol::detail
