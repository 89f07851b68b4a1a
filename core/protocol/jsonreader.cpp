#include "protocol/jsonreader.h"

#include "protocol/jsontext.h"

#include "model/jsonparse.h"

#include <algorithm>
#include <cmath>

namespace inkwell::protocol::detail {

namespace {

// Largest integer a JSON number (a double) holds exactly.
constexpr qint64 maxExactInteger = (qint64(1) << 53);

// Text every backend can store: valid UTF-16 (no lone surrogates) and no NUL characters.
bool isStorableText(QStringView text)
{
    return text.isValidUtf16() && !text.contains(QChar(u'\0'));
}

QString typeName(const JsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("undefined");
}

QString fromUtf8(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

} // namespace

QJsonValue::Type JsonValue::type() const
{
    if (const auto *qt = std::get_if<QJsonValue>(&m_value))
        return qt->type();
    using simdjson::dom::element_type;
    switch (std::get<simdjson::dom::element>(m_value).type()) {
    case element_type::OBJECT:
        return QJsonValue::Object;
    case element_type::ARRAY:
        return QJsonValue::Array;
    case element_type::STRING:
        return QJsonValue::String;
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE:
        return QJsonValue::Double;
    case element_type::BOOL:
        return QJsonValue::Bool;
    case element_type::NULL_VALUE:
        break;
    }
    return QJsonValue::Null;
}

QString JsonValue::toString() const
{
    if (const auto *qt = std::get_if<QJsonValue>(&m_value))
        return qt->toString();
    std::string_view text;
    if (std::get<simdjson::dom::element>(m_value).get(text) != simdjson::SUCCESS)
        return {};
    return fromUtf8(text);
}

double JsonValue::toDouble() const
{
    if (const auto *qt = std::get_if<QJsonValue>(&m_value))
        return qt->toDouble();
    // As QJsonDocument reads a number: beyond qint64 a double.
    const simdjson::dom::element element = std::get<simdjson::dom::element>(m_value);
    switch (element.type()) {
    case simdjson::dom::element_type::INT64:
        return double(element.get_int64().value_unsafe());
    case simdjson::dom::element_type::UINT64:
        return double(element.get_uint64().value_unsafe());
    case simdjson::dom::element_type::DOUBLE:
        return element.get_double().value_unsafe();
    default:
        return 0;
    }
}

bool JsonValue::toBool() const
{
    if (const auto *qt = std::get_if<QJsonValue>(&m_value))
        return qt->toBool();
    bool value = false;
    if (std::get<simdjson::dom::element>(m_value).get(value) != simdjson::SUCCESS)
        return false;
    return value;
}

JsonObject JsonValue::toObject() const
{
    if (const auto *qt = std::get_if<QJsonValue>(&m_value))
        return JsonObject(qt->toObject());
    simdjson::dom::object object;
    if (std::get<simdjson::dom::element>(m_value).get(object) != simdjson::SUCCESS)
        return {};
    return JsonObject(object);
}

JsonArray JsonValue::toArray() const
{
    if (const auto *qt = std::get_if<QJsonValue>(&m_value))
        return JsonArray(qt->toArray());
    simdjson::dom::array array;
    if (std::get<simdjson::dom::element>(m_value).get(array) != simdjson::SUCCESS)
        return {};
    return JsonArray(array);
}

std::optional<JsonValue> JsonObject::value(std::string_view key) const
{
    if (const auto *qt = std::get_if<QJsonObject>(&m_object)) {
        const auto it = qt->constFind(QLatin1StringView(key.data(), qsizetype(key.size())));
        if (it == qt->constEnd())
            return std::nullopt;
        return JsonValue(it.value());
    }
    simdjson::dom::element element;
    if (std::get<simdjson::dom::object>(m_object).at_key(key).get(element) != simdjson::SUCCESS)
        return std::nullopt;
    return JsonValue(element);
}

std::optional<QString> JsonObject::unknownKey(std::initializer_list<const char *> allowed) const
{
    const auto known = [&](const auto &key) {
        for (const char *name : allowed) {
            if (key == name)
                return true;
        }
        return false;
    };
    if (const auto *qt = std::get_if<QJsonObject>(&m_object)) {
        for (auto it = qt->constBegin(); it != qt->constEnd(); ++it) {
            if (!known(it.key().toUtf8().toStdString()))
                return it.key();
        }
        return std::nullopt;
    }
    for (const simdjson::dom::key_value_pair field : std::get<simdjson::dom::object>(m_object)) {
        if (!known(field.key))
            return fromUtf8(field.key);
    }
    return std::nullopt;
}

qsizetype JsonArray::size() const
{
    if (const auto *qt = std::get_if<QJsonArray>(&m_array))
        return qt->size();
    return qsizetype(std::get<simdjson::dom::array>(m_array).size());
}

bool JsonArray::forEach(const std::function<bool(const JsonValue &, qsizetype)> &visit) const
{
    if (const auto *qt = std::get_if<QJsonArray>(&m_array)) {
        for (qsizetype i = 0; i < qt->size(); ++i) {
            if (!visit(JsonValue(qt->at(i)), i))
                return false;
        }
        return true;
    }
    qsizetype i = 0;
    for (const simdjson::dom::element element : std::get<simdjson::dom::array>(m_array)) {
        if (!visit(JsonValue(element), i++))
            return false;
    }
    return true;
}

QString printable(const QString &name)
{
    QString shown = name.left(64);
    for (QChar &c : shown) {
        if (!c.isPrint() || c.isSurrogate())
            c = u'?';
    }
    return shown;
}

bool setError(Error *error, ErrorCode code, const QString &path, const QString &message)
{
    if (error->code == ErrorCode::None)
        *error = Error{code, path.isEmpty() ? message : path + QStringLiteral(": ") + message};
    return false;
}

QString elementPath(const QString &arrayPath, qsizetype index)
{
    return arrayPath + u'[' + QString::number(index) + u']';
}

namespace {

// The checks before any parse: the size, then checkJsonText (nesting, duplicate keys, UTF-8).
bool checkDocument(const QByteArray &json, qint64 maxBytes, const Limits &limits, Error *error)
{
    if (json.size() > maxBytes) {
        return setError(error, ErrorCode::TooLarge, {},
                        QStringLiteral("document of %1 bytes exceeds the limit of %2 bytes")
                                .arg(json.size())
                                .arg(maxBytes));
    }
    return checkJsonText(json, limits, error);
}

} // namespace

std::optional<QJsonObject> parseObject(const QByteArray &json, qint64 maxBytes,
                                       const Limits &limits, Error *error)
{
    if (!checkDocument(json, maxBytes, limits, error))
        return std::nullopt;
    QString message;
    std::optional<QJsonObject> object = model::parseJsonObject(json, &message);
    if (!object)
        setError(error, ErrorCode::Malformed, {}, message);
    return object;
}

JsonDocument::JsonDocument() = default;

JsonDocument::~JsonDocument() = default;

bool JsonDocument::parse(const QByteArray &json, qint64 maxBytes, const Limits &limits,
                         Error *error)
{
    if (!checkDocument(json, maxBytes, limits, error))
        return false;
    m_parser.emplace(json.size());
    simdjson::dom::object object;
    if (m_parser->parseObject(json, &object)) {
        m_root = JsonObject(object);
        return true;
    }
    // What simdjson refuses: QJsonDocument's reading, or its error.
    m_parser.reset();
    QString message;
    std::optional<QJsonObject> parsed = model::parseJsonObject(json, &message);
    if (!parsed)
        return setError(error, ErrorCode::Malformed, {}, message);
    m_root = JsonObject(*parsed);
    return true;
}

ObjectReader::ObjectReader(const JsonObject &object, QString path, const Limits &limits,
                           Error *error)
    : m_object(object), m_path(std::move(path)), m_limits(limits), m_error(error)
{ }

QString ObjectReader::pathOf(const char *key) const
{
    const QString name = QString::fromLatin1(key);
    return m_path.isEmpty() ? name : m_path + u'.' + name;
}

bool ObjectReader::fail(ErrorCode code, const QString &message)
{
    return setError(m_error, code, m_path, message);
}

bool ObjectReader::fail(const char *key, ErrorCode code, const QString &message)
{
    return setError(m_error, code, pathOf(key), message);
}

bool ObjectReader::onlyKeys(std::initializer_list<const char *> allowed)
{
    const std::optional<QString> unknown = m_object.unknownKey(allowed);
    if (!unknown)
        return true;
    const QString shown = printable(*unknown);
    return setError(m_error, ErrorCode::Malformed, m_path.isEmpty() ? shown : m_path + u'.' + shown,
                    QStringLiteral("unknown field"));
}

bool ObjectReader::has(const char *key) const
{
    return m_object.contains(key);
}

const JsonValue *ObjectReader::lookup(const char *key, Presence presence)
{
    std::optional<JsonValue> value = m_object.value(key);
    if (!value) {
        if (presence == Presence::Required)
            setError(m_error, ErrorCode::Malformed, pathOf(key), QStringLiteral("missing"));
        return nullptr;
    }
    m_current = *value;
    return &m_current;
}

bool ObjectReader::string(const char *key, QString *out, int maxLength, Presence presence)
{
    const JsonValue *value = lookup(key, presence);
    if (!value)
        return presence == Presence::Optional;
    if (!value->isString())
        return setError(m_error, ErrorCode::Malformed, pathOf(key),
                        QStringLiteral("expected a string, got %1").arg(typeName(*value)));
    *out = value->toString();
    if (out->size() > maxLength)
        return setError(m_error, ErrorCode::TooLarge, pathOf(key),
                        QStringLiteral("longer than %1 characters").arg(maxLength));
    if (!isStorableText(*out))
        return setError(m_error, ErrorCode::Malformed, pathOf(key),
                        QStringLiteral("contains a NUL character or invalid UTF-16"));
    return true;
}

bool ObjectReader::integer(const char *key, qint64 *out, qint64 minimum, qint64 maximum,
                           Presence presence)
{
    const JsonValue *value = lookup(key, presence);
    if (!value)
        return presence == Presence::Optional;
    if (!value->isDouble())
        return setError(m_error, ErrorCode::Malformed, pathOf(key),
                        QStringLiteral("expected an integer, got %1").arg(typeName(*value)));
    const double number = value->toDouble();
    if (!std::isfinite(number) || std::trunc(number) != number)
        return setError(m_error, ErrorCode::Malformed, pathOf(key),
                        QStringLiteral("expected an integer"));
    if (number < double(minimum) || number > double(std::min(maximum, maxExactInteger)))
        return setError(m_error, ErrorCode::Malformed, pathOf(key),
                        QStringLiteral("out of range %1..%2")
                                .arg(minimum)
                                .arg(std::min(maximum, maxExactInteger)));
    *out = qint64(number);
    return true;
}

bool ObjectReader::boolean(const char *key, bool *out, Presence presence)
{
    const JsonValue *value = lookup(key, presence);
    if (!value)
        return presence == Presence::Optional;
    if (!value->isBool())
        return setError(m_error, ErrorCode::Malformed, pathOf(key),
                        QStringLiteral("expected a boolean, got %1").arg(typeName(*value)));
    *out = value->toBool();
    return true;
}

bool ObjectReader::array(const char *key, JsonArray *out, int maxItems, Presence presence)
{
    const JsonValue *value = lookup(key, presence);
    if (!value)
        return presence == Presence::Optional;
    if (!value->isArray())
        return setError(m_error, ErrorCode::Malformed, pathOf(key),
                        QStringLiteral("expected an array, got %1").arg(typeName(*value)));
    *out = value->toArray();
    if (out->size() > maxItems)
        return setError(m_error, ErrorCode::TooLarge, pathOf(key),
                        QStringLiteral("more than %1 items").arg(maxItems));
    return true;
}

bool ObjectReader::object(const char *key, JsonObject *out, Presence presence)
{
    const JsonValue *value = lookup(key, presence);
    if (!value)
        return presence == Presence::Optional;
    if (!value->isObject())
        return setError(m_error, ErrorCode::Malformed, pathOf(key),
                        QStringLiteral("expected an object, got %1").arg(typeName(*value)));
    *out = value->toObject();
    return true;
}

bool stringArray(const JsonArray &array, const QString &path, int maxLength, QStringList *out,
                 Error *error)
{
    out->clear();
    out->reserve(array.size());
    return array.forEach([&](const JsonValue &value, qsizetype i) {
        if (!value.isString())
            return setError(error, ErrorCode::Malformed, elementPath(path, i),
                            QStringLiteral("expected a string, got %1").arg(typeName(value)));
        QString text = value.toString();
        if (text.size() > maxLength)
            return setError(error, ErrorCode::TooLarge, elementPath(path, i),
                            QStringLiteral("longer than %1 characters").arg(maxLength));
        if (!isStorableText(text))
            return setError(error, ErrorCode::Malformed, elementPath(path, i),
                            QStringLiteral("contains a NUL character or invalid UTF-16"));
        out->append(std::move(text));
        return true;
    });
}

} // namespace inkwell::protocol::detail
