#include "protocol/jsonwriter.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <array>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace inkwell::protocol::detail {

namespace {

// How JSON writes each ASCII character in a string: 0 as it is, else the letter of its
// two-character escape, or 'u' for \u00xx.
constexpr std::array<char, 128> asciiEscapes = [] {
    std::array<char, 128> table{};
    for (int c = 0; c < 0x20; ++c)
        table[size_t(c)] = 'u';
    table['\b'] = 'b';
    table['\t'] = 't';
    table['\n'] = 'n';
    table['\f'] = 'f';
    table['\r'] = 'r';
    table['"'] = '"';
    table['\\'] = '\\';
    return table;
}();

// Copies the leading run of ASCII characters that need no escape, eight at a time, and returns
// how many it copied (a multiple of eight; the rest is left to the loop that escapes).
size_t copyPlainAscii(const char16_t *units, size_t count, char *out)
{
    size_t done = 0;
#if defined(__SSE2__)
    const __m128i space = _mm_set1_epi16(0x20);
    const __m128i del = _mm_set1_epi16(0x7f);
    const __m128i quote = _mm_set1_epi16('"');
    const __m128i backslash = _mm_set1_epi16('\\');
    for (; done + 8 <= count; done += 8) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(units + done));
        // Signed comparisons: a unit from 0x8000 up is negative, so "below 0x20" catches it.
        const __m128i special = _mm_or_si128(
                _mm_or_si128(_mm_cmplt_epi16(v, space), _mm_cmpgt_epi16(v, del)),
                _mm_or_si128(_mm_cmpeq_epi16(v, quote), _mm_cmpeq_epi16(v, backslash)));
        if (_mm_movemask_epi8(special) != 0)
            break;
        _mm_storel_epi64(reinterpret_cast<__m128i *>(out + done), _mm_packus_epi16(v, v));
    }
#else
    (void)units;
    (void)count;
    (void)out;
#endif
    return done;
}

} // namespace

// RapidJSON's Writer places the commas and colons; strings are written here, from UTF-16 to
// UTF-8 with their escapes in one pass, as QJsonDocument writes them (\u00xx in lower case).
// RapidJSON's own transcoding went one byte at a time through its stream and was most of the
// time spent encoding a push; its SSE2 scan, in the Debian version, misses the controls
// 0x1a-0x1f.
struct WriterBuffer
{
    rapidjson::StringBuffer buffer;
};

struct JsonWriter::Writer : WriterBuffer, rapidjson::Writer<rapidjson::StringBuffer>
{
    Writer() : rapidjson::Writer<rapidjson::StringBuffer>(buffer) { }

    // Writes the units as a JSON string and returns true; for units that are not valid UTF-16
    // (a lone surrogate has no UTF-8) writes an empty string in their place and returns false.
    // Checked on the way, not in a pass of its own before.
    bool quoted(const char16_t *units, size_t count)
    {
        bool valid = true;
        Prefix(rapidjson::kStringType);
        const size_t room = 2 + 6 * count; // \u00xx is the longest form of one code unit
        char *const start = buffer.Push(room);
        char *out = start;
        *out++ = '"';
        for (size_t i = 0; i < count; ++i) {
            if (const size_t plain = copyPlainAscii(units + i, count - i, out); plain > 0) {
                out += plain;
                i += plain;
                if (i == count)
                    break;
            }
            const char16_t c = units[i];
            if (c < 0x80) {
                const char escape = asciiEscapes[c];
                if (escape == 0) {
                    *out++ = char(c);
                } else if (escape != 'u') {
                    *out++ = '\\';
                    *out++ = escape;
                } else {
                    static constexpr char hex[] = "0123456789abcdef";
                    std::memcpy(out, "\\u00", 4);
                    out[4] = hex[c >> 4];
                    out[5] = hex[c & 0xf];
                    out += 6;
                }
            } else if (c < 0x800) {
                *out++ = char(0xc0 | (c >> 6));
                *out++ = char(0x80 | (c & 0x3f));
            } else if (c >= 0xd800 && c < 0xe000) { // a high surrogate, then its low one
                if (c >= 0xdc00 || i + 1 == count || units[i + 1] < 0xdc00
                    || units[i + 1] >= 0xe000) {
                    valid = false;
                    break;
                }
                const char32_t point =
                        0x10000 + ((char32_t(c) - 0xd800) << 10) + (char32_t(units[++i]) - 0xdc00);
                *out++ = char(0xf0 | (point >> 18));
                *out++ = char(0x80 | ((point >> 12) & 0x3f));
                *out++ = char(0x80 | ((point >> 6) & 0x3f));
                *out++ = char(0x80 | (point & 0x3f));
            } else {
                *out++ = char(0xe0 | (c >> 12));
                *out++ = char(0x80 | ((c >> 6) & 0x3f));
                *out++ = char(0x80 | (c & 0x3f));
            }
        }
        if (!valid)
            out = start + 1; // an empty string
        *out++ = '"';
        buffer.Pop(room - size_t(out - start));
        EndValue(true);
        return valid;
    }

    void rawValue(const char *json, size_t length)
    {
        Prefix(rapidjson::kObjectType);
        std::memcpy(buffer.Push(length), json, length);
        EndValue(true);
    }
};

JsonWriter::JsonWriter() : m_writer(std::make_unique<Writer>()) { }

JsonWriter::~JsonWriter() = default;

void JsonWriter::beginObject()
{
    m_writer->StartObject();
}

void JsonWriter::endObject()
{
    m_writer->EndObject();
}

void JsonWriter::beginArray()
{
    m_writer->StartArray();
}

void JsonWriter::endArray()
{
    m_writer->EndArray();
}

void JsonWriter::key(std::u16string_view name)
{
    m_writer->quoted(name.data(), name.size());
}

void JsonWriter::raw(QByteArrayView json)
{
    m_writer->rawValue(json.data(), size_t(json.size()));
}

void JsonWriter::string(const QString &text)
{
    // A lone surrogate has no UTF-8: the document stays well formed (an empty string in its
    // place) but is not used.
    if (!m_writer->quoted(reinterpret_cast<const char16_t *>(text.utf16()), size_t(text.size())))
        m_ok = false;
}

void JsonWriter::integer(qint64 value)
{
    m_writer->Int64(value);
}

void JsonWriter::boolean(bool value)
{
    m_writer->Bool(value);
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
