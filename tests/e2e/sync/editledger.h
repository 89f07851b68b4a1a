#pragma once

#include "model/post.h"
#include "model/revision.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

namespace inkwell::test {

// What the writers of a random story put into posts, and which of it must survive.
//
// A write is one value a replica put into a post: a body line (unique text, found anywhere in
// the body), a title, or a tag (the pair post and tag). It is *acknowledged* once a server
// version of the post is seen to hold it (observe(): a replica's base or theirs after a sync).
// It may legitimately disappear only when it was *dropped* deliberately:
// - superseded: a writer replaced it in a copy that held it (an edit of that line or title), or
// - discarded: a conflict resolution had it in mine or in theirs and its result does not hold it
//   (keep-both moves what mine held and the result lacks to the new post instead).
// Everything else that was acknowledged must be in the server's final version of a live post.
class EditLedger
{
public:
    enum class Slot { Line, Title, Tag };

    struct Write
    {
        QString guid;
        Slot slot = Slot::Line;
        QString value;
        QString origin; // "r1 op 7", for messages
        bool acknowledged = false;
        QString dropped; // why it may be gone; empty while it must survive
    };

    void record(const QString &guid, Slot slot, const QString &value, const QString &origin);
    // A writer replaced previous (a line or the title) in a copy of guid that held it.
    void supersede(const QString &guid, Slot slot, const QString &previous, const QString &by);
    // A server version of guid: every write it holds is acknowledged.
    void observe(const QString &guid, const model::PostFields &server);
    // A resolution of guid chose result from mine and theirs; copy is keep-both's new post.
    void resolved(const QString &guid, const model::PostFields &mine,
                  const model::PostFields &theirs, const model::PostFields &result,
                  const QString &choice, const model::Post *copy = nullptr);

    // The first acknowledged write that is not dropped and not in the server's live version of
    // its post (or a missing post that was never deleted); empty when none. `deleted` holds the
    // posts some writer deleted.
    QString lost(const QHash<QString, model::Revision> &server, const QSet<QString> &deleted) const;

    qsizetype acknowledgedCount() const;
    qsizetype droppedCount() const;

    static bool holds(const model::PostFields &fields, Slot slot, const QString &value);

private:
    QList<Write> m_writes;
};

} // namespace inkwell::test
