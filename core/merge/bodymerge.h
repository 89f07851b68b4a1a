#pragma once

#include "model/result.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace inkwell::merge {

// What a region of the merged body is and where its text comes from.
enum class HunkKind {
    Unchanged, // all three sides agree
    MergedFromMine, // only mine changed this region
    MergedFromTheirs, // only theirs changed this region
    MergedFromBoth, // both made the identical change
    Conflict, // both changed overlapping or touching lines differently
};

// A region of the body on all three sides, as lines without terminators. A side's lines are empty
// where that side has nothing (e.g. a pure insertion on the other side).
struct BodyHunk
{
    HunkKind kind = HunkKind::Unchanged;
    QStringList base;
    QStringList mine;
    QStringList theirs;

    // The lines this hunk contributes to the merged body (mine for Conflict: the caller decides).
    const QStringList &merged() const;

    friend bool operator==(const BodyHunk &, const BodyHunk &) = default;
};

// How the writer resolved one conflict hunk in the merge window.
struct HunkResolution
{
    enum class Choice { Mine, Theirs, MineThenTheirs, TheirsThenMine, Base, Custom };
    Choice choice = Choice::Mine;
    // Custom only: the replacement lines; {} removes the region, {""} is one blank line.
    QStringList customLines;
};

// The line-based three-way merge of a Markdown body (rules in docs/merge.md). Lines are split at
// "\n", "\r\n" and "\r"; merged text uses '\n' unless one input is returned unchanged. Joining a
// side's lines over all hunks with '\n' gives that side back, including a missing final newline.
class BodyMerge
{
public:
    BodyMerge() = default;

    // Merges three bodies. Pure and deterministic; never fails.
    static BodyMerge merge(const QString &base, const QString &mine, const QString &theirs);

    const QList<BodyHunk> &hunks() const { return m_hunks; }
    bool hasConflicts() const { return m_conflictCount > 0; }
    qsizetype conflictCount() const { return m_conflictCount; }

    // The merged text; only meaningful when !hasConflicts().
    QString text() const;
    // The merged text with every Conflict hunk resolved by resolutions[hunk index];
    // InvalidArgument when a conflict hunk has no resolution.
    Result<QString> resolve(const QHash<qsizetype, HunkResolution> &resolutions) const;

private:
    QList<BodyHunk> m_hunks;
    qsizetype m_conflictCount = 0;
    QString m_verbatim; // set when the result is one input unchanged (no normalization)
    bool m_isVerbatim = false;
};

// Splits text into lines at "\n", "\r\n" and "\r"; a trailing newline gives a final empty line,
// so joinLines(splitLines(t)) == t for text with '\n' endings.
QStringList splitLines(const QString &text);
QString joinLines(const QStringList &lines);

} // namespace inkwell::merge
