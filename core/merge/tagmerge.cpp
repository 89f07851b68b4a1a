#include "merge/tagmerge.h"

#include <QSet>

namespace inkwell::merge {

QStringList mergeTags(const QStringList &base, const QStringList &mine, const QStringList &theirs)
{
    const QSet<QString> baseSet(base.cbegin(), base.cend());
    const QSet<QString> mineSet(mine.cbegin(), mine.cend());
    const QSet<QString> theirsSet(theirs.cbegin(), theirs.cend());

    // A tag stays when both kept it (or both added it); it goes when either removed it from base.
    auto keep = [&](const QString &tag) {
        if (baseSet.contains(tag))
            return mineSet.contains(tag) && theirsSet.contains(tag);
        return mineSet.contains(tag) || theirsSet.contains(tag);
    };

    QStringList merged;
    QSet<QString> seen;
    for (const QStringList *side : {&mine, &theirs}) {
        for (const QString &tag : *side) {
            if (!seen.contains(tag) && keep(tag)) {
                seen.insert(tag);
                merged.append(tag);
            }
        }
    }
    return merged;
}

} // namespace inkwell::merge
