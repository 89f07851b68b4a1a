#pragma once

#include <QList>
#include <QString>

namespace inkwell::protocol {

// One blog the account belongs to.
struct BlogSummary
{
    qint64 id = 0; // used in /api/v1/blogs/{id}/...
    QString name;

    friend bool operator==(const BlogSummary &, const BlogSummary &) = default;
};

// GET /api/v1/blogs answer.
struct BlogList
{
    QList<BlogSummary> blogs;

    friend bool operator==(const BlogList &, const BlogList &) = default;
};

} // namespace inkwell::protocol
