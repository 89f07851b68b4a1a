#pragma once

#include "merge/worddiff.h"

#include <QList>
#include <QTextEdit>

class QPalette;
class QTextDocument;

namespace inkwell::merge {
class MergeSession;
}

namespace inkwell::ui {

// Which version a merge pane shows.
enum class MergeSide { Base, Mine, Result, Theirs };

// Lines [first, first + count) of a pane's document that belong to one body hunk.
struct PaneRange
{
    qsizetype first = 0;
    qsizetype count = 0;
};

// The colours of a merge pane: a line background per hunk (open conflict, chosen side, merged
// from mine or theirs, written by hand) and a stronger tint on the words that differ from the
// base. Colours are mixed into the palette's base colour, so they read in light and dark themes.
class MergeHighlighter final
{
public:
    // The hunk ranges of side in its pane, in hunk order.
    static QList<PaneRange> ranges(const merge::MergeSession &session, MergeSide side);

    // The words of hunk's lines in side that differ from the base, relative to the hunk's first
    // line (its lines joined by '\n'). Empty for the base and for hunks without base lines.
    static QList<merge::TextSpan> changedWords(const merge::MergeSession &session, MergeSide side,
                                               qsizetype hunk);

    // Extra selections for document showing side; currentHunk is drawn stronger (-1: none);
    // words[hunk] are changedWords() of each hunk.
    static QList<QTextEdit::ExtraSelection> selections(
            const merge::MergeSession &session, MergeSide side, const QList<PaneRange> &ranges,
            const QList<QList<merge::TextSpan>> &words, QTextDocument *document,
            qsizetype currentHunk, const QPalette &palette);

    // What the tints mean, as short labelled swatches for a legend line (rich text).
    static QString legend(const QPalette &palette);

    // The tint of a hunk in a pane; invalid when the hunk is not highlighted there.
    static QColor tint(const merge::MergeSession &session, MergeSide side, qsizetype hunk);
};

} // namespace inkwell::ui
