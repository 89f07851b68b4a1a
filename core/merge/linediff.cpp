#include "merge/linediff.h"

#include <dtl/dtl.hpp>

#include <algorithm>
#include <unordered_set>

namespace inkwell::merge {

namespace {

// Appends the edits of dtl's script for base[offset...] vs side[offset...].
void collectEdits(const std::vector<std::pair<int, dtl::elemInfo>> &script, qsizetype offset,
                  QList<LineEdit> *edits)
{
    qsizetype baseIndex = offset;
    qsizetype sideIndex = offset;
    bool inEdit = false;
    LineEdit edit;
    for (const auto &[element, info] : script) {
        Q_UNUSED(element);
        if (info.type == dtl::SES_COMMON) {
            if (inEdit) {
                edit.baseEnd = baseIndex;
                edit.sideEnd = sideIndex;
                edits->append(edit);
                inEdit = false;
            }
            ++baseIndex;
            ++sideIndex;
            continue;
        }
        if (!inEdit) {
            edit = LineEdit{baseIndex, baseIndex, sideIndex, sideIndex};
            inEdit = true;
        }
        if (info.type == dtl::SES_DELETE)
            ++baseIndex;
        else
            ++sideIndex;
    }
    if (inEdit) {
        edit.baseEnd = baseIndex;
        edit.sideEnd = sideIndex;
        edits->append(edit);
    }
}

bool shareAnyLine(const std::vector<int> &base, const std::vector<int> &side)
{
    const std::unordered_set<int> baseLines(base.cbegin(), base.cend());
    return std::any_of(side.cbegin(), side.cend(),
                       [&](int line) { return baseLines.contains(line); });
}

} // namespace

QList<LineEdit> diffLines(const std::vector<int> &base, const std::vector<int> &side)
{
    // Skipping the common prefix and suffix keeps big documents with small edits cheap.
    const qsizetype baseSize = qsizetype(base.size());
    const qsizetype sideSize = qsizetype(side.size());
    qsizetype prefix = 0;
    while (prefix < baseSize && prefix < sideSize && base[prefix] == side[prefix])
        ++prefix;
    qsizetype suffix = 0;
    while (suffix < baseSize - prefix && suffix < sideSize - prefix
           && base[baseSize - 1 - suffix] == side[sideSize - 1 - suffix])
        ++suffix;

    QList<LineEdit> edits;
    const qsizetype baseMiddle = baseSize - prefix - suffix;
    const qsizetype sideMiddle = sideSize - prefix - suffix;
    if (baseMiddle == 0 && sideMiddle == 0)
        return edits;
    if (baseMiddle == 0 || sideMiddle == 0) {
        edits.append({prefix, prefix + baseMiddle, prefix, prefix + sideMiddle});
        return edits;
    }
    const std::vector<int> baseRange(base.begin() + prefix, base.end() - suffix);
    const std::vector<int> sideRange(side.begin() + prefix, side.end() - suffix);
    if (!shareAnyLine(baseRange, sideRange)) {
        // A rewrite: one edit, without paying the diff's worst case.
        edits.append({prefix, prefix + baseMiddle, prefix, prefix + sideMiddle});
        return edits;
    }
    dtl::Diff<int> diff(baseRange, sideRange);
    diff.compose();
    collectEdits(diff.getSes().getSequence(), prefix, &edits);
    return edits;
}

} // namespace inkwell::merge
