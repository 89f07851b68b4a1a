#pragma once

#include <QtGlobal>

namespace inkwell::merge {
class MergeSession;
}

namespace inkwell::ui {

// What carryOverChoices() could keep of the writer's choices.
struct CarriedChoices
{
    qsizetype kept = 0;
    qsizetype dropped = 0;
};

// After the server's version changed and the post was merged again: applies the choices the
// writer made in from to the same places of to (hunks with the same base, mine and theirs
// lines; fields whose two values did not change). One undo step per kept choice.
CarriedChoices carryOverChoices(const merge::MergeSession &from, merge::MergeSession &to);

} // namespace inkwell::ui
