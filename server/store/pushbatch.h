#pragma once

#include "model/result.h"
#include "model/revision.h"
#include "protocol/sync.h"
#include "server/store/revisionfields.h"
#include "server/store/serverstore.h"
#include "server/store/sitewriter.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

class QSqlDatabase;

// Internal to the server store: one push applied as a batch.
namespace inkwell::server::store {

enum class Driver;
class SqliteReader;
class Statement;

// The post columns the store reads, in the order revisionFrom() expects them.
QString postColumns();
// The post in a row's postColumns(), starting at column `first`.
model::Revision revisionFrom(const Statement &row, int first = 0);
// The same of the current row of a statement read on SQLite's own API.
model::Revision revisionFrom(const SqliteReader &row, int first = 0);

// The server rule for the changes of one push: load() reads everything the changes meet (the
// blog's last revision, their recorded op_ids, their current posts) with one statement,
// apply() runs the rule for each change in request order in memory (a change sees the earlier
// ones of the same push, exactly as separate pushes would), and write() stores every applied
// change, its op_id and the blog's new last revision - one statement on PostgreSQL, one prepared
// statement per row on SQLite.
// A change's fields as the push stores them: the JSON of the post row and its compressed form
// for the revision. Made before the push takes the blog's write lock (encode()), so that other
// pushes do not wait for it; apply() makes it for changes that were not encoded beforehand.
struct EncodedFields
{
    QByteArray json; // empty: not encoded yet
    StoredFields stored;
    qint64 bodyBytes = 0; // the body's UTF-8 length, for the history's list

    static EncodedFields of(const model::PostFields &fields);
    // For each change, the fields it would store if applied (a tombstone keeps the current
    // fields, which only apply() knows: left empty). A large list is encoded on several
    // threads.
    static QList<EncodedFields> of(const QList<protocol::Change> &changes);
};

class PushBatch
{
public:
    PushBatch(qint64 blogId, QString accountName);

    // Reads what `changes` meet; NotFound when there is no such blog.
    Result<void> load(QSqlDatabase &db, Driver driver, const QList<protocol::Change> &changes);
    // The outcome of one change against the state so far, which it updates when applied;
    // `encoded` is EncodedFields::of(change.fields) or empty.
    ApplyOutcome apply(const protocol::Change &change, const EncodedFields &encoded = {});
    // Whether apply() applied anything, i.e. write() has something to store.
    bool hasWrites() const { return !m_newOps.isEmpty(); }
    // Writes what apply() applied and returns true. PostgreSQL writes only while the blog's last
    // revision is still the one load() read, and returns false (nothing written) otherwise:
    // run outside a transaction, the whole push is then one atomic statement. SQLite's caller
    // holds the write lock since load().
    Result<bool> write(QSqlDatabase &db, Driver driver) const;

    // The posts whose visibility on the public site the applied changes change (see updateSite).
    QList<SiteChange> siteChanges() const;

    qint64 blogId() const { return m_blogId; }
    // The blog's last revision including the changes applied so far.
    qint64 lastRev() const { return m_lastRev; }

private:
    struct RecordedOp
    {
        QString guid;
        qint64 rev = 0;
    };
    // A current post as load() read it or apply() made it. A loaded post has its fields only
    // where a change needs them (a conflict's answer, a tombstone: see loadFields()), so a push
    // of edits reads none of the fields it replaces.
    struct Current
    {
        model::Revision revision;
        bool visible = false; // on the public site
    };
    struct NewOp
    {
        QString opId;
        QString guid;
        qint64 rev = 0;
        qint64 appliedAt = 0;
    };
    // One revision this push made, for post_revisions (every applied change, in order).
    struct NewRevision
    {
        model::Revision revision;
        EncodedFields fields; // made once, for the revision and (if it is the last) the post
    };

    Result<void> loadFields(QSqlDatabase &db, Driver driver,
                            const QList<protocol::Change> &changes);
    Result<bool> writePostgres(QSqlDatabase &db) const;
    Result<bool> writeSqlite(QSqlDatabase &db) const;

    qint64 m_blogId;
    QString m_accountName;
    qint64 m_loadedRev = 0; // the blog's last revision as load() read it
    qint64 m_lastRev = 0;
    QHash<QString, RecordedOp> m_ops; // op_id -> result, stored before or applied by this push
    QHash<QString, Current> m_posts; // guid -> current version
    QList<QString> m_writtenGuids; // posts this push writes, in the order first written
    QList<NewOp> m_newOps;
    QList<NewRevision> m_newRevisions;
    QHash<QString, qsizetype> m_lastRevisionOf; // guid -> index of its last m_newRevisions
    QSet<QString> m_visibleBefore; // written posts that were on the public site before the push
};

} // namespace inkwell::server::store
