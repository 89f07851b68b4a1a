#include "protocol/jsonwriter.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

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

void JsonWriter::string(const QString &text)
{
    // Validated first: RapidJSON's unchecked transcoding would stop in the middle of the string.
    // The document stays well formed (an empty string in its place) but is not used.
    if (!text.isValidUtf16()) {
        m_ok = false;
        m_writer->writer.String(u"", 0);
        return;
    }
    m_ok = m_writer->writer.String(reinterpret_cast<const char16_t *>(text.utf16()),
                                   rapidjson::SizeType(text.size()))
            && m_ok;
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
