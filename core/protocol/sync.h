#pragma once

#include "model/error.h"
#include "model/postfields.h"
#include "model/revision.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace inkwell::protocol {

// One pushed change. base_rev is the server revision the client's version is based on
// (0 for a post the server has never seen); op_id makes a retried push idempotent.
struct Change
{
    QString opId;
    QString guid;
    qint64 baseRev = 0;
    bool deleted = false;
    model::PostFields fields;
    // protocol::encode(fields) when the sender has it already (the op_id hashes that text):
    // written as it is instead of encoding the fields a second time. Not part of the change:
    // decoding leaves it empty, and == does not compare it.
    QByteArray encodedFields = {};

    friend bool operator==(const Change &a, const Change &b)
    {
        return a.opId == b.opId && a.guid == b.guid && a.baseRev == b.baseRev
                && a.deleted == b.deleted && a.fields == b.fields;
    }
};

// POST /api/v1/blogs/{blog}/sync body: push `changes`, then pull what is newer than `cursor`.
struct SyncRequest
{
    QString cursor; // opaque; empty = from the start
    // The server database's identity the cursor belongs to (isValidEpoch); empty = not sent.
    // A different one than the server's is refused with ResyncRequired.
    QString epoch;
    int limit = 0; // wanted page size; 0 = the server's default; capped by the server
    QList<Change> changes;

    friend bool operator==(const SyncRequest &, const SyncRequest &) = default;
};

enum class ItemStatus { Applied, Conflict, Rejected };

QString itemStatusName(ItemStatus status);

// The outcome of one pushed change. rev is the new revision (Applied), the server's current
// revision (Conflict) or 0 (Rejected); error is set only for Rejected. An Applied result also
// carries the server's metadata of revision `rev` (modifiedAt valid), except a replayed op_id
// whose post has changed since: then all three are empty.
struct ItemResult
{
    QString opId;
    QString guid;
    ItemStatus status = ItemStatus::Applied;
    qint64 rev = 0;
    Error error;
    QString createdBy{};
    QString modifiedBy{};
    QDateTime modifiedAt{};

    bool hasMetadata() const { return modifiedAt.isValid(); }

    friend bool operator==(const ItemResult &, const ItemResult &) = default;
};

// A pulled change the client cannot take because it breaks the protocol's rules (e.g. a title
// past the limit that an older server stored). The rest of its page still applies. guid and rev
// are empty/0 when the change has no valid one.
struct InvalidChange
{
    QString guid;
    qint64 rev = 0;
    Error error; // Malformed or TooLarge naming the field; InvalidArgument if it cannot be stored

    friend bool operator==(const InvalidChange &, const InvalidChange &) = default;
};

// The sync answer: per-change results in request order, the server's current version of every
// conflicting post, and one page of changes with rev > cursor in rev order, minus the revisions
// this very request created (its Applied results describe them; the cursor still passes them).
struct SyncResponse
{
    QList<ItemResult> results;
    QList<model::Revision> conflicts;
    QList<model::Revision> changes;
    QString cursor; // pass back in the next request
    bool more = false; // another page is waiting
    // The identity of the server database the cursor and revisions belong to; a restored or
    // replaced database has another. Empty only from a server that predates epochs.
    QString epoch;
    // Decoding only (never encoded): the changes of the page that did not decode, in page order.
    QList<InvalidChange> invalidChanges;

    friend bool operator==(const SyncResponse &, const SyncResponse &) = default;
};

} // namespace inkwell::protocol
