#include "server/store/siteslug.h"

#include <QStringList>

namespace inkwell::server::store {

QString siteSlug(const QString &text, const QString &fallback)
{
    constexpr qsizetype maxLength = 60;
    const QString decomposed = text.normalized(QString::NormalizationForm_KD).toLower();
    QString slug;
    bool gap = false;
    for (const QChar c : decomposed) {
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9')) {
            if (gap && !slug.isEmpty())
                slug += u'-';
            gap = false;
            slug += c;
        } else if (!c.isMark()) {
            gap = true;
        }
        if (slug.size() >= maxLength)
            break;
    }
    while (slug.endsWith(u'-'))
        slug.chop(1);
    return slug.isEmpty() ? fallback : slug;
}

bool isReservedSiteSlug(const QString &slug)
{
    static const QStringList reserved{QStringLiteral("tag"),   QStringLiteral("media"),
                                      QStringLiteral("page"),  QStringLiteral("feed"),
                                      QStringLiteral("style"), QStringLiteral("index")};
    return reserved.contains(slug);
}

} // namespace inkwell::server::store
