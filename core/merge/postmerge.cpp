#include "merge/postmerge.h"

namespace inkwell::merge {

bool PostMerge::isClean() const
{
    return !title && !state && !cover && !body.hasConflicts() && deletion == DeleteConflict::None;
}

PostMerge mergePost(const Version &, const Version &mine, const Version &)
{
    PostMerge result;
    result.merged = mine;
    return result;
}

Result<Version> resolve(const PostMerge &merge, const Resolution &)
{
    return merge.merged;
}

} // namespace inkwell::merge
