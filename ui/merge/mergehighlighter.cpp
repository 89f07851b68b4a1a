#include "ui/merge/mergehighlighter.h"

#include "merge/mergesession.h"
#include "merge/worddiff.h"

#include <QCoreApplication>
#include <QPalette>
#include <QTextBlock>
#include <QTextDocument>

#include <algorithm>

namespace inkwell::ui {

namespace {

using merge::HunkChoice;
using merge::HunkKind;

const QColor conflictTint(0xe0, 0x3c, 0x3c);
const QColor mineTint(0x3d, 0x7e, 0xe0);
const QColor theirsTint(0x2e, 0xa8, 0x4e);
const QColor bothTint(0x9a, 0x5c, 0xd6);
const QColor customTint(0xd8, 0x9a, 0x1c);
const QColor baseTint(0x8a, 0x8f, 0x98);

QColor mixed(const QColor &background, const QColor &tint, double amount)
{
    const auto channel = [amount](int from, int to) { return int(from + (to - from) * amount); };
    return QColor(channel(background.red(), tint.red()), channel(background.green(), tint.green()),
                  channel(background.blue(), tint.blue()));
}

bool usesSide(HunkChoice choice, MergeSide side)
{
    switch (choice) {
    case HunkChoice::Mine:
        return side == MergeSide::Mine;
    case HunkChoice::Theirs:
        return side == MergeSide::Theirs;
    case HunkChoice::MineThenTheirs:
    case HunkChoice::TheirsThenMine:
        return side == MergeSide::Mine || side == MergeSide::Theirs;
    case HunkChoice::Base:
        return side == MergeSide::Base;
    case HunkChoice::Open:
    case HunkChoice::Merged:
    case HunkChoice::Custom:
        return false;
    }
    return false;
}

QColor resultTint(const merge::MergeSession &session, qsizetype index)
{
    switch (session.hunkChoice(index)) {
    case HunkChoice::Open:
        return conflictTint;
    case HunkChoice::Mine:
        return mineTint;
    case HunkChoice::Theirs:
        return theirsTint;
    case HunkChoice::MineThenTheirs:
    case HunkChoice::TheirsThenMine:
        return bothTint;
    case HunkChoice::Base:
        return baseTint;
    case HunkChoice::Custom:
        return customTint;
    case HunkChoice::Merged:
        break;
    }
    switch (session.hunk(index).kind) {
    case HunkKind::MergedFromMine:
    case HunkKind::MergedFromBoth:
        return mineTint;
    case HunkKind::MergedFromTheirs:
        return theirsTint;
    case HunkKind::Conflict:
        return conflictTint;
    case HunkKind::Unchanged:
        break;
    }
    return {};
}

QStringList sideLines(const merge::MergeSession &session, MergeSide side, qsizetype index)
{
    const merge::BodyHunk &hunk = session.hunk(index);
    switch (side) {
    case MergeSide::Base:
        return hunk.base;
    case MergeSide::Mine:
        return hunk.mine;
    case MergeSide::Theirs:
        return hunk.theirs;
    case MergeSide::Result:
        return session.hunkResultLines(index);
    }
    return {};
}

QTextEdit::ExtraSelection lineSelection(QTextDocument *document, const PaneRange &range,
                                        const QColor &colour)
{
    QTextEdit::ExtraSelection selection;
    selection.cursor = QTextCursor(document->findBlockByNumber(int(range.first)));
    QTextBlock last = document->findBlockByNumber(int(range.first + range.count - 1));
    if (!last.isValid())
        last = document->lastBlock();
    // Up to and including the last line's separator: only a selection that goes past the end of
    // a line is painted to the full width.
    selection.cursor.setPosition(
            std::min(last.position() + last.length(), document->characterCount() - 1),
            QTextCursor::KeepAnchor);
    selection.format.setBackground(colour);
    selection.format.setProperty(QTextFormat::FullWidthSelection, true);
    return selection;
}

} // namespace

QList<PaneRange> MergeHighlighter::ranges(const merge::MergeSession &session, MergeSide side)
{
    QList<PaneRange> result;
    result.reserve(session.hunkCount());
    if (side == MergeSide::Result) {
        for (const merge::ResultRange &range : session.resultRanges())
            result.append({range.firstLine, range.lineCount});
        return result;
    }
    qsizetype line = 0;
    for (qsizetype i = 0; i < session.hunkCount(); ++i) {
        const qsizetype count = sideLines(session, side, i).size();
        result.append({line, count});
        line += count;
    }
    return result;
}

QColor MergeHighlighter::tint(const merge::MergeSession &session, MergeSide side, qsizetype hunk)
{
    const HunkKind kind = session.hunk(hunk).kind;
    if (side == MergeSide::Result)
        return resultTint(session, hunk);
    if (kind == HunkKind::Unchanged)
        return {};
    if (kind == HunkKind::Conflict) {
        const HunkChoice choice = session.hunkChoice(hunk);
        if (choice == HunkChoice::Open)
            return conflictTint;
        return usesSide(choice, side) ? resultTint(session, hunk) : baseTint;
    }
    switch (side) {
    case MergeSide::Base:
        return baseTint;
    case MergeSide::Mine:
        return kind == HunkKind::MergedFromTheirs ? QColor() : mineTint;
    case MergeSide::Theirs:
        return kind == HunkKind::MergedFromMine ? QColor() : theirsTint;
    case MergeSide::Result:
        break;
    }
    return {};
}

QString MergeHighlighter::legend(const QPalette &palette)
{
    const QColor background = palette.color(QPalette::Base);
    const double amount = background.lightness() < 128 ? 0.62 : 0.46;
    const std::pair<QColor, const char *> entries[] = {
            {conflictTint, QT_TRANSLATE_NOOP("inkwell::ui::MergeHighlighter", "open conflict")},
            {mineTint, QT_TRANSLATE_NOOP("inkwell::ui::MergeHighlighter", "mine")},
            {theirsTint, QT_TRANSLATE_NOOP("inkwell::ui::MergeHighlighter", "theirs")},
            {bothTint, QT_TRANSLATE_NOOP("inkwell::ui::MergeHighlighter", "both")},
            {customTint, QT_TRANSLATE_NOOP("inkwell::ui::MergeHighlighter", "written by hand")},
            {baseTint, QT_TRANSLATE_NOOP("inkwell::ui::MergeHighlighter", "base or not taken")},
    };
    QStringList parts;
    for (const auto &[colour, text] : entries) {
        parts.append(QStringLiteral("<span style=\"background-color:%1\">&nbsp;&nbsp;&nbsp;</span>"
                                    "&nbsp;%2")
                             .arg(mixed(background, colour, amount).name(),
                                  QCoreApplication::translate("inkwell::ui::MergeHighlighter", text)
                                          .toHtmlEscaped()));
    }
    return parts.join(QStringLiteral("&nbsp;&nbsp; "));
}

QList<merge::TextSpan> MergeHighlighter::changedWords(const merge::MergeSession &session,
                                                      MergeSide side, qsizetype hunk)
{
    const merge::BodyHunk &body = session.hunk(hunk);
    if (side == MergeSide::Base || body.base.isEmpty() || body.kind == HunkKind::Unchanged)
        return {};
    return merge::diffWords(body.base.join(u'\n'), sideLines(session, side, hunk).join(u'\n'))
            .added;
}

QList<QTextEdit::ExtraSelection> MergeHighlighter::selections(
        const merge::MergeSession &session, MergeSide side, const QList<PaneRange> &ranges,
        const QList<QList<merge::TextSpan>> &words, QTextDocument *document, qsizetype currentHunk,
        const QPalette &palette)
{
    QList<QTextEdit::ExtraSelection> result;
    const QColor background = palette.color(QPalette::Base);
    const bool dark = background.lightness() < 128;
    const double lineAmount = dark ? 0.26 : 0.13;
    const double currentAmount = dark ? 0.40 : 0.24;
    const double wordAmount = dark ? 0.62 : 0.46;
    const int end = document->characterCount() - 1;
    for (qsizetype i = 0; i < ranges.size() && i < session.hunkCount(); ++i) {
        const PaneRange &range = ranges.at(i);
        const QColor colour = tint(session, side, i);
        if (!colour.isValid() || range.count == 0)
            continue;
        const QColor line =
                mixed(background, colour, i == currentHunk ? currentAmount : lineAmount);
        result.append(lineSelection(document, range, line));
        const int start = document->findBlockByNumber(int(range.first)).position();
        for (const merge::TextSpan &span : words.value(i)) {
            QTextEdit::ExtraSelection word;
            word.cursor = QTextCursor(document);
            word.cursor.setPosition(std::min(end, start + int(span.start)));
            word.cursor.setPosition(std::min(end, start + int(span.start + span.length)),
                                    QTextCursor::KeepAnchor);
            word.format.setBackground(mixed(background, colour, wordAmount));
            result.append(word);
        }
    }
    return result;
}

} // namespace inkwell::ui
