#pragma once

#include <QStringList>

namespace inkwell::test {

// The statements that take a database of the current schema back to schema 5 (they undo schema
// 6, the public site; schema 7 changed no table), for the tests of upgrades from earlier schemas;
// each test then undoes its own older steps and deletes their rows of schema_migrations, every
// row from its step on.
inline QStringList undoSiteSchema()
{
    return {QStringLiteral("DROP TABLE post_slugs"),
            QStringLiteral("DROP TABLE site_posts"),
            QStringLiteral("DROP INDEX blogs_slug"),
            QStringLiteral("ALTER TABLE blogs DROP COLUMN public"),
            QStringLiteral("ALTER TABLE blogs DROP COLUMN slug"),
            QStringLiteral("ALTER TABLE blogs DROP COLUMN description"),
            QStringLiteral("ALTER TABLE blogs DROP COLUMN site_rev")};
}

} // namespace inkwell::test
