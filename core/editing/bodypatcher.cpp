#include "editing/bodypatcher.h"

#include "merge/bodymerge.h"

#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>

namespace inkwell::editing {

namespace {

struct LineEdit
{
    int firstLine; // in the document as it is before any edit
    int lineCount; // lines replaced
    QStringList lines; // replacement
};

// Replaces lines [edit.firstLine, +lineCount) of document with edit.lines.
void replaceLines(QTextDocument *document, const LineEdit &edit)
{
    QTextCursor cursor(document);
    const int blocks = document->blockCount();
    const QString text = edit.lines.join(u'\n');
    if (edit.lineCount == 0) {
        if (edit.firstLine < blocks) {
            cursor.setPosition(document->findBlockByNumber(edit.firstLine).position());
            cursor.insertText(text + u'\n');
        } else {
            cursor.movePosition(QTextCursor::End);
            cursor.insertText(u'\n' + text);
        }
        return;
    }
    const QTextBlock first = document->findBlockByNumber(edit.firstLine);
    const QTextBlock last = document->findBlockByNumber(edit.firstLine + edit.lineCount - 1);
    cursor.setPosition(first.position());
    cursor.setPosition(last.position() + last.length() - 1, QTextCursor::KeepAnchor);
    if (!edit.lines.isEmpty()) {
        cursor.insertText(text);
        return;
    }
    // Removing whole lines also removes one line break: the following one, or the preceding one
    // at the end of the document.
    if (last.next().isValid()) {
        cursor.setPosition(last.next().position(), QTextCursor::KeepAnchor);
    } else if (first.previous().isValid()) {
        cursor.setPosition(last.position() + last.length() - 1);
        cursor.setPosition(first.previous().position() + first.previous().length() - 1,
                           QTextCursor::KeepAnchor);
    }
    cursor.removeSelectedText();
}

} // namespace

bool applyTheirChanges(QTextDocument *document, const merge::BodyMerge &merge)
{
    if (merge.hasConflicts())
        return false;
    QList<LineEdit> edits;
    int line = 0;
    for (const merge::BodyHunk &hunk : merge.hunks()) {
        if (hunk.kind == merge::HunkKind::MergedFromTheirs)
            edits.append({line, int(hunk.mine.size()), hunk.theirs});
        line += int(hunk.mine.size());
    }
    if (line != document->blockCount())
        return false;
    if (edits.isEmpty())
        return true;
    QTextCursor block(document);
    block.beginEditBlock();
    // From the end, so earlier line numbers stay valid.
    for (auto it = edits.crbegin(); it != edits.crend(); ++it)
        replaceLines(document, *it);
    block.endEditBlock();
    return true;
}

} // namespace inkwell::editing
