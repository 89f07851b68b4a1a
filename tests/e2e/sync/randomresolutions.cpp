// RandomPlay's conflict resolutions: a random choice per conflicted post through
// store::ConflictResolver, recorded in the ledger.
#include "randomplay.h"

#include "replica.h"

#include "merge/mergesession.h"
#include "store/conflictresolver.h"

#include <algorithm>

namespace inkwell::test {

void RandomPlay::chooseRandomly(int index, merge::MergeSession &session, QStringList *customLines)
{
    using merge::FieldChoice;
    using merge::HunkChoice;
    using merge::MergeField;
    static const FieldChoice sides[] = {FieldChoice::Mine, FieldChoice::Theirs, FieldChoice::Base};
    for (MergeField field :
         {MergeField::Title, MergeField::Tags, MergeField::State, MergeField::Cover}) {
        // Every conflicting field, and now and then one that merged cleanly (an override).
        if (session.isConflicting(field) || next(8) == 0)
            session.chooseField(field, sides[next(3)]);
    }
    if (session.isConflicting(MergeField::Deletion))
        session.chooseField(MergeField::Deletion,
                            next(2) == 0 ? FieldChoice::Mine : FieldChoice::Theirs);
    static const HunkChoice choices[] = {HunkChoice::Mine, HunkChoice::Theirs,
                                         HunkChoice::MineThenTheirs, HunkChoice::TheirsThenMine,
                                         HunkChoice::Base};
    for (qsizetype hunk = 0; hunk < session.hunkCount(); ++hunk) {
        if (session.hunkChoice(hunk) != HunkChoice::Open && next(6) != 0)
            continue;
        const quint32 pick = next(9);
        const QString custom =
                QStringLiteral("r%1 custom %2 of hunk %3").arg(index).arg(++m_counter).arg(hunk);
        if (pick < 5) {
            session.chooseHunk(hunk, choices[pick]);
        } else if (pick == 5) {
            session.setHunkLines(hunk, {custom});
            customLines->append(custom);
            ++m_counts.customHunks;
        } else if (pick == 6) {
            session.setHunkLines(hunk, {custom, session.hunk(hunk).mine.value(0)});
            customLines->append(custom);
            ++m_counts.customHunks;
        } else if (pick == 7) {
            session.setHunkLines(hunk, {QString()}); // exactly one blank line
            ++m_counts.customHunks;
        } else {
            session.setHunkLines(hunk, {}); // the region removed
            ++m_counts.customHunks;
        }
    }
}

bool RandomPlay::resolveConflict(int index, const QString &guid)
{
    Replica *replica = m_replicas[index];
    store::ConflictResolver resolver(replica->store());
    auto conflict = resolver.conflict(guid);
    const auto fail = [&](const QString &what, const Error &error) {
        m_error = QStringLiteral("seed %1: replica %2 could not %3 %4: %5")
                          .arg(m_seed)
                          .arg(index)
                          .arg(what, guid, error.message);
        return false;
    };
    if (!conflict)
        return fail(QStringLiteral("read the conflict of"), conflict.error());
    const merge::Version mine = conflict->session.mine();
    const merge::Version theirs = conflict->session.theirs();
    const qint64 theirsRev = conflict->theirsRev;
    const quint32 roll = next(20);
    Resolution resolution = roll < 5 ? Resolution::KeepMine
            : roll < 10              ? Resolution::TakeTheirs
            : roll < 13              ? Resolution::KeepBoth
                                     : Resolution::PerHunk;
    if (resolution == Resolution::KeepBoth && mine.deleted)
        resolution = Resolution::TakeTheirs; // a deleted mine has nothing to keep
    if (tracing())
        qInfo("seed %u: replica %d resolves %s with %d (mine deleted %d, theirs deleted %d)\n"
              "base:\n%s\nmine:\n%s\ntheirs:\n%s",
              m_seed, index, qPrintable(guid.left(8)), int(resolution), int(mine.deleted),
              int(theirs.deleted), qPrintable(conflict->session.base().fields.body),
              qPrintable(mine.fields.body), qPrintable(theirs.fields.body));
    const QString by = QStringLiteral("a resolution of r%1 at op %2").arg(index).arg(m_operation);
    switch (resolution) {
    case Resolution::KeepMine: {
        auto kept = resolver.keepMine(guid, theirsRev);
        if (!kept)
            return fail(QStringLiteral("keep mine of"), kept.error());
        m_ledger.resolved(guid, mine.fields, theirs.fields, kept->fields,
                          QStringLiteral("keep mine, ") + by);
        ++m_counts.keptMine;
        return true;
    }
    case Resolution::TakeTheirs: {
        auto taken = resolver.takeTheirs(guid, theirsRev);
        if (!taken)
            return fail(QStringLiteral("take theirs of"), taken.error());
        m_ledger.resolved(guid, mine.fields, theirs.fields, taken->fields,
                          QStringLiteral("take theirs, ") + by);
        ++m_counts.tookTheirs;
        return true;
    }
    case Resolution::KeepBoth: {
        auto both = resolver.keepBoth(guid, theirsRev);
        if (!both)
            return fail(QStringLiteral("keep both of"), both.error());
        m_posts.append(both->copy.guid);
        m_titles.insert(both->copy.fields.title);
        m_ledger.resolved(guid, mine.fields, theirs.fields, both->original.fields,
                          QStringLiteral("keep both, ") + by, &both->copy);
        ++m_counts.keptBoth;
        return true;
    }
    case Resolution::PerHunk:
        break;
    }
    merge::MergeSession session = conflict->session;
    QStringList customLines;
    chooseRandomly(index, session, &customLines);
    const auto result = session.resolved();
    if (!result)
        return fail(QStringLiteral("settle every choice of"), result.error());
    auto saved = resolver.resolveWith(guid, *result, theirsRev);
    if (!saved)
        return fail(QStringLiteral("save the chosen result of"), saved.error());
    m_ledger.resolved(guid, mine.fields, theirs.fields, saved->fields,
                      QStringLiteral("choices per hunk, ") + by);
    ++m_counts.choseHunks;
    for (const QString &line : std::as_const(customLines)) {
        if (EditLedger::holds(saved->fields, EditLedger::Slot::Line, line))
            m_ledger.record(guid, EditLedger::Slot::Line, line, origin(index));
    }
    return true;
}

bool RandomPlay::resolveConflicts(int index)
{
    // In the story's order of posts, so that the random choices do not depend on timestamps.
    QStringList guids;
    for (const model::Post &post : m_replicas[index]->conflicted())
        guids.append(post.guid);
    std::sort(guids.begin(), guids.end(), [&](const QString &a, const QString &b) {
        return m_posts.indexOf(a) < m_posts.indexOf(b);
    });
    for (const QString &guid : std::as_const(guids)) {
        if (!resolveConflict(index, guid))
            return false;
    }
    return true;
}

} // namespace inkwell::test
