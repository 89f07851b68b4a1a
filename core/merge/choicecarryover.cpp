// MergeSession::carryChoicesFrom(): the writer's choices kept across a merge done again.
#include "merge/mergesession.h"

namespace inkwell::merge {

namespace {

bool sameField(const Version &a, const Version &b, MergeField field)
{
    switch (field) {
    case MergeField::Title:
        return a.fields.title == b.fields.title;
    case MergeField::Tags:
        return a.fields.tags == b.fields.tags;
    case MergeField::State:
        return a.fields.state == b.fields.state;
    case MergeField::Cover:
        return a.fields.cover == b.fields.cover;
    case MergeField::Deletion:
        return a.deleted == b.deleted;
    }
    return false;
}

bool isChoice(HunkChoice choice)
{
    return choice != HunkChoice::Open && choice != HunkChoice::Merged;
}

} // namespace

CarriedChoices MergeSession::carryChoicesFrom(const MergeSession &previous)
{
    CarriedChoices carried;
    for (MergeField field : {MergeField::Title, MergeField::Tags, MergeField::State,
                             MergeField::Cover, MergeField::Deletion}) {
        const FieldChoice choice = previous.fieldChoice(field);
        if (choice == FieldChoice::Open || choice == FieldChoice::Merged)
            continue;
        const bool unchanged = sameField(previous.mine(), m_mine, field)
                && sameField(previous.theirs(), m_theirs, field)
                && sameField(previous.base(), m_base, field);
        if (unchanged && isConflicting(field)) {
            chooseField(field, choice);
            ++carried.kept;
        } else {
            ++carried.dropped;
        }
    }
    qsizetype searchFrom = 0;
    for (qsizetype i = 0; i < previous.hunkCount(); ++i) {
        const HunkChoice choice = previous.hunkChoice(i);
        if (!isChoice(choice))
            continue;
        // Hunks keep their order: look for the same hunk after the last one found.
        qsizetype match = -1;
        for (qsizetype j = searchFrom; j < hunkCount() && match < 0; ++j) {
            if (hunk(j) == previous.hunk(i))
                match = j;
        }
        if (match < 0) {
            ++carried.dropped;
            continue;
        }
        searchFrom = match + 1;
        if (choice == HunkChoice::Custom)
            setHunkLines(match, previous.hunkResultLines(i));
        else
            chooseHunk(match, choice);
        ++carried.kept;
    }
    return carried;
}

} // namespace inkwell::merge
