#pragma once

#include "model/result.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <memory>

class QSqlDatabase;
class QSqlQuery;

namespace inkwell::store {

// A cached prepared statement in use; reset (finish()) when it goes out of scope so no read
// stays open. Bind, exec, then read rows through query().
class Statement final
{
public:
    explicit Statement(QSqlQuery *query) : m_query(query) { }
    Statement(Statement &&other) noexcept : m_query(std::exchange(other.m_query, nullptr)) { }
    Statement &operator=(Statement &&) = delete;
    Statement(const Statement &) = delete;
    ~Statement();

    // Binds values to the positional placeholders in order and executes. A null QString binds
    // as "", an invalid QVariant as SQL NULL.
    Result<void> exec(const QVariantList &values, const QString &context);
    QSqlQuery &query() { return *m_query; }
    // Moves to the next row; false at the end (or on a read error, reported by exec's caller).
    bool next();
    // An error that ended next() early (e.g. a damaged page), or success.
    Result<void> status(const QString &context) const;

private:
    QSqlQuery *m_query;
};

// One thread's SQLite connection to a store (QSqlDatabase named after store, path and thread)
// with its prepared statements and the state of the write transaction in progress.
class ThreadConnection final
{
public:
    enum class Access {
        ReadWrite, // path is a file path
        ReadOnly, // path is a file: URI
    };

    ThreadConnection(const QString &name, const QString &path, Access access);
    ~ThreadConnection();
    Q_DISABLE_COPY_MOVE(ThreadConnection)

    // Opens the file; DatabaseOpen/ReadOnly/Corrupt when SQLite cannot.
    Result<void> open();
    QString name() const { return m_name; }

    // A cached prepared statement for sql, ready to bind.
    Result<Statement> statement(const QString &sql);
    // Runs one statement without caching it (pragmas, DDL, transaction control).
    Result<void> exec(const QString &sql);
    // The first column of the first row of sql.
    Result<QVariant> scalar(const QString &sql);

    int depth = 0; // nesting of LocalStore::write() on this thread; 0 = no transaction
    // A statement failed in a way that leaves the transaction unusable (SQLite rolled it back
    // itself, or a repository change stopped half-way): the outermost write() rolls back.
    bool transactionLost = false;
    QStringList changedPosts; // in the open transaction, in order of first change
    QSet<QString> changedPostSet;
    QStringList addedAttachments;

    void notePostChanged(const QString &guid);
    void noteAttachmentAdded(const QString &sha256);
    // Forgets the changes noted after the marks (a rolled-back savepoint).
    void truncateChanges(qsizetype postsMark, qsizetype attachmentsMark);

private:
    QSqlDatabase database() const;

    const QString m_name;
    QHash<QString, QSqlQuery *> m_statements;
};

} // namespace inkwell::store
