#include "merge/mergesession.h"

#include <algorithm>

namespace inkwell::merge {

namespace {

constexpr qsizetype kFieldCount = qsizetype(MergeField::Deletion) + 1;

bool fieldConflicts(const PostMerge &merge, MergeField field)
{
    switch (field) {
    case MergeField::Title:
        return merge.title.has_value();
    case MergeField::Tags:
        return false;
    case MergeField::State:
        return merge.state.has_value();
    case MergeField::Cover:
        return merge.cover.has_value();
    case MergeField::Deletion:
        return merge.deletion != DeleteConflict::None;
    }
    return false;
}

// Open only where there is a conflict, Merged only where there is none; the deletion only
// takes a side, and only when it is the edit-versus-delete conflict.
bool acceptsFieldChoice(MergeField field, bool conflicting, FieldChoice choice)
{
    if (field == MergeField::Deletion)
        return conflicting && (choice == FieldChoice::Mine || choice == FieldChoice::Theirs);
    if (choice == FieldChoice::Open)
        return conflicting;
    if (choice == FieldChoice::Merged)
        return !conflicting;
    return true;
}

template<typename T>
T pick(FieldChoice choice, const T &merged, const T &base, const T &mine, const T &theirs)
{
    switch (choice) {
    case FieldChoice::Mine:
        return mine;
    case FieldChoice::Theirs:
        return theirs;
    case FieldChoice::Base:
        return base;
    case FieldChoice::Open:
    case FieldChoice::Merged:
        break;
    }
    return merged;
}

QStringList linesFor(const BodyHunk &hunk, HunkChoice choice, const QStringList &custom)
{
    switch (choice) {
    case HunkChoice::Open:
    case HunkChoice::Mine:
        return hunk.mine;
    case HunkChoice::Merged:
        return hunk.merged();
    case HunkChoice::Theirs:
        return hunk.theirs;
    case HunkChoice::MineThenTheirs:
        return hunk.mine + hunk.theirs;
    case HunkChoice::TheirsThenMine:
        return hunk.theirs + hunk.mine;
    case HunkChoice::Base:
        return hunk.base;
    case HunkChoice::Custom:
        break;
    }
    return custom;
}

HunkChoice hunkChoiceFor(FieldChoice side)
{
    switch (side) {
    case FieldChoice::Mine:
        return HunkChoice::Mine;
    case FieldChoice::Theirs:
        return HunkChoice::Theirs;
    case FieldChoice::Base:
        return HunkChoice::Base;
    case FieldChoice::Open:
    case FieldChoice::Merged:
        break;
    }
    return HunkChoice::Open;
}

// "2 body hunks, the title and the cover are not resolved".
QString describeOpen(qsizetype openHunks, const QStringList &openFields)
{
    QStringList parts;
    if (openHunks == 1)
        parts.append(QStringLiteral("1 body hunk"));
    else if (openHunks > 1)
        parts.append(QStringLiteral("%1 body hunks").arg(openHunks));
    parts += openFields;
    const bool plural = parts.size() > 1 || openHunks > 1;
    QString list = parts.constLast();
    if (parts.size() > 1)
        list = parts.mid(0, parts.size() - 1).join(QStringLiteral(", ")) + QStringLiteral(" and ")
                + list;
    return list
            + (plural ? QStringLiteral(" are not resolved") : QStringLiteral(" is not resolved"));
}

// The changed lines between two versions of the result: current[start, currentEnd) became
// edited[start, editedEnd), found as the common prefix and suffix.
struct LineChange
{
    qsizetype start = 0;
    qsizetype currentEnd = 0;
    qsizetype editedEnd = 0;
};

LineChange changedLines(const QStringList &current, const QStringList &edited)
{
    const qsizetype shorter = std::min(current.size(), edited.size());
    qsizetype prefix = 0;
    while (prefix < shorter && current[prefix] == edited[prefix])
        ++prefix;
    qsizetype suffix = 0;
    while (suffix < shorter - prefix
           && current[current.size() - 1 - suffix] == edited[edited.size() - 1 - suffix])
        ++suffix;
    return LineChange{prefix, current.size() - suffix, edited.size() - suffix};
}

// The first and last hunk a change falls in. A pure insertion goes into the hunk around it; at
// a boundary into an Open hunk touching it, else the hunk before it.
QPair<qsizetype, qsizetype> hunksOfChange(const QList<ResultRange> &ranges,
                                          const LineChange &change)
{
    const auto contains = [&](qsizetype index, qsizetype line) {
        return ranges[index].firstLine <= line
                && line < ranges[index].firstLine + ranges[index].lineCount;
    };
    qsizetype first = -1;
    qsizetype last = -1;
    if (change.currentEnd > change.start) {
        for (qsizetype i = 0; i < ranges.size() && last < 0; ++i) {
            if (first < 0 && contains(i, change.start))
                first = i;
            if (contains(i, change.currentEnd - 1))
                last = i;
        }
        return {first, last};
    }
    for (qsizetype i = 0; i < ranges.size(); ++i) {
        const ResultRange &range = ranges[i];
        if (range.firstLine > change.start || range.firstLine + range.lineCount < change.start)
            continue;
        if (first < 0)
            first = i;
        if (range.open)
            return {i, i};
    }
    return {first, first};
}

} // namespace

MergeSession::MergeSession(const Version &base, const Version &mine, const Version &theirs)
    : m_base(base), m_mine(mine), m_theirs(theirs), m_merge(mergePost(base, mine, theirs))
{
    for (qsizetype i = 0; i < kFieldCount; ++i) {
        const bool conflicting = fieldConflicts(m_merge, MergeField(i));
        m_choices.fields.append(conflicting ? FieldChoice::Open : FieldChoice::Merged);
    }
    const QList<BodyHunk> &hunks = m_merge.body.hunks();
    m_choices.hunks.reserve(hunks.size());
    for (const BodyHunk &bodyHunk : hunks) {
        m_choices.hunks.append(bodyHunk.kind == HunkKind::Conflict ? HunkChoice::Open
                                                                   : HunkChoice::Merged);
    }
    m_choices.customLines.resize(hunks.size());
}

bool MergeSession::isConflicting(MergeField field) const
{
    return fieldConflicts(m_merge, field);
}

FieldChoice MergeSession::fieldChoice(MergeField field) const
{
    return m_choices.fields.value(qsizetype(field), FieldChoice::Merged);
}

void MergeSession::chooseField(MergeField field, FieldChoice choice)
{
    const qsizetype index = qsizetype(field);
    if (index >= m_choices.fields.size()
        || !acceptsFieldChoice(field, isConflicting(field), choice))
        return;
    Choices next = m_choices;
    next.fields[index] = choice;
    apply(next);
}

qsizetype MergeSession::hunkCount() const
{
    return m_merge.body.hunks().size();
}

const BodyHunk &MergeSession::hunk(qsizetype index) const
{
    return m_merge.body.hunks().at(index);
}

HunkChoice MergeSession::hunkChoice(qsizetype index) const
{
    return m_choices.hunks.value(index, HunkChoice::Merged);
}

void MergeSession::chooseHunk(qsizetype index, HunkChoice choice)
{
    if (index < 0 || index >= hunkCount())
        return;
    const bool conflict = hunk(index).kind == HunkKind::Conflict;
    if ((choice == HunkChoice::Open && !conflict) || (choice == HunkChoice::Merged && conflict))
        return;
    if (choice == HunkChoice::Custom) {
        // Custom starts from what the hunk shows now; its lines are then edited.
        if (hunkChoice(index) != HunkChoice::Custom)
            setHunkLines(index, hunkResultLines(index));
        return;
    }
    Choices next = m_choices;
    next.hunks[index] = choice;
    next.customLines[index].clear();
    apply(next);
}

void MergeSession::setHunkLines(qsizetype index, const QStringList &lines)
{
    if (index < 0 || index >= hunkCount())
        return;
    Choices next = m_choices;
    next.hunks[index] = HunkChoice::Custom;
    next.customLines[index] = lines;
    apply(next);
}

QStringList MergeSession::hunkResultLines(qsizetype index) const
{
    return linesFor(hunk(index), hunkChoice(index), m_choices.customLines.at(index));
}

qsizetype MergeSession::unresolvedCount() const
{
    return m_choices.fields.count(FieldChoice::Open) + m_choices.hunks.count(HunkChoice::Open);
}

qsizetype MergeSession::nextOpenHunk(qsizetype from) const
{
    const qsizetype count = hunkCount();
    const qsizetype start = from < 0 ? -1 : std::min(from, count - 1);
    for (qsizetype step = 1; step <= count; ++step) {
        const qsizetype index = (start + step) % count;
        if (m_choices.hunks.at(index) == HunkChoice::Open)
            return index;
    }
    return -1;
}

qsizetype MergeSession::previousOpenHunk(qsizetype from) const
{
    const qsizetype count = hunkCount();
    const qsizetype start = from < 0 || from >= count ? count : from;
    for (qsizetype step = 1; step <= count; ++step) {
        const qsizetype index = ((start - step) % count + count) % count;
        if (m_choices.hunks.at(index) == HunkChoice::Open)
            return index;
    }
    return -1;
}

Version MergeSession::result() const
{
    Version result = m_merge.merged;
    model::PostFields &fields = result.fields;
    const model::PostFields &base = m_base.fields;
    const model::PostFields &mine = m_mine.fields;
    const model::PostFields &theirs = m_theirs.fields;
    fields.title = pick(fieldChoice(MergeField::Title), fields.title, base.title, mine.title,
                        theirs.title);
    fields.tags =
            pick(fieldChoice(MergeField::Tags), fields.tags, base.tags, mine.tags, theirs.tags);
    fields.state = pick(fieldChoice(MergeField::State), fields.state, base.state, mine.state,
                        theirs.state);
    fields.cover = pick(fieldChoice(MergeField::Cover), fields.cover, base.cover, mine.cover,
                        theirs.cover);
    fields.body = resultBody();
    result.deleted = resultIsDeleted();
    return result;
}

bool MergeSession::resultIsDeleted() const
{
    switch (fieldChoice(MergeField::Deletion)) {
    case FieldChoice::Open: // mine's state until the writer decides
    case FieldChoice::Mine:
        return m_mine.deleted;
    case FieldChoice::Theirs:
        return m_theirs.deleted;
    case FieldChoice::Merged:
    case FieldChoice::Base:
        break;
    }
    return m_merge.merged.deleted;
}

QString MergeSession::resultBody() const
{
    const bool untouched =
            std::all_of(m_choices.hunks.cbegin(), m_choices.hunks.cend(), [](HunkChoice choice) {
                return choice == HunkChoice::Open || choice == HunkChoice::Merged;
            });
    // The automatic merge as it is, byte for byte (it may be one input verbatim).
    if (untouched)
        return m_merge.merged.fields.body;
    return joinLines(resultLines());
}

QStringList MergeSession::resultLines() const
{
    QStringList lines;
    for (qsizetype i = 0; i < hunkCount(); ++i)
        lines += hunkResultLines(i);
    return lines;
}

QList<ResultRange> MergeSession::resultRanges() const
{
    QList<ResultRange> ranges;
    ranges.reserve(hunkCount());
    qsizetype line = 0;
    for (qsizetype i = 0; i < hunkCount(); ++i) {
        const qsizetype count = hunkResultLines(i).size();
        ranges.append(ResultRange{line, count, m_choices.hunks.at(i) == HunkChoice::Open});
        line += count;
    }
    return ranges;
}

Result<Version> MergeSession::resolved() const
{
    if (unresolvedCount() == 0)
        return result();
    static const char *const fieldNames[] = {"the title", "the tags", "the publish state",
                                             "the cover", "the deletion"};
    QStringList openFields;
    for (qsizetype i = 0; i < kFieldCount; ++i) {
        if (m_choices.fields.at(i) == FieldChoice::Open)
            openFields.append(QString::fromLatin1(fieldNames[i]));
    }
    return Result<Version>(ErrorCode::InvalidArgument,
                           describeOpen(m_choices.hunks.count(HunkChoice::Open), openFields));
}

void MergeSession::chooseAllOpen(FieldChoice side)
{
    if (side == FieldChoice::Open || side == FieldChoice::Merged)
        return;
    Choices next = m_choices;
    for (qsizetype i = 0; i < kFieldCount; ++i) {
        if (next.fields[i] == FieldChoice::Open
            && acceptsFieldChoice(MergeField(i), isConflicting(MergeField(i)), side))
            next.fields[i] = side;
    }
    for (HunkChoice &choice : next.hunks) {
        if (choice == HunkChoice::Open)
            choice = hunkChoiceFor(side);
    }
    apply(next);
}

void MergeSession::editResultBody(const QString &body)
{
    if (hunkCount() == 0 || resultBody() == body)
        return;
    const QStringList current = resultLines();
    const QStringList edited = splitLines(body);
    if (current == edited)
        return; // only line endings differ; the result uses '\n' anyway
    const LineChange change = changedLines(current, edited);
    const QList<ResultRange> ranges = resultRanges();
    const auto [first, last] = hunksOfChange(ranges, change);
    if (first < 0 || last < first)
        return;

    const qsizetype hunkStart = ranges[first].firstLine;
    const qsizetype hunkEnd = ranges[last].firstLine + ranges[last].lineCount;
    Choices next = m_choices;
    next.hunks[first] = HunkChoice::Custom;
    next.customLines[first] = current.mid(hunkStart, change.start - hunkStart)
            + edited.mid(change.start, change.editedEnd - change.start)
            + current.mid(change.currentEnd, hunkEnd - change.currentEnd);
    for (qsizetype i = first + 1; i <= last; ++i) {
        next.hunks[i] = HunkChoice::Custom;
        next.customLines[i].clear();
    }
    apply(next);
}

void MergeSession::remember()
{
    m_undo.append(m_choices);
    m_redo.clear();
}

void MergeSession::apply(const Choices &next)
{
    if (next == m_choices)
        return;
    remember();
    m_choices = next;
}

void MergeSession::undo()
{
    if (m_undo.isEmpty())
        return;
    m_redo.append(m_choices);
    m_choices = m_undo.takeLast();
}

void MergeSession::redo()
{
    if (m_redo.isEmpty())
        return;
    m_undo.append(m_choices);
    m_choices = m_redo.takeLast();
}

} // namespace inkwell::merge
