#pragma once

#include "model/error.h"
#include "model/jsonparse.h"
#include "model/result.h"
#include "model/revision.h"
#include "protocol/limits.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <simdjson.h>

#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string_view>
#include <variant>

// Internal to the protocol library: the strict, typed reading of JSON values that every
// decoder shares. Each reader keeps the first error, prefixed with the JSON path.
namespace inkwell::protocol::detail {

enum class Presence { Required, Optional };

class JsonArray;
class JsonObject;

// A JSON value as the readers see it: an element of simdjson's DOM, which every document simdjson
// reads goes through, or a Qt value (a document only QJsonDocument reads, see JsonDocument, or a
// value built in memory). Decoding straight from simdjson's DOM copies each string once, into
// the QString the wire type keeps, instead of into a QJsonObject tree first: on pages of 2 KiB
// posts that tree was more than half of a decode. A simdjson value lives as long as its document.
// The accessors answer as QJsonValue's do, including for a value of another type.
class JsonValue
{
public:
    JsonValue() = default; // null
    JsonValue(const QJsonValue &value) : m_value(value) { }
    explicit JsonValue(simdjson::dom::element element) : m_value(element) { }

    QJsonValue::Type type() const;
    bool isObject() const { return type() == QJsonValue::Object; }
    bool isArray() const { return type() == QJsonValue::Array; }
    bool isString() const { return type() == QJsonValue::String; }
    bool isDouble() const { return type() == QJsonValue::Double; }
    bool isBool() const { return type() == QJsonValue::Bool; }
    bool isNull() const { return type() == QJsonValue::Null; }

    QString toString() const; // empty unless a string
    double toDouble() const; // 0 unless a number
    bool toBool() const; // false unless a boolean
    JsonObject toObject() const; // empty unless an object
    JsonArray toArray() const; // empty unless an array

private:
    std::variant<QJsonValue, simdjson::dom::element> m_value;
};

class JsonObject
{
public:
    JsonObject() = default;
    JsonObject(const QJsonObject &object) : m_object(object) { }
    explicit JsonObject(simdjson::dom::object object) : m_object(object) { }

    std::optional<JsonValue> value(std::string_view key) const;
    bool contains(std::string_view key) const { return value(key).has_value(); }
    // The first key (in the document's order; a Qt object's are sorted) not in allowed.
    std::optional<QString> unknownKey(std::initializer_list<const char *> allowed) const;

private:
    std::variant<QJsonObject, simdjson::dom::object> m_object;
};

class JsonArray
{
public:
    JsonArray() = default;
    JsonArray(const QJsonArray &array) : m_array(array) { }
    explicit JsonArray(simdjson::dom::array array) : m_array(array) { }

    qsizetype size() const;
    // Calls visit(element, index) for the elements in order, until one returns false; returns
    // whether all returned true.
    bool forEach(const std::function<bool(const JsonValue &, qsizetype)> &visit) const;

private:
    std::variant<QJsonArray, simdjson::dom::array> m_array;
};

// A parsed document: simdjson's DOM, or Qt's values when simdjson refuses the text (see
// model::parseJsonObject), with the checks of parseObject() first.
class JsonDocument
{
public:
    JsonDocument();
    ~JsonDocument();
    JsonDocument(const JsonDocument &) = delete;
    JsonDocument &operator=(const JsonDocument &) = delete;

    // False, with *error set, when parseObject() would fail.
    bool parse(const QByteArray &json, qint64 maxBytes, const Limits &limits, Error *error);
    const JsonObject &root() const { return m_root; }

private:
    std::optional<model::JsonParserLease> m_parser;
    JsonObject m_root;
};

// Parses one JSON document after checking its size and nesting against the limits, and that it
// has no duplicate keys and no invalid UTF-8 (checkJsonText).
// Responses may be larger than requests, hence the explicit byte limit.
std::optional<QJsonObject> parseObject(const QByteArray &json, qint64 maxBytes,
                                       const Limits &limits, Error *error);

class ObjectReader
{
public:
    ObjectReader(const JsonObject &object, QString path, const Limits &limits, Error *error);

    // Fails on any key not in `allowed` (unknown fields are rejected, not ignored).
    bool onlyKeys(std::initializer_list<const char *> allowed);
    bool has(const char *key) const;

    bool string(const char *key, QString *out, int maxLength, Presence presence);
    bool integer(const char *key, qint64 *out, qint64 minimum, qint64 maximum, Presence presence);
    bool boolean(const char *key, bool *out, Presence presence);
    bool array(const char *key, JsonArray *out, int maxItems, Presence presence);
    bool object(const char *key, JsonObject *out, Presence presence);

    QString pathOf(const char *key) const;
    bool fail(ErrorCode code, const QString &message);
    // Fails with "path.key: message".
    bool fail(const char *key, ErrorCode code, const QString &message);
    const Limits &limits() const { return m_limits; }

private:
    const JsonValue *lookup(const char *key, Presence presence);

    JsonObject m_object;
    QString m_path;
    const Limits &m_limits;
    Error *m_error;
    JsonValue m_current;
};

// Reads the elements of an array as strings of at most maxLength characters.
bool stringArray(const JsonArray &array, const QString &path, int maxLength, QStringList *out,
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
bool readRevision(const JsonValue &value, const QString &path, const Limits &limits,
                  model::Revision *revision, Error *error);
bool readRevisionObject(const JsonObject &object, const QString &path, const Limits &limits,
                        model::Revision *revision, Error *error);
bool readTimestamp(ObjectReader &reader, const char *key, QDateTime *out);
bool readGuid(ObjectReader &reader, QString *guid);

// Reads the array `key` with `readOne(value, path, limits, &item, error)` for each element.
template<typename T, typename ReadOne>
bool readList(ObjectReader &reader, const char *key, int maxItems, Presence presence, QList<T> *out,
              ReadOne readOne, Error *error)
{
    JsonArray array;
    if (!reader.array(key, &array, maxItems, presence))
        return false;
    out->reserve(array.size());
    const QString path = reader.pathOf(key);
    return array.forEach([&](const JsonValue &value, qsizetype i) {
        T item;
        if (!readOne(value, elementPath(path, i), reader.limits(), &item, error))
            return false;
        out->append(std::move(item));
        return true;
    });
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
    JsonDocument document;
    if (!document.parse(json, maxBytes, limits, &error))
        return error;
    T value;
    ObjectReader reader(document.root(), {}, limits, &error);
    if (!read(reader, &value, &error))
        return error;
    return value;
}

} // namespace inkwell::protocol::detail
