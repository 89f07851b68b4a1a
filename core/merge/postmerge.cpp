#include "merge/postmerge.h"

#include "merge/tagmerge.h"

namespace inkwell::merge {

namespace {

// Field-wise rule: one side changed -> take it; both the same -> fine; both different -> conflict
// (the merged value keeps mine until the writer decides).
template<typename T>
T mergeField(const T &base, const T &mine, const T &theirs,
             std::optional<FieldConflict<T>> *conflict)
{
    if (mine == theirs || theirs == base)
        return mine;
    if (mine == base)
        return theirs;
    *conflict = FieldConflict<T>{base, mine, theirs};
    return mine;
}

QStringList mergeTagLists(const QStringList &base, const QStringList &mine,
                          const QStringList &theirs)
{
    if (mine == theirs || theirs == base)
        return mine;
    if (mine == base)
        return theirs;
    return mergeTags(base, mine, theirs);
}

// Exactly one side is deleted. Returns true when that settles the merge.
bool mergeDeletion(const Version &base, const Version &mine, const Version &theirs,
                   PostMerge *result)
{
    const bool mineDeleted = mine.deleted;
    const Version &deleted = mineDeleted ? mine : theirs;
    const Version &alive = mineDeleted ? theirs : mine;
    if (base.deleted) {
        // The alive side restored a deleted post: the restore (with its fields) wins.
        result->merged = alive;
        result->body = BodyMerge::merge(base.fields.body, alive.fields.body, alive.fields.body);
        return true;
    }
    if (alive.fields == base.fields) {
        result->merged = Version{deleted.fields, true};
        result->body = BodyMerge::merge(base.fields.body, base.fields.body, base.fields.body);
        return true;
    }
    // Edit versus delete: keep the edited version in `merged` ("restore with edits") and show the
    // edits against base; the deleted side's fields are not meaningful (tombstones may be empty).
    result->deletion = mineDeleted ? DeleteConflict::MineDeletedTheirsEdited
                                   : DeleteConflict::TheirsDeletedMineEdited;
    result->merged = alive;
    result->body = mineDeleted
            ? BodyMerge::merge(base.fields.body, base.fields.body, alive.fields.body)
            : BodyMerge::merge(base.fields.body, alive.fields.body, base.fields.body);
    return true;
}

} // namespace

bool PostMerge::isClean() const
{
    return !title && !state && !cover && !body.hasConflicts() && deletion == DeleteConflict::None;
}

PostMerge mergePost(const Version &base, const Version &mine, const Version &theirs)
{
    PostMerge result;
    if (mine.deleted && theirs.deleted) {
        result.merged = Version{mine.fields, true};
        result.body = BodyMerge::merge(mine.fields.body, mine.fields.body, mine.fields.body);
        return result;
    }
    if (mine.deleted != theirs.deleted && mergeDeletion(base, mine, theirs, &result))
        return result;

    const model::PostFields &b = base.fields;
    const model::PostFields &m = mine.fields;
    const model::PostFields &t = theirs.fields;
    model::PostFields &merged = result.merged.fields;
    merged.title = mergeField(b.title, m.title, t.title, &result.title);
    merged.state = mergeField(b.state, m.state, t.state, &result.state);
    merged.cover = mergeField(b.cover, m.cover, t.cover, &result.cover);
    merged.tags = mergeTagLists(b.tags, m.tags, t.tags);
    result.body = BodyMerge::merge(b.body, m.body, t.body);
    if (result.body.hasConflicts()) {
        QHash<qsizetype, HunkResolution> keepMine;
        for (qsizetype i = 0; i < result.body.hunks().size(); ++i)
            keepMine.insert(i, HunkResolution{HunkResolution::Choice::Mine, {}});
        merged.body = result.body.resolve(keepMine).value();
    } else {
        merged.body = result.body.text();
    }
    result.merged.deleted = false;
    return result;
}

Result<Version> resolve(const PostMerge &merge, const Resolution &resolution)
{
    if (merge.isClean())
        return merge.merged;
    if (merge.deletion != DeleteConflict::None) {
        if (resolution.deletion == Resolution::Deletion::AcceptDelete)
            return Version{merge.merged.fields, true};
        return merge.merged;
    }
    using Side = Resolution::Side;
    Version resolved = merge.merged;
    model::PostFields &fields = resolved.fields;
    if (resolution.customTitle)
        fields.title = *resolution.customTitle;
    else if (merge.title)
        fields.title = resolution.title == Side::Mine ? merge.title->mine : merge.title->theirs;
    if (merge.state)
        fields.state = resolution.state == Side::Mine ? merge.state->mine : merge.state->theirs;
    if (merge.cover)
        fields.cover = resolution.cover == Side::Mine ? merge.cover->mine : merge.cover->theirs;
    Result<QString> body = merge.body.resolve(resolution.bodyHunks);
    if (!body)
        return body.error();
    fields.body = body.value();
    return resolved;
}

} // namespace inkwell::merge
