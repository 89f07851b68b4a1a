#pragma once

#include "merge/bodymerge.h"
#include "merge/version.h"
#include "model/result.h"

#include <optional>

namespace inkwell::merge {

// A field both sides changed to different values.
template<typename T>
struct FieldConflict
{
    T base;
    T mine;
    T theirs;

    friend bool operator==(const FieldConflict &, const FieldConflict &) = default;
};

// One side deleted the post while the other edited it.
enum class DeleteConflict { None, MineDeletedTheirsEdited, TheirsDeletedMineEdited };

// The outcome of merging a post: clean (merged is the result) or a structured conflict that the
// merge window renders field by field and hunk by hunk, then turns into a Version with resolve().
struct PostMerge
{
    // Clean: the merged post. Conflicted: everything that merged automatically, with mine's value
    // in each conflicting field and in each conflicting body hunk.
    Version merged;

    std::optional<FieldConflict<QString>> title;
    std::optional<FieldConflict<model::PublishState>> state;
    std::optional<FieldConflict<QString>> cover;
    BodyMerge body; // always filled; hunks show what came from where
    DeleteConflict deletion = DeleteConflict::None;

    bool isClean() const;
};

// The writer's decisions for a conflicted PostMerge.
struct Resolution
{
    enum class Side { Mine, Theirs };
    enum class Deletion { RestoreWithEdits, AcceptDelete };

    Side title = Side::Mine;
    std::optional<QString> customTitle; // overrides title when set
    Side state = Side::Mine;
    Side cover = Side::Mine;
    QHash<qsizetype, HunkResolution> bodyHunks; // by index in PostMerge::body.hunks()
    Deletion deletion = Deletion::RestoreWithEdits;
};

// Three-way merge of a post (see docs/merge.md): title, state and cover field-wise, tags as a set,
// the body by line hunks, edit versus delete as a conflict, both deleted as deleted. Pure.
PostMerge mergePost(const Version &base, const Version &mine, const Version &theirs);

// The post after applying resolution to merge; the merged result unchanged when it is clean.
// InvalidArgument when a body conflict hunk has no resolution.
Result<Version> resolve(const PostMerge &merge, const Resolution &resolution);

} // namespace inkwell::merge
