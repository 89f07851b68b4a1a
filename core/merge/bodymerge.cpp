#include "merge/bodymerge.h"

#include "merge/linediff.h"

#include <unordered_map>
#include <vector>

namespace inkwell::merge {

namespace {

// Lines as small integers so the diff compares ints, not strings.
class LineInterner
{
public:
    std::vector<int> intern(const QStringList &lines)
    {
        std::vector<int> ids;
        ids.reserve(size_t(lines.size()));
        for (const QString &line : lines)
            ids.push_back(m_ids.try_emplace(line, int(m_ids.size())).first->second);
        return ids;
    }

private:
    std::unordered_map<QString, int> m_ids;
};

// The edits of one side that fall into the current group, and how to read that side's lines.
struct SideEdits
{
    const QList<LineEdit> &edits;
    const QStringList &lines;
    qsizetype next = 0; // first edit not yet grouped

    bool touches(qsizetype groupEnd) const
    {
        return next < edits.size() && edits[next].baseStart <= groupEnd;
    }
};

// The lines a side has for base[groupStart, groupEnd), given its edits [first, last] in the group.
QStringList sideLines(const SideEdits &side, qsizetype first, qsizetype groupStart,
                      qsizetype groupEnd, const QStringList &base)
{
    if (first == side.next)
        return base.mid(groupStart, groupEnd - groupStart);
    const LineEdit &head = side.edits[first];
    const LineEdit &tail = side.edits[side.next - 1];
    const qsizetype start = head.sideStart - (head.baseStart - groupStart);
    const qsizetype end = tail.sideEnd + (groupEnd - tail.baseEnd);
    return side.lines.mid(start, end - start);
}

BodyHunk unchangedHunk(const QStringList &base, qsizetype start, qsizetype end)
{
    const QStringList lines = base.mid(start, end - start);
    return BodyHunk{HunkKind::Unchanged, lines, lines, lines};
}

// Takes the next group of edits: the earliest edit of either side plus every edit of both sides
// that overlaps or touches it (no unchanged base line between them), transitively.
// Returns the group's base range.
QPair<qsizetype, qsizetype> takeGroup(SideEdits &mine, SideEdits &theirs)
{
    const bool mineFirst = theirs.next >= theirs.edits.size()
            || (mine.next < mine.edits.size()
                && mine.edits[mine.next].baseStart <= theirs.edits[theirs.next].baseStart);
    const LineEdit &seed = mineFirst ? mine.edits[mine.next] : theirs.edits[theirs.next];
    qsizetype groupEnd = seed.baseEnd;
    for (bool grew = true; grew;) {
        grew = false;
        for (SideEdits *side : {&mine, &theirs}) {
            while (side->touches(groupEnd)) {
                groupEnd = std::max(groupEnd, side->edits[side->next].baseEnd);
                ++side->next;
                grew = true;
            }
        }
    }
    return {seed.baseStart, groupEnd};
}

// Builds the hunks from both sides' edits. A group changed by both sides differently is a
// conflict (see docs/merge.md for why touching edits conflict too).
QList<BodyHunk> buildHunks(const QStringList &base, SideEdits mine, SideEdits theirs)
{
    QList<BodyHunk> hunks;
    qsizetype position = 0;
    while (mine.next < mine.edits.size() || theirs.next < theirs.edits.size()) {
        const qsizetype mineFirstEdit = mine.next;
        const qsizetype theirsFirstEdit = theirs.next;
        const auto [groupStart, groupEnd] = takeGroup(mine, theirs);
        if (position < groupStart)
            hunks.append(unchangedHunk(base, position, groupStart));
        BodyHunk hunk;
        hunk.base = base.mid(groupStart, groupEnd - groupStart);
        hunk.mine = sideLines(mine, mineFirstEdit, groupStart, groupEnd, base);
        hunk.theirs = sideLines(theirs, theirsFirstEdit, groupStart, groupEnd, base);
        const bool mineChanged = mine.next > mineFirstEdit;
        const bool theirsChanged = theirs.next > theirsFirstEdit;
        if (mineChanged && theirsChanged)
            hunk.kind = hunk.mine == hunk.theirs ? HunkKind::MergedFromBoth : HunkKind::Conflict;
        else
            hunk.kind = mineChanged ? HunkKind::MergedFromMine : HunkKind::MergedFromTheirs;
        hunks.append(hunk);
        position = groupEnd;
    }
    if (position < base.size())
        hunks.append(unchangedHunk(base, position, base.size()));
    return hunks;
}

QStringList resolvedLines(const BodyHunk &hunk, const HunkResolution &resolution)
{
    using Choice = HunkResolution::Choice;
    switch (resolution.choice) {
    case Choice::Mine:
        return hunk.mine;
    case Choice::Theirs:
        return hunk.theirs;
    case Choice::MineThenTheirs:
        return hunk.mine + hunk.theirs;
    case Choice::TheirsThenMine:
        return hunk.theirs + hunk.mine;
    case Choice::Base:
        return hunk.base;
    case Choice::Custom:
        break;
    }
    return resolution.customLines;
}

} // namespace

const QStringList &BodyHunk::merged() const
{
    switch (kind) {
    case HunkKind::Unchanged:
        return base;
    case HunkKind::MergedFromTheirs:
        return theirs;
    case HunkKind::MergedFromMine:
    case HunkKind::MergedFromBoth:
    case HunkKind::Conflict:
        break;
    }
    return mine;
}

BodyMerge BodyMerge::merge(const QString &base, const QString &mine, const QString &theirs)
{
    const QStringList baseLines = splitLines(base);
    const QStringList mineLines = splitLines(mine);
    const QStringList theirsLines = splitLines(theirs);

    LineInterner interner;
    const std::vector<int> baseIds = interner.intern(baseLines);
    const QList<LineEdit> mineEdits = diffLines(baseIds, interner.intern(mineLines));
    const QList<LineEdit> theirsEdits = diffLines(baseIds, interner.intern(theirsLines));

    BodyMerge result;
    result.m_hunks = buildHunks(baseLines, SideEdits{mineEdits, mineLines},
                                SideEdits{theirsEdits, theirsLines});
    for (const BodyHunk &hunk : std::as_const(result.m_hunks)) {
        if (hunk.kind == HunkKind::Conflict)
            ++result.m_conflictCount;
    }
    // When one input is the answer, return it byte for byte (its line endings included).
    if (mine == theirs || theirs == base) {
        result.m_verbatim = mine;
        result.m_isVerbatim = true;
    } else if (mine == base) {
        result.m_verbatim = theirs;
        result.m_isVerbatim = true;
    }
    return result;
}

QString BodyMerge::text() const
{
    if (m_isVerbatim)
        return m_verbatim;
    QStringList lines;
    for (const BodyHunk &hunk : m_hunks)
        lines += hunk.merged();
    return joinLines(lines);
}

Result<QString> BodyMerge::resolve(const QHash<qsizetype, HunkResolution> &resolutions) const
{
    if (!hasConflicts())
        return text();
    QStringList lines;
    for (qsizetype i = 0; i < m_hunks.size(); ++i) {
        const BodyHunk &hunk = m_hunks[i];
        if (hunk.kind != HunkKind::Conflict) {
            lines += hunk.merged();
            continue;
        }
        const auto found = resolutions.constFind(i);
        if (found == resolutions.cend()) {
            return Result<QString>(ErrorCode::InvalidArgument,
                                   QStringLiteral("conflict hunk %1 has no resolution").arg(i));
        }
        lines += resolvedLines(hunk, *found);
    }
    return joinLines(lines);
}

QStringList splitLines(const QString &text)
{
    QStringList lines;
    qsizetype start = 0;
    const qsizetype size = text.size();
    for (qsizetype i = 0; i < size; ++i) {
        const QChar c = text.at(i);
        if (c != u'\n' && c != u'\r')
            continue;
        lines.append(text.mid(start, i - start));
        if (c == u'\r' && i + 1 < size && text.at(i + 1) == u'\n')
            ++i;
        start = i + 1;
    }
    lines.append(text.mid(start));
    return lines;
}

QString joinLines(const QStringList &lines)
{
    return lines.join(u'\n');
}

} // namespace inkwell::merge
