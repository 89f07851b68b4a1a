#include "publish/slug.h"

#include "publish/siteurls.h"

#include <QHash>

namespace inkwell::publish {

namespace {

// Transliterations of the Latin letters writers commonly use; other non-ASCII letters are dropped.
QString transliterate(char32_t c)
{
    static const QHash<char32_t, QString> table = [] {
        QHash<char32_t, QString> t;
        const auto add = [&t](const char32_t *letters, const char *ascii) {
            for (const char32_t *l = letters; *l; ++l)
                t.insert(*l, QString::fromLatin1(ascii));
        };
        add(U"äæ", "ae");
        add(U"öœø", "oe");
        add(U"ü", "ue");
        add(U"ß", "ss");
        add(U"àáâãåāăą", "a");
        add(U"çćĉċč", "c");
        add(U"ďđð", "d");
        add(U"èéêëēĕėęě", "e");
        add(U"ĝğġģ", "g");
        add(U"ĥħ", "h");
        add(U"ìíîïĩīĭįı", "i");
        add(U"ĵ", "j");
        add(U"ķ", "k");
        add(U"ĺļľŀł", "l");
        add(U"ñńņňŉ", "n");
        add(U"òóôõōŏő", "o");
        add(U"ŕŗř", "r");
        add(U"śŝşšș", "s");
        add(U"ţťŧț", "t");
        add(U"ùúûũūŭůűų", "u");
        add(U"ŵ", "w");
        add(U"ýÿŷ", "y");
        add(U"źżž", "z");
        add(U"þ", "th");
        return t;
    }();
    return table.value(c);
}

} // namespace

QString Slug::fromTitle(const QString &title)
{
    QString slug;
    bool pendingHyphen = false;
    const auto append = [&](const QString &part) {
        if (pendingHyphen && !slug.isEmpty())
            slug += u'-';
        pendingHyphen = false;
        slug += part;
    };
    for (const char32_t c : title.toLower().toUcs4()) {
        if ((c >= U'a' && c <= U'z') || (c >= U'0' && c <= U'9')) {
            append(QString(QChar(char16_t(c))));
        } else if (c == U'\'' || c == U'\u2019') {
            continue; // "don't" → "dont"
        } else if (c < 0x80 || QChar::isSpace(c) || QChar::isPunct(c) || QChar::isSymbol(c)) {
            pendingHyphen = true;
        } else if (const QString ascii = transliterate(c); !ascii.isEmpty()) {
            append(ascii);
        }
        if (slug.size() >= maximumLength)
            break;
    }
    slug.truncate(maximumLength);
    while (slug.endsWith(u'-'))
        slug.chop(1);
    return slug.isEmpty() ? QStringLiteral("post") : slug;
}

QString Slug::unique(const QString &base, const std::function<bool(const QString &)> &isTaken)
{
    const QString stem = base.isEmpty() ? QStringLiteral("post") : base;
    const auto free = [&](const QString &slug) {
        return !SiteUrls::isReservedSlug(slug) && !isTaken(slug);
    };
    if (free(stem))
        return stem;
    constexpr int maximumTries = 10'000;
    for (int n = 2; n <= maximumTries; ++n) {
        const QString suffix = u'-' + QString::number(n);
        QString slug = stem.left(maximumLength - suffix.size());
        while (slug.endsWith(u'-'))
            slug.chop(1);
        slug += suffix;
        if (free(slug))
            return slug;
    }
    return stem.left(maximumLength - 6) + u'-' + QString::number(maximumTries + 1);
}

} // namespace inkwell::publish
