#include "store/searchquery.h"

#include <QRegularExpression>
#include <QStringList>

#include <algorithm>

namespace inkwell::store {

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
    if (!text.back().isSpace())
        phrases.last() += QChar(u'*');
    return phrases.join(QChar::Space);
}

} // namespace inkwell::store
