#pragma once

#include <QList>

#include <vector>

namespace inkwell::merge {

// One changed region between two line sequences: base[baseStart, baseEnd) became
// side[sideStart, sideEnd). Consecutive edits are separated by at least one common line.
struct LineEdit
{
    qsizetype baseStart = 0;
    qsizetype baseEnd = 0;
    qsizetype sideStart = 0;
    qsizetype sideEnd = 0;
};

// The minimal edits turning base into side (lines given as interned ids), in base order.
// Myers' shortest edit script in linear space; common prefix and suffix are skipped first.
// maxSteps >= 0 bounds the search (in diagonal and snake steps): a region that would need more
// becomes one edit, so the edits stay valid but may no longer be minimal.
QList<LineEdit> diffLines(const std::vector<int> &base, const std::vector<int> &side,
                          qsizetype maxSteps = -1);

} // namespace inkwell::merge
