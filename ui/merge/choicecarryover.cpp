#include "ui/merge/choicecarryover.h"

#include "merge/mergesession.h"

namespace inkwell::ui {

namespace {

using merge::FieldChoice;
using merge::HunkChoice;
using merge::MergeField;

bool sameField(const merge::Version &a, const merge::Version &b, MergeField field)
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

CarriedChoices carryOverChoices(const merge::MergeSession &from, merge::MergeSession &to)
{
    CarriedChoices carried;
    for (MergeField field : {MergeField::Title, MergeField::Tags, MergeField::State,
                             MergeField::Cover, MergeField::Deletion}) {
        const FieldChoice choice = from.fieldChoice(field);
        if (choice == FieldChoice::Open || choice == FieldChoice::Merged)
            continue;
        const bool unchanged = sameField(from.mine(), to.mine(), field)
                && sameField(from.theirs(), to.theirs(), field)
                && sameField(from.base(), to.base(), field);
        if (unchanged && to.isConflicting(field)) {
            to.chooseField(field, choice);
            ++carried.kept;
        } else {
            ++carried.dropped;
        }
    }
    qsizetype searchFrom = 0;
    for (qsizetype i = 0; i < from.hunkCount(); ++i) {
        const HunkChoice choice = from.hunkChoice(i);
        if (!isChoice(choice))
            continue;
        // Hunks keep their order: look for the same hunk after the last one found.
        qsizetype match = -1;
        for (qsizetype j = searchFrom; j < to.hunkCount() && match < 0; ++j) {
            if (to.hunk(j) == from.hunk(i))
                match = j;
        }
        if (match < 0) {
            ++carried.dropped;
            continue;
        }
        searchFrom = match + 1;
        if (choice == HunkChoice::Custom)
            to.setHunkLines(match, from.hunkResultLines(i));
        else
            to.chooseHunk(match, choice);
        ++carried.kept;
    }
    return carried;
}

} // namespace inkwell::ui
