#pragma once

#include <QString>

#include <functional>

namespace inkwell::publish {

// The one slug rule for post and tag URLs.
class Slug final
{
public:
    static constexpr int maximumLength = 80;

    // Lower-case ASCII letters, digits and single hyphens, no hyphen at either end, at most
    // maximumLength characters. Common Latin letters are transliterated (ä→ae, ö→oe, ü→ue, ß→ss,
    // é→e, ...), anything else separates words or is dropped. Never empty: "post" when nothing is
    // left.
    static QString fromTitle(const QString &title);

    // base, or base-2, base-3, ... : the first that isTaken() refuses and that is not a reserved
    // path of the site (SiteUrls::isReservedSlug). Asks isTaken() at most 10,000 times.
    static QString unique(const QString &base, const std::function<bool(const QString &)> &isTaken);
};

// Shorthands for Slug::fromTitle / Slug::unique.
inline QString slugify(const QString &title)
{
    return Slug::fromTitle(title);
}
inline QString uniqueSlug(const QString &base, const std::function<bool(const QString &)> &isTaken)
{
    return Slug::unique(base, isTaken);
}

} // namespace inkwell::publish
