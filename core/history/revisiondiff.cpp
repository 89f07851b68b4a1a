#include "history/revisiondiff.h"

#include "merge/bodymerge.h"
#include "merge/linediff.h"
#include "model/postfields.h"

#include <unordered_map>
#include <vector>

namespace inkwell::history {

namespace {

// Bounds the line search on huge, very different bodies: past it a region becomes one change.
constexpr qsizetype MaxLineSteps = 200000;
// Word differences are looked for only in changed regions up to this many characters a side;
// beyond that the whole lines are marked, which reads as well and costs nothing.
constexpr qsizetype MaxWordDiffCharacters = 20000;

std::vector<int> intern(const QStringList &lines, std::unordered_map<QString, int> *ids)
{
    std::vector<int> out;
    out.reserve(size_t(lines.size()));
    for (const QString &line : lines)
        out.push_back(ids->try_emplace(line, int(ids->size())).first->second);
    return out;
}

// Cuts spans of lines joined with '\n' into spans of each line.
QList<QList<merge::TextSpan>> spansPerLine(const QStringList &lines,
                                           const QList<merge::TextSpan> &spans)
{
    QList<QList<merge::TextSpan>> perLine(lines.size());
    qsizetype lineStart = 0;
    qsizetype next = 0;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const qsizetype lineEnd = lineStart + lines.at(i).size();
        while (next < spans.size() && spans.at(next).start + spans.at(next).length <= lineStart)
            ++next;
        for (qsizetype s = next; s < spans.size() && spans.at(s).start < lineEnd; ++s) {
            const qsizetype start = std::max(spans.at(s).start, lineStart);
            const qsizetype end = std::min(spans.at(s).start + spans.at(s).length, lineEnd);
            if (end > start)
                perLine[i].append(merge::TextSpan{start - lineStart, end - start});
        }
        lineStart = lineEnd + 1; // the '\n' between lines
    }
    return perLine;
}

QList<merge::TextSpan> wholeLine(const QString &line)
{
    if (line.isEmpty())
        return {};
    return {merge::TextSpan{0, line.size()}};
}

void compareField(FieldChange::Field field, const QString &from, const QString &to,
                  QList<FieldChange> *changes)
{
    if (from != to)
        changes->append(FieldChange{field, from, to});
}

} // namespace

RevisionDiff RevisionDiff::compare(const model::PostFields &from, const model::PostFields &to)
{
    RevisionDiff diff;
    compareField(FieldChange::Field::Title, from.title, to.title, &diff.m_fields);
    compareField(FieldChange::Field::Tags, from.tags.join(QStringLiteral(", ")),
                 to.tags.join(QStringLiteral(", ")), &diff.m_fields);
    compareField(FieldChange::Field::State, model::publishStateName(from.state),
                 model::publishStateName(to.state), &diff.m_fields);
    compareField(FieldChange::Field::Cover, from.cover, to.cover, &diff.m_fields);

    const QStringList fromLines = merge::splitLines(from.body);
    const QStringList toLines = merge::splitLines(to.body);
    std::unordered_map<QString, int> ids;
    const std::vector<int> fromIds = intern(fromLines, &ids);
    const std::vector<int> toIds = intern(toLines, &ids);
    qsizetype a = 0;
    qsizetype b = 0;
    const auto context = [&](qsizetype fromEnd) {
        for (; a < fromEnd; ++a, ++b)
            diff.m_lines.append(DiffLine{DiffLineKind::Context, fromLines.at(a), a + 1, b + 1, {}});
    };
    for (const merge::LineEdit &edit : merge::diffLines(fromIds, toIds, MaxLineSteps)) {
        context(edit.baseStart);
        diff.addChange(fromLines.mid(edit.baseStart, edit.baseEnd - edit.baseStart), edit.baseStart,
                       toLines.mid(edit.sideStart, edit.sideEnd - edit.sideStart), edit.sideStart);
        a = edit.baseEnd;
        b = edit.sideEnd;
    }
    context(fromLines.size());
    return diff;
}

void RevisionDiff::addChange(const QStringList &removed, qsizetype fromStart,
                             const QStringList &added, qsizetype toStart)
{
    QList<QList<merge::TextSpan>> removedWords;
    QList<QList<merge::TextSpan>> addedWords;
    const QString removedText = removed.join(u'\n');
    const QString addedText = added.join(u'\n');
    if (!removed.isEmpty() && !added.isEmpty() && removedText.size() <= MaxWordDiffCharacters
        && addedText.size() <= MaxWordDiffCharacters) {
        const merge::WordDiff words = merge::diffWords(removedText, addedText);
        removedWords = spansPerLine(removed, words.removed);
        addedWords = spansPerLine(added, words.added);
    } else {
        for (const QString &line : removed)
            removedWords.append(wholeLine(line));
        for (const QString &line : added)
            addedWords.append(wholeLine(line));
    }
    for (qsizetype i = 0; i < removed.size(); ++i) {
        m_lines.append(DiffLine{DiffLineKind::Removed, removed.at(i), fromStart + i + 1, 0,
                                removedWords.at(i)});
    }
    for (qsizetype i = 0; i < added.size(); ++i) {
        m_lines.append(
                DiffLine{DiffLineKind::Added, added.at(i), 0, toStart + i + 1, addedWords.at(i)});
    }
    m_removed += removed.size();
    m_added += added.size();
}

QList<qsizetype> RevisionDiff::changeStarts() const
{
    QList<qsizetype> starts;
    for (qsizetype i = 0; i < m_lines.size(); ++i) {
        if (m_lines.at(i).kind != DiffLineKind::Context
            && (i == 0 || m_lines.at(i - 1).kind == DiffLineKind::Context))
            starts.append(i);
    }
    return starts;
}

} // namespace inkwell::history
