#include "storetestutil.h"

#include "store/localstore.h"
#include "store/postrepository.h"
#include "store/syncrepository.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <atomic>

namespace inkwell::test {

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

QVariant rawExec(const QString &path, const QStringList &statements)
{
    static std::atomic<int> counter{0};
    const QString name = QStringLiteral("test-raw-%1").arg(counter++);
    QVariant result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (!db.open()) {
            QTest::qFail(qPrintable(db.lastError().text()), __FILE__, __LINE__);
        } else {
            for (const QString &sql : statements) {
                QSqlQuery query(db);
                if (!query.exec(sql)) {
                    QTest::qFail(qPrintable(sql + QStringLiteral(": ") + query.lastError().text()),
                                 __FILE__, __LINE__);
                    break;
                }
                result = query.next() ? query.value(0) : QVariant();
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

model::PostFields fields(const QString &title, const QString &body)
{
    model::PostFields result;
    result.title = title;
    result.body = body;
    return result;
}

model::Revision serverRevision(const QString &guid, qint64 rev, const QString &title, bool deleted)
{
    model::Revision result;
    result.guid = guid;
    result.rev = rev;
    result.deleted = deleted;
    result.fields = fields(title, QStringLiteral("body of ") + title);
    result.createdBy = QStringLiteral("ann");
    result.modifiedBy = QStringLiteral("bob");
    result.modifiedAt = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000 + rev, Qt::UTC);
    return result;
}

model::Post syncedPost(store::LocalStore &store, const QString &title)
{
    model::Revision revision;
    revision.guid = model::createGuid();
    revision.rev = 1;
    revision.fields = fields(title, QStringLiteral("body"));
    [&] {
        QCOMPARE(*store.sync().upsertFromServer(QStringLiteral("b"), revision),
                 store::PullOutcome::Applied);
    }();
    return *store.posts().post(revision.guid);
}

} // namespace inkwell::test
