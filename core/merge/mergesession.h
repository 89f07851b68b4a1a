#pragma once

#include "merge/postmerge.h"
#include "merge/version.h"
#include "model/result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace inkwell::merge {

// The post fields a merge window shows one row for. Deletion is the edit-versus-delete choice.
enum class MergeField { Title, Tags, State, Cover, Deletion };

// What a field of the result is. Fields that merged cleanly start as Merged, conflicting ones as
// Open; the writer may override either with Mine or Theirs (or Base).
enum class FieldChoice { Open, Merged, Mine, Theirs, Base };

// What a body hunk of the result is. Hunks that merged cleanly (or are unchanged) start as
// Merged, conflict hunks as Open; any hunk can be overridden.
enum class HunkChoice { Open, Merged, Mine, Theirs, MineThenTheirs, TheirsThenMine, Base, Custom };

// Where a hunk stands in the live result: its lines [firstLine, firstLine + lineCount) of
// MergeSession::resultBody() split into lines. An Open hunk shows mine's lines, marked open.
struct ResultRange
{
    qsizetype firstLine = 0;
    qsizetype lineCount = 0;
    bool open = false;

    friend bool operator==(const ResultRange &, const ResultRange &) = default;
};

// What MergeSession::carryChoicesFrom() could keep of the writer's choices: kept choices were
// applied, dropped ones no longer apply to the new merge.
struct CarriedChoices
{
    qsizetype kept = 0;
    qsizetype dropped = 0;
};

// The state of resolving one conflicted post: base, mine and theirs, the automatic merge, and
// the writer's choices per field and per body hunk, with undo and redo of those choices. A value
// type without I/O: the merge window renders it, inkwell-cli drives it from the command line,
// and sync::ConflictResolver stores its result.
class MergeSession
{
public:
    MergeSession() = default;
    MergeSession(const Version &base, const Version &mine, const Version &theirs);

    const Version &base() const { return m_base; }
    const Version &mine() const { return m_mine; }
    const Version &theirs() const { return m_theirs; }
    const PostMerge &merge() const { return m_merge; }

    // Fields. isConflicting() is true where both sides changed a field differently (Deletion:
    // edit versus delete); those start Open.
    bool isConflicting(MergeField field) const;
    FieldChoice fieldChoice(MergeField field) const;
    // Deletion accepts Mine and Theirs only (the side whose deleted-or-alive state wins), and
    // only for edit versus delete. Open is accepted only where the field conflicts, Merged only
    // where it does not; anything else is ignored.
    void chooseField(MergeField field, FieldChoice choice);

    // Body hunks, as merge().body.hunks().
    qsizetype hunkCount() const;
    const BodyHunk &hunk(qsizetype index) const;
    HunkChoice hunkChoice(qsizetype index) const;
    // Open only for conflict hunks, Merged only for the others (else ignored). Custom keeps the
    // lines the hunk shows now, to be edited with setHunkLines().
    void chooseHunk(qsizetype index, HunkChoice choice);
    // Sets the hunk to Custom with exactly these lines: {} removes the region, {""} is one
    // blank line.
    void setHunkLines(qsizetype index, const QStringList &lines);
    // The lines the hunk contributes to the result now (mine's while it is Open).
    QStringList hunkResultLines(qsizetype index) const;

    // The writer edited the result body as a whole (the editable result pane): the changed lines
    // become Custom lines of the hunk(s) they fall in (the first of several gets them, the others
    // none; an insertion at a boundary goes to an adjacent Open hunk, else the one before).
    // Afterwards resultBody() == body for '\n' text. One undo step.
    void editResultBody(const QString &body);

    // How many fields and hunks are still Open; 0 means resolved() succeeds.
    qsizetype unresolvedCount() const;
    bool isResolved() const { return unresolvedCount() == 0; }
    // The next (previous) Open conflict hunk after (before) hunk index `from`, wrapping around;
    // -1 when none is open. from = -1 starts at the beginning (end).
    qsizetype nextOpenHunk(qsizetype from) const;
    qsizetype previousOpenHunk(qsizetype from) const;

    // The live result at any moment: open places show mine's value.
    Version result() const;
    QString resultBody() const;
    // One range per hunk, in hunk order.
    QList<ResultRange> resultRanges() const;
    // The result when nothing is open; InvalidArgument naming what is still open otherwise.
    Result<Version> resolved() const;

    // Sets every Open choice (fields, hunks, deletion) to side, one undo step: "keep mine" and
    // "take theirs" for what conflicts, everything that merged cleanly kept.
    void chooseAllOpen(FieldChoice side);

    // After mine or theirs changed and the post was merged again into this session: applies the
    // choices the writer made in previous (everything but Open and Merged) to the same places
    // here. A field choice is kept when base, mine and theirs of that field are unchanged and
    // the field conflicts here; a hunk choice when a hunk with the same base, mine and theirs
    // lines follows, in order, the last hunk matched (Custom keeps its lines). Every other choice
    // is dropped. One undo step per kept choice.
    CarriedChoices carryChoicesFrom(const MergeSession &previous);

    // Undo and redo of choices (chooseField, chooseHunk, setHunkLines, editResultBody,
    // chooseAllOpen).
    bool canUndo() const { return !m_undo.isEmpty(); }
    bool canRedo() const { return !m_redo.isEmpty(); }
    void undo();
    void redo();

private:
    struct Choices
    {
        QList<FieldChoice> fields; // by MergeField
        QList<HunkChoice> hunks;
        QList<QStringList> customLines; // by hunk, for Custom

        friend bool operator==(const Choices &, const Choices &) = default;
    };
    void remember();
    // Makes next the current choices as one undo step; nothing happens when they are equal.
    void apply(const Choices &next);
    QStringList resultLines() const;
    bool resultIsDeleted() const;

    Version m_base;
    Version m_mine;
    Version m_theirs;
    PostMerge m_merge;
    Choices m_choices;
    QList<Choices> m_undo;
    QList<Choices> m_redo;
};

} // namespace inkwell::merge
