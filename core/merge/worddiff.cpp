#include "merge/worddiff.h"

#include "merge/linediff.h"

#include <unordered_map>
#include <vector>

namespace inkwell::merge {

namespace {

// A word of the text: [start, start + length).
struct Token
{
    qsizetype start = 0;
    qsizetype length = 0;
};

bool isWordCharacter(char32_t codePoint)
{
    // Combining marks stay with the letter they modify ("e" + U+0301 is one word).
    return QChar::isLetterOrNumber(codePoint) || QChar::isMark(codePoint);
}

// The code point at position and how many UTF-16 units it takes (a surrogate pair is one
// character, so an emoji is never cut in half).
char32_t codePointAt(const QString &text, qsizetype position, qsizetype *units)
{
    const QChar high = text.at(position);
    if (high.isHighSurrogate() && position + 1 < text.size()
        && text.at(position + 1).isLowSurrogate()) {
        *units = 2;
        return QChar::surrogateToUcs4(high, text.at(position + 1));
    }
    *units = 1;
    return high.unicode();
}

std::vector<Token> tokenize(const QString &text)
{
    std::vector<Token> tokens;
    qsizetype position = 0;
    while (position < text.size()) {
        qsizetype units = 0;
        const char32_t first = codePointAt(text, position, &units);
        Token token{position, units};
        if (isWordCharacter(first)) {
            while (token.start + token.length < text.size()) {
                const char32_t next = codePointAt(text, token.start + token.length, &units);
                if (!isWordCharacter(next))
                    break;
                token.length += units;
            }
        }
        tokens.push_back(token);
        position = token.start + token.length;
    }
    return tokens;
}

class TokenInterner
{
public:
    std::vector<int> intern(const QString &text, const std::vector<Token> &tokens)
    {
        std::vector<int> ids;
        ids.reserve(tokens.size());
        for (const Token &token : tokens) {
            const QStringView word = QStringView(text).mid(token.start, token.length);
            ids.push_back(m_ids.try_emplace(word, int(m_ids.size())).first->second);
        }
        return ids;
    }

private:
    struct ViewHash
    {
        size_t operator()(QStringView view) const noexcept { return qHash(view); }
    };
    std::unordered_map<QStringView, int, ViewHash> m_ids;
};

// Bounds the word search so that a long line whose words were shuffled costs milliseconds, not
// seconds: past it, the rest of the changed region is marked as one span.
constexpr qsizetype kMaxWordDiffSteps = 2'000'000;

TextSpan spanOf(const std::vector<Token> &tokens, qsizetype first, qsizetype end)
{
    const Token &last = tokens[size_t(end - 1)];
    const qsizetype start = tokens[size_t(first)].start;
    return TextSpan{start, last.start + last.length - start};
}

} // namespace

WordDiff diffWords(const QString &from, const QString &to)
{
    WordDiff diff;
    if (from == to)
        return diff;
    const std::vector<Token> fromTokens = tokenize(from);
    const std::vector<Token> toTokens = tokenize(to);
    TokenInterner interner;
    const std::vector<int> fromIds = interner.intern(from, fromTokens);
    const std::vector<int> toIds = interner.intern(to, toTokens);
    for (const LineEdit &edit : diffLines(fromIds, toIds, kMaxWordDiffSteps)) {
        if (edit.baseEnd > edit.baseStart)
            diff.removed.append(spanOf(fromTokens, edit.baseStart, edit.baseEnd));
        if (edit.sideEnd > edit.sideStart)
            diff.added.append(spanOf(toTokens, edit.sideStart, edit.sideEnd));
    }
    return diff;
}

} // namespace inkwell::merge
