#pragma once

#include "model/postfields.h"

namespace inkwell::merge {

// One side of a three-way merge: a post's fields and whether that side deleted it.
struct Version
{
    model::PostFields fields;
    bool deleted = false;

    friend bool operator==(const Version &, const Version &) = default;
};

} // namespace inkwell::merge
