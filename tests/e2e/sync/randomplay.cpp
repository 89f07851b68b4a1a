#include "randomplay.h"

#include "replica.h"

#include "merge/postmerge.h"
#include "store/syncrepository.h"

namespace inkwell::test {

namespace {

constexpr int LinesPerReplica = 3; // each replica owns 3 lines, then a separator line

int firstLine(int replica)
{
    return replica * (LinesPerReplica + 1);
}

} // namespace

RandomPlay::RandomPlay(QList<Replica *> replicas, quint32 seed)
    : m_replicas(std::move(replicas)), m_seed(seed), m_state(seed)
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
    return lines.join(u'\n') + u'\n';
}

bool RandomPlay::syncReplica(int index)
{
    const auto result = m_replicas[index]->sync();
    if (qEnvironmentVariableIsSet("INKWELL_SYNC_TRACE") && result) {
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
    return true;
}

void RandomPlay::createPost(int index)
{
    model::PostFields fields;
    fields.title = QStringLiteral("s%1 post %2").arg(m_seed).arg(++m_counter);
    fields.body = initialBody(int(m_replicas.size()));
    const model::Post post = m_replicas[index]->create(fields);
    m_posts.append(post.guid);
    m_titles[post.guid].insert(fields.title);
}

void RandomPlay::editLine(int index, const QString &guid)
{
    const int line = firstLine(index) + int(next(LinesPerReplica));
    const QString value =
            QStringLiteral("r%1 edit %2 of line %3").arg(index).arg(++m_counter).arg(line);
    m_replicas[index]->edit(guid, [&](model::PostFields &fields) {
        QStringList lines = fields.body.split(u'\n');
        if (line < lines.size())
            lines[line] = value;
        fields.body = lines.join(u'\n');
    });
    m_lines[guid][line] = value;
}

bool RandomPlay::play(int operations)
{
    createPost(int(next(quint32(m_replicas.size()))));
    for (int op = 0; op < operations; ++op) {
        const int index = int(next(quint32(m_replicas.size())));
        Replica *replica = m_replicas[index];
        const QString guid = m_posts.at(int(next(quint32(m_posts.size()))));
        const model::Post post = replica->post(guid);
        const bool live = !post.guid.isEmpty() && !post.deleted;
        const quint32 kind = next(100);
        if (qEnvironmentVariableIsSet("INKWELL_SYNC_TRACE"))
            qInfo("seed %u: replica %d op %u on %s (live %d)", m_seed, index, kind,
                  qPrintable(guid.left(8)), int(live));
        if (kind < 12) {
            createPost(index);
        } else if (kind < 45 && live) {
            editLine(index, guid);
        } else if (kind < 57 && live) {
            const QString title = QStringLiteral("r%1 title %2").arg(index).arg(++m_counter);
            replica->edit(guid, [&](model::PostFields &f) { f.title = title; });
            m_titles[guid].insert(title);
        } else if (kind < 65 && live) {
            const QString tag = QStringLiteral("t%1").arg(next(6));
            replica->edit(guid, [&](model::PostFields &f) {
                if (!f.tags.contains(tag))
                    f.tags.append(tag);
            });
            m_tags[guid].insert(tag);
        } else if (kind < 69 && live) {
            replica->remove(guid);
            m_everDeleted.insert(guid);
        } else if (!syncReplica(index)) {
            return false;
        }
    }
    return true;
}

void RandomPlay::resolveConflicts(int index)
{
    Replica *replica = m_replicas[index];
    for (const model::Post &post : replica->conflicted()) {
        if (qEnvironmentVariableIsSet("INKWELL_SYNC_TRACE"))
            qInfo("seed %u: replica %d resolves %s (mine deleted %d, theirs deleted %d)", m_seed,
                  index, qPrintable(post.guid.left(8)), int(post.deleted),
                  int(post.theirs->deleted));
        // The writer's choices: keep a deleted post alive with the edits, otherwise everything
        // that merges plus the writer's own value where both changed the same field.
        if (post.deleted) {
            (void)replica->store().sync().acceptTheirs(post.guid);
            continue;
        }
        if (post.theirs->deleted) {
            (void)replica->store().sync().resolve(post.guid, post.fields);
            continue;
        }
        const merge::Version base{post.base.value_or(model::PostFields{}), false};
        const merge::PostMerge merged = merge::mergePost(
                base, {post.fields, false}, {post.theirs->fields, post.theirs->deleted});
        (void)replica->store().sync().resolve(post.guid, merged.merged.fields);
    }
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
                resolveConflicts(index);
                if (!syncReplica(index))
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
    for (const model::Revision &revision : server) {
        if (!m_posts.contains(revision.guid))
            continue;
        if (revision.deleted) {
            if (!m_everDeleted.contains(revision.guid))
                return QStringLiteral("seed %1: %2 deleted by nobody")
                        .arg(m_seed)
                        .arg(revision.guid);
            continue;
        }
        if (!m_titles.value(revision.guid).contains(revision.fields.title))
            return QStringLiteral("seed %1: unknown title %2")
                    .arg(m_seed)
                    .arg(revision.fields.title);
        if (m_everDeleted.contains(revision.guid))
            continue; // a delete and its restore may legitimately drop concurrent edits
        const QStringList lines = revision.fields.body.split(u'\n');
        const auto expected = m_lines.value(revision.guid);
        for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
            if (lines.value(it.key()) != it.value())
                return QStringLiteral("seed %1: post %2 line %3 is '%4', expected '%5'")
                        .arg(m_seed)
                        .arg(revision.guid)
                        .arg(it.key())
                        .arg(lines.value(it.key()), it.value());
        }
        for (const QString &tag : m_tags.value(revision.guid)) {
            if (!revision.fields.tags.contains(tag))
                return QStringLiteral("seed %1: post %2 lost tag %3")
                        .arg(m_seed)
                        .arg(revision.guid, tag);
        }
    }
    return QString();
}

} // namespace inkwell::test
