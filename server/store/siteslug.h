#pragma once

#include <QString>

namespace inkwell::server::store {

// The slug of a title or blog name: lower-case ASCII letters and digits joined by single
// hyphens, at most 60 characters; `fallback` when nothing of the text remains.
QString siteSlug(const QString &text, const QString &fallback);
// Whether a post may not take the slug because the site's own paths use it.
bool isReservedSiteSlug(const QString &slug);

} // namespace inkwell::server::store
