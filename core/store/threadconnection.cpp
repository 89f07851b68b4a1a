#include "store/threadconnection.h"

#include "store/sqlerror.h"
#include "store/storelogging.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace inkwell::store {

Statement::~Statement()
{
    if (m_query)
        m_query->finish();
}

Result<void> Statement::exec(const QVariantList &values, const QString &context)
{
    int index = 0;
    for (const QVariant &value : values) {
        // A null QString would bind as SQL NULL; text columns store "" instead. SQL NULL is
        // bound from an invalid QVariant.
        if (value.typeId() == QMetaType::QString && value.toString().isNull())
            m_query->bindValue(index++, QStringLiteral(""));
        else
            m_query->bindValue(index++, value);
    }
    if (!m_query->exec())
        return errorFromSql(m_query->lastError(), context);
    return {};
}

bool Statement::next()
{
    return m_query->next();
}

Result<void> Statement::status(const QString &context) const
{
    if (m_query->lastError().isValid())
        return errorFromSql(m_query->lastError(), context);
    return {};
}

ThreadConnection::ThreadConnection(const QString &name, const QString &path, Access access)
    : m_name(name)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
    db.setDatabaseName(path);
    // The driver's busy handler waits up to this long for another connection's write lock.
    QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000");
    if (access == Access::ReadOnly)
        options += QStringLiteral(";QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI");
    db.setConnectOptions(options);
}

ThreadConnection::~ThreadConnection()
{
    qDeleteAll(m_statements);
    m_statements.clear();
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_name);
}

QSqlDatabase ThreadConnection::database() const
{
    return QSqlDatabase::database(m_name, false);
}

Result<void> ThreadConnection::open()
{
    QSqlDatabase db = database();
    if (!db.isValid())
        return Error{ErrorCode::DatabaseOpen,
                     QStringLiteral("the QSQLITE driver is not available")};
    if (!db.open())
        return errorFromSql(db.lastError(), QStringLiteral("opening the database"));
    return {};
}

void ThreadConnection::notePostChanged(const QString &guid)
{
    if (!changedPostSet.contains(guid)) {
        changedPostSet.insert(guid);
        changedPosts.append(guid);
    }
}

void ThreadConnection::noteAttachmentAdded(const QString &sha256)
{
    if (!addedAttachments.contains(sha256))
        addedAttachments.append(sha256);
}

void ThreadConnection::truncateChanges(qsizetype postsMark, qsizetype attachmentsMark)
{
    while (changedPosts.size() > postsMark)
        changedPostSet.remove(changedPosts.takeLast());
    while (addedAttachments.size() > attachmentsMark)
        addedAttachments.removeLast();
}

Result<Statement> ThreadConnection::statement(const QString &sql)
{
    auto it = m_statements.constFind(sql);
    if (it != m_statements.constEnd())
        return Statement(*it);
    auto query = std::make_unique<QSqlQuery>(database());
    query->setForwardOnly(true);
    if (!query->prepare(sql))
        return errorFromSql(query->lastError(), QStringLiteral("preparing ") % sql.left(60));
    QSqlQuery *raw = query.release();
    m_statements.insert(sql, raw);
    return Statement(raw);
}

Result<void> ThreadConnection::exec(const QString &sql)
{
    QSqlQuery query(database());
    if (!query.exec(sql))
        return errorFromSql(query.lastError(), sql.left(60));
    return {};
}

Result<QVariant> ThreadConnection::scalar(const QString &sql)
{
    QSqlQuery query(database());
    query.setForwardOnly(true);
    if (!query.exec(sql))
        return errorFromSql(query.lastError(), sql.left(60));
    if (!query.next()) {
        if (query.lastError().isValid())
            return errorFromSql(query.lastError(), sql.left(60));
        return QVariant();
    }
    return query.value(0);
}

} // namespace inkwell::store
