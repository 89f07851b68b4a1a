#pragma once

#include "editledger.h"

#include "model/revision.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>

namespace inkwell::merge {
class MergeSession;
}

namespace inkwell::test {

class Replica;

// A seeded random story for N replicas of one blog: creates, edits of each replica's own body
// lines and of lines all replicas share, title edits, tag additions, publish toggles,
// edit-and-revert (a post pending with fields equal to its base), deletes (also of posts another
// replica is editing), restores of deleted posts, conflict resolutions and syncs in random order;
// then every replica syncs and resolves until all agree. Conflicts are settled through
// store::ConflictResolver with a random choice per post: keep mine, take theirs, keep both, or a
// merge::MergeSession with random field, deletion and per-hunk choices (custom lines included).
// An EditLedger records what each replica wrote and what each resolution chose, so that the end
// state can be checked for lost acknowledged text.
class RandomPlay
{
public:
    // How often the story did what (summed over seeds, shows that the paths are taken).
    struct Counts
    {
        int deletes = 0;
        int deletesOfEditedPosts = 0;
        int restores = 0;
        int editsReverted = 0;
        int revertedThenDeleted = 0; // a pending post equal to its base merged into a delete
        int keptMine = 0;
        int tookTheirs = 0;
        int keptBoth = 0;
        int choseHunks = 0;
        int customHunks = 0;
        int acknowledged = 0;
        int dropped = 0;

        Counts &operator+=(const Counts &other);
        QString toString() const;
    };

    // The server's versions that changed since the last call (every blog post, any story);
    // false when the server could not be read.
    using ServerChanges = std::function<bool(QList<model::Revision> *)>;

    // serverChanges is asked after every sync: what it returns is what the server acknowledged.
    RandomPlay(QList<Replica *> replicas, quint32 seed, ServerChanges serverChanges);

    // Runs the random operations; false (see error()) when a sync or a resolution failed.
    bool play(int operations);
    // Syncs and resolves until no replica has pending or conflicted posts (bounded).
    bool converge();
    // Empty when every acknowledged write that no choice dropped is in the server's version of
    // its live post, no post is deleted that nobody deleted and every title is one a writer
    // chose; else a description of the first failure.
    QString lostEdit(const QList<model::Revision> &server) const;
    QString error() const { return m_error; }
    // The posts of this story, keep-both's copies included.
    QStringList touched() const { return m_posts; }
    Counts counts() const;

    static QString initialBody(int replicas);

private:
    enum class Resolution { KeepMine, TakeTheirs, KeepBoth, PerHunk };

    bool syncReplica(int index);
    bool observeServer();
    bool resolveConflicts(int index);
    bool resolveConflict(int index, const QString &guid);
    void chooseRandomly(int index, merge::MergeSession &session, QStringList *customLines);
    void createPost(int index);
    void editLine(int index, const QString &guid, int line);
    void editTitle(int index, const QString &guid);
    void addTag(int index, const QString &guid);
    void editAndRevert(int index, const QString &guid);
    void remove(int index, const QString &guid);
    QString postOthersAreEditing(int index);
    QString deletedPost(int index);
    QString origin(int index) const;
    static bool tracing(); // INKWELL_SYNC_TRACE is set: every operation is printed

    QList<Replica *> m_replicas;
    ServerChanges m_serverChanges;
    quint32 m_seed;
    quint64 m_state;
    QStringList m_posts; // created in this play, keep-both copies included
    EditLedger m_ledger;
    QSet<QString> m_titles; // every title a writer or keep-both chose
    QSet<QString> m_everDeleted;
    QString m_error;
    int m_counter = 0;
    int m_operation = 0;
    Counts m_counts;

    quint32 next(quint32 bound);
};

} // namespace inkwell::test
