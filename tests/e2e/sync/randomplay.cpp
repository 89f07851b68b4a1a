#include "randomplay.h"

#include "replica.h"

#include "store/syncrepository.h"

#include <algorithm>

namespace inkwell::test {

namespace {

constexpr int LinesPerReplica = 3; // each replica owns 3 lines, then a separator line
constexpr int SharedLines = 2; // then lines every replica edits: body conflicts

int firstLine(int replica)
{
    return replica * (LinesPerReplica + 1);
}

QString joined(const QStringList &lines)
{
    return lines.join(u'\n');
}

} // namespace

RandomPlay::Counts &RandomPlay::Counts::operator+=(const Counts &other)
{
    deletes += other.deletes;
    deletesOfEditedPosts += other.deletesOfEditedPosts;
    restores += other.restores;
    editsReverted += other.editsReverted;
    revertedThenDeleted += other.revertedThenDeleted;
    keptMine += other.keptMine;
    tookTheirs += other.tookTheirs;
    keptBoth += other.keptBoth;
    choseHunks += other.choseHunks;
    customHunks += other.customHunks;
    acknowledged += other.acknowledged;
    dropped += other.dropped;
    return *this;
}

QString RandomPlay::Counts::toString() const
{
    return QStringLiteral("%1 deletes (%2 of posts others edited), %3 restores, %4 edits reverted "
                          "(%12 then merged into a delete); resolutions: %5 keep mine, %6 take "
                          "theirs, %7 keep both, %8 per hunk (%9 custom hunks); %10 acknowledged "
                          "writes, %11 dropped by choice")
            .arg(deletes)
            .arg(deletesOfEditedPosts)
            .arg(restores)
            .arg(editsReverted)
            .arg(keptMine)
            .arg(tookTheirs)
            .arg(keptBoth)
            .arg(choseHunks)
            .arg(customHunks)
            .arg(acknowledged)
            .arg(dropped)
            .arg(revertedThenDeleted);
}

RandomPlay::Counts RandomPlay::counts() const
{
    Counts counts = m_counts;
    counts.acknowledged = int(m_ledger.acknowledgedCount());
    counts.dropped = int(m_ledger.droppedCount());
    return counts;
}

RandomPlay::RandomPlay(QList<Replica *> replicas, quint32 seed, ServerChanges serverChanges)
    : m_replicas(std::move(replicas)), m_serverChanges(std::move(serverChanges)), m_seed(seed),
      m_state(seed)
{ }

quint32 RandomPlay::next(quint32 bound)
{
    // splitmix64: tiny, seedable, and the same on every platform.
    m_state += 0x9e3779b97f4a7c15ULL;
    quint64 z = m_state;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return quint32((z ^ (z >> 31)) % bound);
}

QString RandomPlay::initialBody(int replicas)
{
    QStringList lines;
    for (int r = 0; r < replicas; ++r) {
        for (int i = 0; i < LinesPerReplica; ++i)
            lines.append(QStringLiteral("line %1").arg(firstLine(r) + i));
        lines.append(QStringLiteral("----"));
    }
    for (int i = 0; i < SharedLines; ++i)
        lines.append(QStringLiteral("shared %1").arg(i));
    return joined(lines) + u'\n';
}

bool RandomPlay::tracing()
{
    static const bool trace = qEnvironmentVariableIsSet("INKWELL_SYNC_TRACE");
    return trace;
}

QString RandomPlay::origin(int index) const
{
    return QStringLiteral("r%1 op %2").arg(index).arg(m_operation);
}

bool RandomPlay::syncReplica(int index)
{
    // Posts pending with nothing changed (edit-and-revert): a delete from elsewhere merges
    // cleanly into a delete, which must not stop the sync.
    QStringList unchanged;
    for (const QString &guid : std::as_const(m_posts)) {
        const model::Post post = m_replicas[index]->post(guid);
        if (post.syncStatus == model::SyncStatus::NeedsSync && !post.deleted && post.rev > 0
            && post.base == post.fields)
            unchanged.append(guid);
    }
    const auto result = m_replicas[index]->sync();
    if (tracing() && result) {
        qInfo("seed %u: replica %d synced: pushed %d pulled %d merged %d conflicts %d, pending %d",
              m_seed, index, result->pushed, result->pulled, result->merged, result->conflicts,
              m_replicas[index]->pendingCount());
    }
    if (!result) {
        m_error = QStringLiteral("seed %1: replica %2 sync failed: %3")
                          .arg(m_seed)
                          .arg(index)
                          .arg(m_replicas[index]->lastError().message);
        return false;
    }
    for (const QString &guid : std::as_const(unchanged)) {
        if (m_replicas[index]->post(guid).deleted)
            ++m_counts.revertedThenDeleted;
    }
    return observeServer();
}

bool RandomPlay::observeServer()
{
    // Every version the server stored since the last look: what it holds is acknowledged. (A
    // replica's own base is not evidence: a pushed delete keeps the server's last fields.)
    QList<model::Revision> changes;
    if (!m_serverChanges(&changes)) {
        m_error = QStringLiteral("seed %1: the server's changes could not be read").arg(m_seed);
        return false;
    }
    for (const model::Revision &revision : std::as_const(changes)) {
        if (m_posts.contains(revision.guid))
            m_ledger.observe(revision.guid, revision.fields);
    }
    return true;
}

void RandomPlay::createPost(int index)
{
    model::PostFields fields;
    fields.title = QStringLiteral("s%1 post %2").arg(m_seed).arg(++m_counter);
    fields.body = initialBody(int(m_replicas.size()));
    const model::Post post = m_replicas[index]->create(fields);
    m_posts.append(post.guid);
    m_titles.insert(fields.title);
    m_ledger.record(post.guid, EditLedger::Slot::Title, fields.title, origin(index));
}

void RandomPlay::editLine(int index, const QString &guid, int line)
{
    const QString value =
            QStringLiteral("r%1 edit %2 of line %3").arg(index).arg(++m_counter).arg(line);
    QString previous;
    bool written = false;
    m_replicas[index]->edit(guid, [&](model::PostFields &fields) {
        QStringList lines = fields.body.split(u'\n');
        if (line >= lines.size())
            return; // a resolution removed lines
        previous = lines[line];
        lines[line] = value;
        fields.body = joined(lines);
        written = true;
    });
    if (!written)
        return;
    m_ledger.supersede(guid, EditLedger::Slot::Line, previous, origin(index));
    m_ledger.record(guid, EditLedger::Slot::Line, value, origin(index));
}

void RandomPlay::editTitle(int index, const QString &guid)
{
    const QString title = QStringLiteral("r%1 title %2").arg(index).arg(++m_counter);
    const QString previous = m_replicas[index]->post(guid).fields.title;
    m_replicas[index]->edit(guid, [&](model::PostFields &f) { f.title = title; });
    m_titles.insert(title);
    m_ledger.supersede(guid, EditLedger::Slot::Title, previous, origin(index));
    m_ledger.record(guid, EditLedger::Slot::Title, title, origin(index));
}

void RandomPlay::addTag(int index, const QString &guid)
{
    const QString tag = QStringLiteral("t%1").arg(next(6));
    if (m_replicas[index]->post(guid).fields.tags.contains(tag))
        return;
    m_replicas[index]->edit(guid, [&](model::PostFields &f) { f.tags.append(tag); });
    m_ledger.record(guid, EditLedger::Slot::Tag, tag, origin(index));
}

void RandomPlay::editAndRevert(int index, const QString &guid)
{
    // Two saves: a change, then the previous value back. The post is NeedsSync with the fields
    // it had (its base, when it was synced); nothing of it is a new write.
    Replica *replica = m_replicas[index];
    const model::PostFields before = replica->post(guid).fields;
    const QString passing = QStringLiteral("r%1 passing %2").arg(index).arg(++m_counter);
    if (next(2) == 0) {
        const int line = int(next(quint32(before.body.count(u'\n') + 1)));
        replica->edit(guid, [&](model::PostFields &f) {
            QStringList lines = f.body.split(u'\n');
            lines[line] = passing;
            f.body = joined(lines);
        });
    } else {
        replica->edit(guid, [&](model::PostFields &f) { f.title = passing; });
    }
    replica->edit(guid, [&](model::PostFields &f) { f = before; });
    ++m_counts.editsReverted;
}

void RandomPlay::remove(int index, const QString &guid)
{
    if (m_replicas[index]->remove(guid)) {
        m_everDeleted.insert(guid);
        ++m_counts.deletes;
    }
}

QString RandomPlay::postOthersAreEditing(int index)
{
    // Preferably one another replica edited and reverted (pending, fields equal to its base).
    QStringList edited;
    QStringList reverted;
    for (const QString &guid : std::as_const(m_posts)) {
        const model::Post mine = m_replicas[index]->post(guid);
        if (mine.guid.isEmpty() || mine.deleted || mine.syncStatus == model::SyncStatus::Conflicted)
            continue;
        for (int other = 0; other < m_replicas.size(); ++other) {
            const model::Post theirs = m_replicas[other]->post(guid);
            if (other == index || theirs.guid.isEmpty() || theirs.deleted
                || theirs.syncStatus == model::SyncStatus::Synced)
                continue;
            (theirs.base == theirs.fields ? reverted : edited).append(guid);
            break;
        }
    }
    const QStringList &candidates = !reverted.isEmpty() && next(2) == 0 ? reverted
            : !edited.isEmpty()                                         ? edited
                                                                        : reverted;
    return candidates.isEmpty() ? QString() : candidates.at(next(quint32(candidates.size())));
}

QString RandomPlay::deletedPost(int index)
{
    QStringList candidates;
    for (const QString &guid : std::as_const(m_posts)) {
        if (m_replicas[index]->post(guid).deleted)
            candidates.append(guid);
    }
    return candidates.isEmpty() ? QString() : candidates.at(next(quint32(candidates.size())));
}

bool RandomPlay::play(int operations)
{
    createPost(int(next(quint32(m_replicas.size()))));
    const int sharedLine = int(m_replicas.size()) * (LinesPerReplica + 1);
    for (m_operation = 0; m_operation < operations; ++m_operation) {
        const int index = int(next(quint32(m_replicas.size())));
        Replica *replica = m_replicas[index];
        const QString guid = m_posts.at(int(next(quint32(m_posts.size()))));
        const model::Post post = replica->post(guid);
        const bool live = !post.guid.isEmpty() && !post.deleted;
        const bool conflicted = post.syncStatus == model::SyncStatus::Conflicted;
        const quint32 kind = next(100);
        if (tracing())
            qInfo("seed %u: replica %d op %u on %s (live %d)", m_seed, index, kind,
                  qPrintable(guid.left(8)), int(live));
        QString target;
        if (kind < 4) {
            createPost(index);
        } else if (kind < 14 && live) {
            editLine(index, guid, firstLine(index) + int(next(LinesPerReplica)));
        } else if (kind < 38 && live) {
            editLine(index, guid, sharedLine + int(next(SharedLines)));
        } else if (kind < 48 && live) {
            editTitle(index, guid);
        } else if (kind < 52 && live) {
            addTag(index, guid);
        } else if (kind < 55 && live) {
            replica->edit(guid, [](model::PostFields &f) {
                f.state = f.state == model::PublishState::Draft ? model::PublishState::Published
                                                                : model::PublishState::Draft;
            });
        } else if (kind < 62 && live) {
            editAndRevert(index, guid);
        } else if (kind >= 62 && kind < 65 && live && !conflicted) {
            remove(index, guid);
        } else if (kind >= 65 && kind < 71 && !(target = postOthersAreEditing(index)).isEmpty()) {
            // Deleted and synced at once, so the editor's next sync meets the delete.
            remove(index, target);
            ++m_counts.deletesOfEditedPosts;
            if (!syncReplica(index))
                return false;
        } else if (kind >= 71 && kind < 75 && !(target = deletedPost(index)).isEmpty()) {
            if (replica->restore(target))
                ++m_counts.restores;
        } else if (kind >= 75 && kind < 79) {
            if (!resolveConflicts(index))
                return false;
        } else if (!syncReplica(index)) {
            return false;
        }
    }
    return true;
}

bool RandomPlay::converge()
{
    for (int round = 0; round < 12; ++round) {
        bool quiet = true;
        QList<int> order;
        for (int i = 0; i < m_replicas.size(); ++i)
            order.insert(int(next(quint32(order.size() + 1))), i);
        for (int index : order) {
            if (!syncReplica(index))
                return false;
            if (m_replicas[index]->pendingCount() != 0) {
                quiet = false;
                if (!resolveConflicts(index) || !syncReplica(index))
                    return false;
            }
        }
        if (quiet) {
            for (int i = 0; i < m_replicas.size(); ++i) {
                if (m_replicas[i]->pendingCount() != 0)
                    quiet = false;
            }
        }
        if (quiet) {
            // Nothing left to push anywhere: one more pull each and every replica has it all.
            for (int i = 0; i < m_replicas.size(); ++i) {
                if (!syncReplica(i))
                    return false;
            }
            return true;
        }
    }
    m_error = QStringLiteral("seed %1: replicas did not settle in 12 rounds").arg(m_seed);
    return false;
}

QString RandomPlay::lostEdit(const QList<model::Revision> &server) const
{
    QHash<QString, model::Revision> mine;
    for (const model::Revision &revision : server) {
        if (!m_posts.contains(revision.guid))
            continue;
        mine.insert(revision.guid, revision);
        if (revision.deleted && !m_everDeleted.contains(revision.guid))
            return QStringLiteral("seed %1: %2 deleted by nobody").arg(m_seed).arg(revision.guid);
        if (!revision.deleted && !m_titles.contains(revision.fields.title))
            return QStringLiteral("seed %1: unknown title %2")
                    .arg(m_seed)
                    .arg(revision.fields.title);
    }
    const QString lost = m_ledger.lost(mine, m_everDeleted);
    return lost.isEmpty() ? QString() : QStringLiteral("seed %1: %2").arg(m_seed).arg(lost);
}

} // namespace inkwell::test
