#pragma once

#include "model/result.h"

#include <QByteArray>
#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace inkwell::sqlite {
class WalCheckpointer;
}

namespace inkwell::store {

// A cached prepared statement in use; reset when it goes out of scope so no read stays open.
// Bind and execute with exec(), then read rows with next() and the column accessors.
//
// Statements run on SQLite's own API (see ThreadConnection): QSqlQuery's binding costs a string
// and a hash insert per value, which was the largest single cost of writing a pulled page of
// posts.
class Statement final
{
public:
    Statement(sqlite3_stmt *statement, sqlite3 *db) : m_statement(statement), m_db(db) { }
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&) = delete;
    Statement(const Statement &) = delete;
    ~Statement();

    // Binds values to the positional placeholders in order and executes up to the first row.
    // A null QString binds as "", an invalid QVariant as SQL NULL.
    Result<void> exec(const QVariantList &values, const QString &context);
    // Moves to the next row (the first one after exec()); false at the end or on a read error,
    // which status() then reports.
    bool next();
    // An error that ended next() early (e.g. a damaged page), or success.
    Result<void> status(const QString &context) const;

    // Columns of the current row. value() is typed as stored: qint64, double, QString,
    // QByteArray, or an invalid QVariant for NULL.
    QVariant value(int column) const;
    QString text(int column) const; // "" for NULL
    qint64 integer(int column) const; // 0 for NULL
    QByteArray blob(int column) const;
    bool isNull(int column) const;
    // Rows changed by the last exec() of an INSERT, UPDATE or DELETE.
    int changes() const;

private:
    Result<void> bind(int index, const QVariant &value);

    sqlite3_stmt *m_statement;
    sqlite3 *m_db;
    bool m_rowPending = false; // exec() stepped onto a row that next() has not returned yet
    int m_error = 0; // SQLite result code that ended next(), 0 if none
    QString m_errorText;
};

// One thread's SQLite connection to a store's file, with its prepared statements and the state of
// the write transaction in progress.
class ThreadConnection final
{
public:
    explicit ThreadConnection(const QString &path);
    ~ThreadConnection();
    Q_DISABLE_COPY_MOVE(ThreadConnection)

    // Opens the file; DatabaseOpen/ReadOnly/Corrupt when SQLite cannot.
    Result<void> open();
    // Connections open in this process, of every store and thread (for tests).
    static int openCount();
    // SQLite's connection (valid after open()).
    sqlite3 *handle() const { return m_db; }

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
    // The outermost write() of the open transaction leaves the search index behind.
    bool searchIndexLater = false;
    // Kept alive as long as this connection: its commit hook points to it (LocalStore).
    std::shared_ptr<sqlite::WalCheckpointer> checkpointer;

    void notePostChanged(const QString &guid);
    void noteAttachmentAdded(const QString &sha256);
    // Forgets the changes noted after the marks (a rolled-back savepoint).
    void truncateChanges(qsizetype postsMark, qsizetype attachmentsMark);

private:
    Result<sqlite3_stmt *> prepare(const QString &sql);
    void finalizeStatements();

    const QString m_path;
    sqlite3 *m_db = nullptr; // owned; closed by the destructor
    QHash<QString, sqlite3_stmt *> m_statements;
};

} // namespace inkwell::store
