#include "protocol/jsonwriter.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string>

namespace inkwell::protocol::detail {

struct JsonWriter::Writer
{
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer, rapidjson::UTF16<char16_t>, rapidjson::UTF8<>>
            writer{buffer};
};

JsonWriter::JsonWriter() : m_writer(std::make_unique<Writer>()) { }

JsonWriter::~JsonWriter() = default;

void JsonWriter::beginObject()
{
    m_writer->writer.StartObject();
}

void JsonWriter::endObject()
{
    m_writer->writer.EndObject();
}

void JsonWriter::beginArray()
{
    m_writer->writer.StartArray();
}

void JsonWriter::endArray()
{
    m_writer->writer.EndArray();
}

void JsonWriter::key(std::u16string_view name)
{
    m_ok = m_writer->writer.Key(name.data(), rapidjson::SizeType(name.size())) && m_ok;
}

namespace {

// A control character that JSON escapes as \u00XX (all but \b, \t, \n, \f and \r).
bool needsHexEscape(char16_t c)
{
    return c < 0x20 && c != u'\b' && c != u'\t' && c != u'\n' && c != u'\f' && c != u'\r';
}

// QJsonDocument writes the hex digits of a \u00XX escape in lower case, RapidJSON in upper case:
// lowers them in the string literal the buffer ends with since `from`. Every backslash in a JSON
// string literal starts an escape, so a "\u" found this way is one.
void lowerHexEscapes(rapidjson::StringBuffer &buffer, size_t from)
{
    std::string literal(buffer.GetString() + from, buffer.GetSize() - from);
    for (size_t i = 0; i + 1 < literal.size(); ++i) {
        if (literal[i] != '\\')
            continue;
        if (literal[i + 1] == 'u') {
            for (size_t digit = i + 2; digit < i + 6 && digit < literal.size(); ++digit)
                literal[digit] = char(std::tolower(static_cast<unsigned char>(literal[digit])));
        }
        ++i; // the escaped character
    }
    buffer.Pop(literal.size());
    std::memcpy(buffer.Push(literal.size()), literal.data(), literal.size());
}

} // namespace

void JsonWriter::string(const QString &text)
{
    // Validated first: RapidJSON's unchecked transcoding would stop in the middle of the string.
    // The document stays well formed (an empty string in its place) but is not used.
    if (!text.isValidUtf16()) {
        m_ok = false;
        m_writer->writer.String(u"", 0);
        return;
    }
    const auto *units = reinterpret_cast<const char16_t *>(text.utf16());
    const size_t before = m_writer->buffer.GetSize();
    m_ok = m_writer->writer.String(units, rapidjson::SizeType(text.size())) && m_ok;
    // Rare (a control character in a post): the text stays QJsonDocument's to the byte, which
    // the op_id of a push hashes.
    if (std::any_of(units, units + text.size(), needsHexEscape))
        lowerHexEscapes(m_writer->buffer, before);
}

void JsonWriter::integer(qint64 value)
{
    m_writer->writer.Int64(value);
}

void JsonWriter::boolean(bool value)
{
    m_writer->writer.Bool(value);
}

void JsonWriter::member(std::u16string_view name, const QString &text)
{
    key(name);
    string(text);
}

void JsonWriter::member(std::u16string_view name, qint64 value)
{
    key(name);
    integer(value);
}

void JsonWriter::member(std::u16string_view name, bool value)
{
    key(name);
    boolean(value);
}

qsizetype JsonWriter::size() const
{
    return qsizetype(m_writer->buffer.GetSize());
}

QByteArray JsonWriter::text() const
{
    return QByteArray(m_writer->buffer.GetString(), size());
}

} // namespace inkwell::protocol::detail
