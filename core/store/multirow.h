#pragma once

#include "model/result.h"
#include "store/threadconnection.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace inkwell::store::multirow {

// `rows` rows of `columns` placeholders each, "(?, ?), (?, ?)", for a multi-row VALUES list.
inline QString placeholders(qsizetype rows, qsizetype columns)
{
    const QString row =
            u'(' + QStringList(columns, QStringLiteral("?")).join(QStringLiteral(", ")) + u')';
    return QStringList(rows, row).join(QStringLiteral(", "));
}

// Runs the statement sqlFor(rows) once per chunk of items, with appendValues() called for each
// item of the chunk. One statement per chunk instead of one per item: besides saving statement
// overhead (a pulled page or a push's answer is hundreds of posts) this matters for the full-text
// index, because FTS5 flushes its pending terms at the end of every statement that fires its
// triggers, so a statement per post writes a tiny index segment per post and merges them over and
// over (several times slower on real text). Chunks of 128, 64, ..., 1 rows: at most eight
// statement texts to keep prepared, and 128 rows of a dozen values stay far below SQLite's limit
// of placeholders.
template<typename Item>
Result<void> inChunks(ThreadConnection &connection, const QList<Item> &items,
                      QString (*sqlFor)(qsizetype rows),
                      void (*appendValues)(QVariantList *, const Item &), const QString &what)
{
    constexpr qsizetype LargestChunk = 128;
    QVariantList values;
    for (qsizetype first = 0, rows = 0; first < items.size(); first += rows) {
        rows = LargestChunk;
        while (rows > items.size() - first)
            rows /= 2;
        auto statement = connection.statement(sqlFor(rows));
        if (!statement)
            return statement.error();
        values.clear();
        for (qsizetype i = first; i < first + rows; ++i)
            appendValues(&values, items.at(i));
        if (auto done = statement->exec(values, what); !done)
            return done;
    }
    return {};
}

} // namespace inkwell::store::multirow
