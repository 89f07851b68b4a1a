#pragma once

#include "model/revision.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>

namespace inkwell::test {

class Replica;

// A seeded random story for N replicas of one blog: creates, edits of each replica's own body
// lines, title edits, tag additions, deletes and syncs in random order; then every replica syncs
// and resolves conflicts until all agree. Records what each replica wrote so that the end state
// can be checked for lost edits.
class RandomPlay
{
public:
    RandomPlay(QList<Replica *> replicas, quint32 seed);

    // Runs the random operations; false (see error()) when a sync failed.
    bool play(int operations);
    // Syncs and resolves until no replica has pending or conflicted posts (bounded).
    bool converge();
    // Empty when every live post keeps every edit its replicas made (posts that were ever
    // deleted are exempt), else a description of the first lost edit.
    QString lostEdit(const QList<model::Revision> &server) const;
    QString error() const { return m_error; }
    QStringList touched() const { return m_posts; }

    static QString initialBody(int replicas);

private:
    bool syncReplica(int index);
    void resolveConflicts(int index);
    void createPost(int index);
    void editLine(int index, const QString &guid);

    QList<Replica *> m_replicas;
    quint32 m_seed;
    quint64 m_state;
    QStringList m_posts; // created in this play
    QHash<QString, QHash<int, QString>> m_lines; // guid -> line -> last value its owner wrote
    QHash<QString, QSet<QString>> m_titles; // every title written
    QHash<QString, QSet<QString>> m_tags; // every tag added
    QSet<QString> m_everDeleted;
    QString m_error;
    int m_counter = 0;

    quint32 next(quint32 bound);
};

} // namespace inkwell::test
