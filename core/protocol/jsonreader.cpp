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

QString typeName(const QJsonValue &value)
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

} // namespace

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

std::optional<QJsonObject> parseObject(const QByteArray &json, qint64 maxBytes,
                                       const Limits &limits, Error *error)
{
    if (json.size() > maxBytes) {
        setError(error, ErrorCode::TooLarge, {},
                 QStringLiteral("document of %1 bytes exceeds the limit of %2 bytes")
                         .arg(json.size())
                         .arg(maxBytes));
        return std::nullopt;
    }
    if (!checkJsonText(json, limits, error))
        return std::nullopt;
    QString message;
    std::optional<QJsonObject> object = model::parseJsonObject(json, &message);
    if (!object)
        setError(error, ErrorCode::Malformed, {}, message);
    return object;
}

ObjectReader::ObjectReader(const QJsonObject &object, QString path, const Limits &limits,
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
    for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it) {
        bool known = false;
        for (const char *key : allowed)
            known = known || it.key() == QLatin1String(key);
        if (!known) {
            const QString shown = printable(it.key());
            return setError(m_error, ErrorCode::Malformed,
                            m_path.isEmpty() ? shown : m_path + u'.' + shown,
                            QStringLiteral("unknown field"));
        }
    }
    return true;
}

bool ObjectReader::has(const char *key) const
{
    return m_object.contains(QLatin1String(key));
}

const QJsonValue *ObjectReader::lookup(const char *key, Presence presence)
{
    const auto it = m_object.constFind(QLatin1String(key));
    if (it == m_object.constEnd()) {
        if (presence == Presence::Required)
            setError(m_error, ErrorCode::Malformed, pathOf(key), QStringLiteral("missing"));
        return nullptr;
    }
    m_current = it.value();
    return &m_current;
}

bool ObjectReader::string(const char *key, QString *out, int maxLength, Presence presence)
{
    const QJsonValue *value = lookup(key, presence);
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
    const QJsonValue *value = lookup(key, presence);
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
    const QJsonValue *value = lookup(key, presence);
    if (!value)
        return presence == Presence::Optional;
    if (!value->isBool())
        return setError(m_error, ErrorCode::Malformed, pathOf(key),
                        QStringLiteral("expected a boolean, got %1").arg(typeName(*value)));
    *out = value->toBool();
    return true;
}

bool ObjectReader::array(const char *key, QJsonArray *out, int maxItems, Presence presence)
{
    const QJsonValue *value = lookup(key, presence);
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

bool ObjectReader::object(const char *key, QJsonObject *out, Presence presence)
{
    const QJsonValue *value = lookup(key, presence);
    if (!value)
        return presence == Presence::Optional;
    if (!value->isObject())
        return setError(m_error, ErrorCode::Malformed, pathOf(key),
                        QStringLiteral("expected an object, got %1").arg(typeName(*value)));
    *out = value->toObject();
    return true;
}

bool stringArray(const QJsonArray &array, const QString &path, int maxLength, QStringList *out,
                 Error *error)
{
    out->clear();
    out->reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue value = array.at(i);
        if (!value.isString())
            return setError(error, ErrorCode::Malformed, elementPath(path, i),
                            QStringLiteral("expected a string, got %1").arg(typeName(value)));
        if (value.toString().size() > maxLength)
            return setError(error, ErrorCode::TooLarge, elementPath(path, i),
                            QStringLiteral("longer than %1 characters").arg(maxLength));
        if (!isStorableText(value.toString()))
            return setError(error, ErrorCode::Malformed, elementPath(path, i),
                            QStringLiteral("contains a NUL character or invalid UTF-16"));
        out->append(value.toString());
    }
    return true;
}

} // namespace inkwell::protocol::detail
