#pragma once

#include <QByteArrayView>
#include <QJsonObject>
#include <QString>

#include <memory>
#include <optional>

namespace simdjson::dom {
class object;
class parser;
} // namespace simdjson::dom

namespace inkwell::model {

// The JSON object in json, or nullopt (and *error, when given, says why) if it is not one.
// Every reader of JSON goes through here: the protocol's decoder (after its checks of size,
// nesting and duplicate keys, protocol::detail::parseObject), the server's stored fields and the
// client's stored base and conflict versions.
//
// The parse is simdjson's (UTF-8 validated, escapes decoded in bulk), turned into Qt's values.
// QJsonDocument::fromJson (Qt 6.4) appends a string with escapes, such as every body with a new
// line, to a QString one character at a time: a third of the server's time for a push of prose.
// What simdjson refuses is parsed again by QJsonDocument, so that its offset names a syntax error
// and what JSON allows but simdjson does not (a lone UTF-16 surrogate escape, a raw control
// character, a number beyond 64 bits) reads as QJsonDocument reads it; only bad input pays for
// that second parse. Values are those QJsonDocument gives (tst_jsontext compares them).
std::optional<QJsonObject> parseJsonObject(QByteArrayView json, QString *error = nullptr);

// A simdjson parser for one document of `bytes` bytes, for as long as the lease lives: the
// thread's own, reused with its buffers, for documents up to 256 KiB while no other lease holds
// it; else one of the lease's own, which leaves nothing behind on the thread. What the parser
// returns stays valid until its next parse or the lease's end, whatever other leases do.
class JsonParserLease
{
public:
    explicit JsonParserLease(qsizetype bytes);
    ~JsonParserLease();
    JsonParserLease(const JsonParserLease &) = delete;
    JsonParserLease &operator=(const JsonParserLease &) = delete;

    simdjson::dom::parser &parser() { return *m_parser; }
    // Parses json and sets *object to its top-level object; false when simdjson does not read
    // it (what QJsonDocument alone reads, or no JSON) or it is not an object.
    bool parseObject(QByteArrayView json, simdjson::dom::object *object);

private:
    std::unique_ptr<simdjson::dom::parser> m_own;
    simdjson::dom::parser *m_parser = nullptr;
};

} // namespace inkwell::model
