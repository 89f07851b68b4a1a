#include "support/searchindexcheck.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace inkwell::test {

namespace {

QString differenceIn(QSqlDatabase &db)
{
    // FTS5's 'integrity-check' with rank 1 would compare with every row of the content table,
    // tombstones too, which the index leaves out; the reference index takes the live ones.
    const QStringList setup{
            QStringLiteral("INSERT INTO posts_fts (posts_fts) VALUES ('integrity-check')"),
            QStringLiteral("CREATE VIRTUAL TABLE temp.reference USING fts5(title, body, "
                           "tokenize='unicode61 remove_diacritics 2')"),
            QStringLiteral("INSERT INTO temp.reference (rowid, title, body) "
                           "SELECT id, title, body FROM posts WHERE deleted = 0"),
            QStringLiteral("CREATE VIRTUAL TABLE temp.reference_terms "
                           "USING fts5vocab('temp', 'reference', 'instance')"),
            QStringLiteral("CREATE VIRTUAL TABLE temp.index_terms "
                           "USING fts5vocab('main', 'posts_fts', 'instance')"),
    };
    QSqlQuery query(db);
    for (const QString &sql : setup) {
        if (!query.exec(sql))
            return sql + QStringLiteral(": ") + query.lastError().text();
    }
    const QString compare = QStringLiteral(
            "SELECT (SELECT count(*) FROM (SELECT * FROM temp.reference_terms EXCEPT "
            "SELECT * FROM temp.index_terms)), (SELECT count(*) FROM (SELECT * FROM "
            "temp.index_terms EXCEPT SELECT * FROM temp.reference_terms)), "
            "(SELECT count(*) FROM temp.reference_terms)");
    if (!query.exec(compare) || !query.next())
        return QStringLiteral("comparing the index: ") + query.lastError().text();
    const qint64 missing = query.value(0).toLongLong();
    const qint64 extra = query.value(1).toLongLong();
    if (missing == 0 && extra == 0)
        return QString();
    return QStringLiteral("the search index lacks %1 and holds %2 extra of %3 term positions")
            .arg(missing)
            .arg(extra)
            .arg(query.value(2).toLongLong());
}

} // namespace

QString searchIndexDifferenceAt(const QString &databasePath)
{
    const QString name = QStringLiteral("inkwell.test.searchindex:") + databasePath;
    QString difference;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(databasePath);
        if (db.open())
            difference = differenceIn(db);
        else
            difference = QStringLiteral("cannot open the database: ") + db.lastError().text();
    }
    QSqlDatabase::removeDatabase(name);
    return difference;
}

} // namespace inkwell::test
