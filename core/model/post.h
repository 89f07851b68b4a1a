#pragma once

#include "model/postfields.h"
#include "model/revision.h"
#include "model/syncstatus.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace inkwell::model {

// A post as the local store keeps it: the writer's current fields plus everything the syncer
// needs to push them and merge others' changes without losing an edit.
struct Post
{
    QString guid; // UUIDv4 made by the client, lower-case, no braces
    QString blog; // server blog id; empty for a local-only post
    PostFields fields;

    qint64 rev = 0; // server revision this copy is based on; 0 = never synced
    bool deleted = false; // tombstone: kept for sync, never listed
    SyncStatus syncStatus = SyncStatus::NeedsSync;
    qint64 editCounter = 0; // bumped on every local edit

    std::optional<PostFields> base; // the fields as last agreed with the server
    std::optional<Revision> theirs; // the server's version while Conflicted
    // While Conflicted over the editor's own held buffer, when theirs is the stored version with
    // local changes not yet pushed: the fields last agreed with the server at theirs' revision.
    // Kept inside the theirs column; see SyncRepository::storeEditConflict() and applyMerge().
    std::optional<PostFields> agreed;

    QDateTime createdAt;
    QDateTime modifiedAt;
    QString createdBy; // server account names; empty until synced
    QString modifiedBy;
    QString lastError; // the last sync error for this post, empty when none

    friend bool operator==(const Post &, const Post &) = default;
};

// A new random post guid in the form Post::guid uses.
QString createGuid();
// True for a lower-case UUID without braces.
bool isValidGuid(const QString &guid);

} // namespace inkwell::model
