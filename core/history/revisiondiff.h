#pragma once

#include "merge/worddiff.h"

#include <QList>
#include <QString>

namespace inkwell::model {
struct PostFields;
}

namespace inkwell::history {

enum class DiffLineKind {
    Context, // in both versions
    Removed, // only in the older version (from)
    Added, // only in the newer version (to)
};

// One line of a unified diff, without its terminator.
struct DiffLine
{
    DiffLineKind kind = DiffLineKind::Context;
    QString text;
    qsizetype fromNumber = 0; // 1-based line of from; 0 for an Added line
    qsizetype toNumber = 0; // 1-based line of to; 0 for a Removed line
    // Removed and Added lines: the words of text the other version does not have.
    QList<merge::TextSpan> changedWords;

    friend bool operator==(const DiffLine &, const DiffLine &) = default;
};

// A field besides the body whose value differs, as text (tags joined with ", ", the state as
// "draft"/"published", the cover as its hash or empty).
struct FieldChange
{
    enum class Field { Title, Tags, State, Cover };
    Field field = Field::Title;
    QString from;
    QString to;

    friend bool operator==(const FieldChange &, const FieldChange &) = default;
};

// What changed from one version of a post to another (e.g. a revision of its history to the
// current local text): the changed fields and a line diff of the body with the changed words
// of each changed region. A model without widgets; the History window and the CLI render it.
class RevisionDiff
{
public:
    RevisionDiff() = default;

    // Pure and deterministic. Bodies are split into lines like merge::splitLines().
    static RevisionDiff compare(const model::PostFields &from, const model::PostFields &to);

    const QList<DiffLine> &lines() const { return m_lines; }
    const QList<FieldChange> &fieldChanges() const { return m_fields; }
    qsizetype addedLineCount() const { return m_added; }
    qsizetype removedLineCount() const { return m_removed; }
    // True when both versions are the same in every field.
    bool isEmpty() const { return m_fields.isEmpty() && m_added == 0 && m_removed == 0; }
    // The index in lines() of the first line of each changed region, in order.
    QList<qsizetype> changeStarts() const;

private:
    void addChange(const QStringList &removed, qsizetype fromStart, const QStringList &added,
                   qsizetype toStart);

    QList<DiffLine> m_lines;
    QList<FieldChange> m_fields;
    qsizetype m_added = 0;
    qsizetype m_removed = 0;
};

} // namespace inkwell::history
