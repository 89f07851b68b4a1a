#include "merge/bodymerge.h"

namespace inkwell::merge {

const QStringList &BodyHunk::merged() const
{
    switch (kind) {
    case HunkKind::Unchanged:
        return base;
    case HunkKind::MergedFromTheirs:
        return theirs;
    case HunkKind::MergedFromMine:
    case HunkKind::MergedFromBoth:
    case HunkKind::Conflict:
        break;
    }
    return mine;
}

BodyMerge BodyMerge::merge(const QString &, const QString &mine, const QString &)
{
    BodyMerge result;
    result.m_isVerbatim = true;
    result.m_verbatim = mine;
    return result;
}

QString BodyMerge::text() const
{
    return m_verbatim;
}

Result<QString> BodyMerge::resolve(const QHash<qsizetype, HunkResolution> &) const
{
    return text();
}

QStringList splitLines(const QString &text)
{
    return text.split(u'\n');
}

QString joinLines(const QStringList &lines)
{
    return lines.join(u'\n');
}

} // namespace inkwell::merge
