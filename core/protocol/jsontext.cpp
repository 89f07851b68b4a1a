#include "protocol/jsontext.h"

#include "protocol/jsonreader.h"

#include <QByteArrayView>
#include <QString>

#include <algorithm>
#include <cstring>
#include <deque>
#include <vector>

namespace inkwell::protocol::detail {

namespace {

// A key with escapes in its unescaped UTF-8 form, so "a" and "\u0061" compare equal. A key that
// is no valid string gives some other text: the parser refuses the document anyway.
QByteArray unescapedKey(QByteArrayView raw)
{
    QString key;
    qsizetype i = 0;
    while (i < raw.size()) {
        const qsizetype escape = raw.indexOf('\\', i);
        const qsizetype plainEnd = escape < 0 ? raw.size() : escape;
        key += QString::fromUtf8(raw.sliced(i, plainEnd - i));
        if (escape < 0 || escape + 1 >= raw.size())
            break;
        const char c = raw.at(escape + 1);
        i = escape + 2;
        if (c == 'u' && i + 4 <= raw.size()) {
            bool ok = false;
            key += QChar(char16_t(raw.sliced(i, 4).toByteArray().toUShort(&ok, 16)));
            i += 4;
            continue;
        }
        static constexpr char from[] = "bfnrt";
        static constexpr char to[] = "\b\f\n\r\t";
        const char *known = std::strchr(from, c);
        key += QLatin1Char(known && c ? to[known - from] : c);
    }
    return key.toUtf8();
}

class Scanner
{
public:
    Scanner(const QByteArray &json, const Limits &limits, Error *error)
        : m_begin(reinterpret_cast<const uchar *>(json.constData())), m_end(m_begin + json.size()),
          m_maxDepth(limits.maxDepth), m_maxKeys(limits.maxKeysPerObject),
          m_maxValues(limits.maxValuesPerDocument), m_error(error)
    { }

    bool run()
    {
        const uchar *p = m_begin;
        while (p < m_end) {
            const uchar c = *p;
            if (c == '"') {
                if (!atKey() && !countValue())
                    return false;
                p = string(p);
                if (!p)
                    return false;
                m_previous = '"';
                continue;
            }
            if (c == '{' || c == '[') {
                if (!countValue())
                    return false;
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
            } else if (c != ',' && c != ':' && afterSeparator() && !countValue()) {
                return false; // the first character of a number or literal
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

    // Counts one more value; false (and the error set) past the limit.
    bool countValue()
    {
        if (++m_values <= m_maxValues)
            return true;
        return fail(QStringLiteral("more than %1 values in the document").arg(m_maxValues));
    }
    // Whether a value may begin here: at the start, after a colon, a comma or an opening
    // bracket (the later characters of a number or literal follow one of its own).
    bool afterSeparator() const
    {
        return m_previous == 0 || m_previous == ':' || m_previous == ',' || m_previous == '[';
    }
    // Whether a string that begins here is a key.
    bool atKey() const
    {
        return !m_open.empty() && m_open.back().isObject
                && (m_previous == '{' || m_previous == ',');
    }

    bool fail(const QString &message)
    {
        return setError(m_error, ErrorCode::Malformed, {}, message);
    }

    // Notes the string that starts at the quote `open` if it is a key; returns the position
    // after its closing quote (the end for an unterminated one), or nullptr past the key limit.
    const uchar *string(const uchar *open)
    {
        const bool isKey = atKey();
        // The closing quote is the first one after an even run of backslashes.
        const uchar *first = open + 1;
        const uchar *p = first;
        for (;;) {
            p = static_cast<const uchar *>(std::memchr(p, '"', size_t(m_end - p)));
            if (!p)
                return m_end;
            const uchar *run = p;
            while (run > first && run[-1] == '\\')
                --run;
            if ((p - run) % 2 == 0)
                break;
            ++p;
        }
        if (isKey) {
            const QByteArrayView raw(first, p - first);
            if (m_keys.size() - m_open.back().firstKey >= size_t(m_maxKeys)) {
                fail(QStringLiteral("more than %1 keys in the object at offset %2")
                             .arg(m_maxKeys)
                             .arg(m_open.back().offset));
                return nullptr;
            }
            if (!raw.contains('\\')) {
                m_keys.push_back(raw);
            } else {
                m_unescaped.push_back(unescapedKey(raw));
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
        std::sort(first, last); // at most maxKeysPerObject; dropped after this check anyway
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
    int m_maxKeys;
    int m_maxValues;
    qint64 m_values = 0;
    Error *m_error;
    uchar m_previous = 0; // the last character outside strings and whitespace
    std::vector<Container> m_open;
    std::vector<QByteArrayView> m_keys; // of the open objects, innermost last
    std::deque<QByteArray> m_unescaped; // storage of the keys with escapes
};

} // namespace

bool checkJsonText(const QByteArray &json, const Limits &limits, Error *error)
{
    return Scanner(json, limits, error).run();
}

} // namespace inkwell::protocol::detail
