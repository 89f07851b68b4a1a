#include "protocol/jsontext.h"

#include "protocol/jsonreader.h"

#include <QByteArrayView>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <deque>
#include <vector>

namespace inkwell::protocol::detail {

namespace {

// The length of the valid UTF-8 sequence that starts at p (a byte >= 0x80), or 0.
int utf8SequenceLength(const uchar *p, const uchar *end)
{
    const uchar lead = *p;
    int length = 0;
    char32_t code = 0;
    char32_t minimum = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        code = lead & 0x1F;
        minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        code = lead & 0x0F;
        minimum = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        code = lead & 0x07;
        minimum = 0x10000;
    } else {
        return 0;
    }
    if (end - p < length)
        return 0;
    for (int i = 1; i < length; ++i) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        code = (code << 6) | (p[i] & 0x3F);
    }
    if (code < minimum || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
        return 0;
    return length;
}

// A key with escapes in its unescaped UTF-8 form, so "a" and "\u0061" compare equal. Rare on
// the wire: the parser does the unescaping.
QByteArray unescapedKey(QByteArrayView quoted)
{
    const QByteArray array = '[' + quoted.toByteArray() + ']';
    return QJsonDocument::fromJson(array).array().at(0).toString().toUtf8();
}

class Scanner
{
public:
    Scanner(const QByteArray &json, int maxDepth, Error *error)
        : m_begin(reinterpret_cast<const uchar *>(json.constData())), m_end(m_begin + json.size()),
          m_maxDepth(maxDepth), m_error(error)
    { }

    bool run()
    {
        const uchar *p = m_begin;
        while (p < m_end) {
            const uchar c = *p;
            if (c == '"') {
                p = string(p);
                if (!p)
                    return false;
                m_previous = '"';
                continue;
            }
            if (c == '{' || c == '[') {
                m_open.push_back({c == '{', m_keys.size(), offset(p)});
                if (int(m_open.size()) > m_maxDepth)
                    return fail(
                            QStringLiteral("JSON nested deeper than %1 levels").arg(m_maxDepth));
            } else if (c == '}' || c == ']') {
                if (m_open.empty() || m_open.back().isObject != (c == '}'))
                    return true; // unbalanced: the parser reports it
                if (m_open.back().isObject && !uniqueKeys(m_open.back()))
                    return false;
                m_keys.resize(m_open.back().firstKey);
                m_open.pop_back();
            } else if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                ++p;
                continue;
            }
            m_previous = c;
            ++p;
        }
        return true;
    }

private:
    struct Container
    {
        bool isObject;
        size_t firstKey; // index in m_keys of this object's first key
        qsizetype offset;
    };

    qsizetype offset(const uchar *p) const { return p - m_begin; }

    bool fail(const QString &message)
    {
        return setError(m_error, ErrorCode::Malformed, {}, message);
    }

    // Checks the string that starts at the quote `open`; returns the position after its
    // closing quote (the end for an unterminated one), or nullptr on invalid UTF-8.
    const uchar *string(const uchar *open)
    {
        const bool isKey = !m_open.empty() && m_open.back().isObject
                && (m_previous == '{' || m_previous == ',');
        bool escaped = false;
        const uchar *p = open + 1;
        while (p < m_end && *p != '"') {
            if (*p == '\\') {
                escaped = true;
                p += 2;
            } else if (*p < 0x80) {
                ++p;
            } else if (const int length = utf8SequenceLength(p, m_end)) {
                p += length;
            } else {
                fail(QStringLiteral("invalid UTF-8 in a string at offset %1").arg(offset(p)));
                return nullptr;
            }
        }
        if (p >= m_end)
            return m_end;
        if (isKey) {
            const QByteArrayView raw(open + 1, p - open - 1);
            if (!escaped) {
                m_keys.push_back(raw);
            } else {
                m_unescaped.push_back(unescapedKey(QByteArrayView(open, p - open + 1)));
                m_keys.push_back(m_unescaped.back());
            }
        }
        return p + 1;
    }

    // Whether the keys of the object just closed are all different.
    bool uniqueKeys(const Container &object)
    {
        const auto first = m_keys.begin() + qsizetype(object.firstKey);
        const auto last = m_keys.end();
        if (last - first < 2)
            return true;
        std::sort(first, last); // the keys are dropped after this check anyway
        const auto twice = std::adjacent_find(first, last);
        if (twice == last)
            return true;
        return fail(QStringLiteral("duplicate key \"%1\" in the object at offset %2")
                            .arg(printable(QString::fromUtf8(*twice)))
                            .arg(object.offset));
    }

    const uchar *m_begin;
    const uchar *m_end;
    int m_maxDepth;
    Error *m_error;
    uchar m_previous = 0; // the last character outside strings and whitespace
    std::vector<Container> m_open;
    std::vector<QByteArrayView> m_keys; // of the open objects, innermost last
    std::deque<QByteArray> m_unescaped; // storage of the keys with escapes
};

} // namespace

bool checkJsonText(const QByteArray &json, int maxDepth, Error *error)
{
    return Scanner(json, maxDepth, error).run();
}

} // namespace inkwell::protocol::detail
