#include "model/jsonparse.h"

#include "model/postfields.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <simdjson.h>

namespace inkwell::model {

namespace {

// simdjson's DOM as Qt's values; documents nest only as deep as their readers allow (the
// protocol checks the depth before parsing, stored JSON is our own), which bounds the recursion.
QJsonValue toQt(simdjson::dom::element element)
{
    using simdjson::dom::element_type;
    switch (element.type()) {
    case element_type::OBJECT: {
        simdjson::dom::object fields{};
        if (element.get(fields) != simdjson::SUCCESS) // cannot fail: the switch checked the type
            break;
        QJsonObject object;
        for (const simdjson::dom::key_value_pair field : fields)
            object.insert(QString::fromUtf8(field.key.data(), qsizetype(field.key.size())),
                          toQt(field.value));
        return object;
    }
    case element_type::ARRAY: {
        simdjson::dom::array items{};
        if (element.get(items) != simdjson::SUCCESS)
            break;
        QJsonArray array;
        for (const simdjson::dom::element item : items)
            array.append(toQt(item));
        return array;
    }
    case element_type::STRING: {
        const std::string_view text = element.get_string().value_unsafe();
        return QString::fromUtf8(text.data(), qsizetype(text.size()));
    }
    case element_type::INT64:
        return QJsonValue(qint64(element.get_int64().value_unsafe()));
    case element_type::UINT64: // beyond qint64: a double, as QJsonDocument reads it
        return QJsonValue(double(element.get_uint64().value_unsafe()));
    case element_type::DOUBLE:
        return QJsonValue(element.get_double().value_unsafe());
    case element_type::BOOL:
        return QJsonValue(element.get_bool().value_unsafe());
    case element_type::NULL_VALUE:
        break;
    }
    return QJsonValue(QJsonValue::Null);
}

// Documents up to this size reuse the thread's parser and its buffers. A parser holds about 15
// bytes per byte of its largest document (a copy, the tape, the string buffer and the structural
// index; only what a document touched is resident), so larger documents, such as a push of 500
// posts (~1 MiB), get a parser of their own and leave nothing behind on a server's worker
// threads. A fresh parser costs about a millisecond of page faults per MiB.
constexpr qsizetype ReusedParserBytes = 256 * 1024;

} // namespace

namespace {

thread_local simdjson::dom::parser reusedParser;
thread_local bool reusedParserLent = false;

} // namespace

JsonParserLease::JsonParserLease(qsizetype bytes)
{
    if (bytes <= ReusedParserBytes && !reusedParserLent) {
        reusedParserLent = true;
        m_parser = &reusedParser;
    } else {
        m_own = std::make_unique<simdjson::dom::parser>();
        m_parser = m_own.get();
    }
}

JsonParserLease::~JsonParserLease()
{
    if (m_parser == &reusedParser)
        reusedParserLent = false;
}

bool JsonParserLease::parseObject(QByteArrayView json, simdjson::dom::object *object)
{
    // (Not an empty document: simdjson would copy from the null pointer of an empty QByteArray.)
    simdjson::dom::element root;
    return !json.isEmpty()
            && m_parser->parse(json.data(), size_t(json.size())).get(root) == simdjson::SUCCESS
            && root.get(*object) == simdjson::SUCCESS;
}

std::optional<QJsonObject> parseJsonObject(QByteArrayView json, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return std::nullopt;
    };
    JsonParserLease lease(json.size());
    simdjson::dom::element root;
    // (An empty document goes straight to QJsonDocument's error: simdjson would copy from the
    // null pointer of an empty QByteArray.)
    if (!json.isEmpty()
        && lease.parser().parse(json.data(), size_t(json.size())).get(root) == simdjson::SUCCESS) {
        if (root.type() != simdjson::dom::element_type::OBJECT)
            return fail(QStringLiteral("expected a JSON object"));
        return toQt(root).toObject();
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return fail(QStringLiteral("invalid JSON at offset %1: %2")
                            .arg(parseError.offset)
                            .arg(parseError.errorString()));
    }
    if (!document.isObject())
        return fail(QStringLiteral("expected a JSON object"));
    return document.object();
}

namespace {

// A member's string as QJsonValue::toString() reads it: empty when missing or not a string.
QString stringOf(simdjson::dom::object object, std::string_view key)
{
    std::string_view text;
    if (object.at_key(key).get(text) != simdjson::SUCCESS)
        return {};
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

} // namespace

// Lives beside parseJsonObject for simdjson; PostFields::fromJson is the rule it follows.
std::optional<PostFields> PostFields::fromJsonText(QByteArrayView json)
{
    JsonParserLease lease(json.size());
    simdjson::dom::object object;
    if (!lease.parseObject(json, &object)) {
        // Not an object, or what only QJsonDocument reads: the reading through Qt's values.
        std::optional<QJsonObject> parsed = parseJsonObject(json);
        if (!parsed)
            return std::nullopt;
        return fromJson(*parsed);
    }
    PostFields fields;
    fields.title = stringOf(object, "title");
    fields.body = stringOf(object, "body");
    simdjson::dom::array tags;
    if (object.at_key("tags").get(tags) == simdjson::SUCCESS) {
        for (const simdjson::dom::element tag : tags) {
            std::string_view text;
            fields.tags.append(tag.get(text) == simdjson::SUCCESS
                                       ? QString::fromUtf8(text.data(), qsizetype(text.size()))
                                       : QString());
        }
    }
    parsePublishState(stringOf(object, "status"), &fields.state);
    fields.cover = stringOf(object, "cover");
    return fields;
}

} // namespace inkwell::model
