#include "store/search/searchquery.h"

#include <QRegularExpression>
#include <QStringList>

#include <algorithm>

namespace inkwell::store {

namespace {

// One or two Latin letters match too many words to rank quickly; one CJK character is a word.
bool worthPrefix(const QString &word)
{
    if (word.size() >= 3)
        return true;
    return std::any_of(word.cbegin(), word.cend(), [](QChar c) {
        const QChar::Script script = c.script();
        return script == QChar::Script_Han || script == QChar::Script_Hiragana
                || script == QChar::Script_Katakana || script == QChar::Script_Hangul;
    });
}

} // namespace

QString ftsMatchExpression(const QString &text)
{
    static const QRegularExpression space(QStringLiteral("\\s+"));
    QStringList words = text.split(space, Qt::SkipEmptyParts);
    words.removeIf([](const QString &word) {
        return std::none_of(word.cbegin(), word.cend(),
                            [](QChar c) { return c.isLetterOrNumber(); });
    });
    if (words.isEmpty())
        return {};
    QStringList phrases;
    for (QString word : std::as_const(words)) {
        word.replace(QChar(u'"'), QStringLiteral("\"\""));
        phrases.append(QChar(u'"') + word + QChar(u'"'));
    }
    if (!text.back().isSpace() && worthPrefix(words.last()))
        phrases.last() += QChar(u'*');
    return phrases.join(QChar::Space);
}

} // namespace inkwell::store
