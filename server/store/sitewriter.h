#pragma once

#include "model/result.h"

#include <QList>
#include <QString>

class QSqlDatabase;

// Internal to the server store: what a push changes on the public site.
namespace inkwell::server::store {

// A post whose visibility on the site changes with a push: it becomes visible (published and
// not deleted) or stops being visible. `at` is the time of the change (ms since the epoch).
struct SiteChange
{
    QString guid;
    QString title;
    bool visible = false;
    qint64 at = 0;
};

// Records the changes inside the caller's write transaction: a post visible for the first time
// is listed at `at` and gets a slug from its title, unique in the blog; a post that was visible
// before keeps its slug and its place; a post that stops being visible is hidden at once.
Result<void> updateSite(QSqlDatabase &db, qint64 blogId, const QList<SiteChange> &changes);

// A slug for `title` that no post of the blog has used yet (current or old).
Result<QString> unusedPostSlug(QSqlDatabase &db, qint64 blogId, const QString &title);

} // namespace inkwell::server::store
