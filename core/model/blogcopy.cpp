#include "model/blogcopy.h"

namespace inkwell::model {

BlogCopy blogCopy(const Post &post)
{
    if (post.rev <= 0 || post.blog.isEmpty())
        return BlogCopy::None;
    if (post.deleted && post.syncStatus == SyncStatus::Synced)
        return BlogCopy::None; // the server has the delete

    const PostFields *server = nullptr;
    if (post.theirs) {
        if (post.theirs->deleted)
            return BlogCopy::None;
        server = &post.theirs->fields;
    } else if (post.base) {
        server = &*post.base;
    }
    if (!server || server->state != PublishState::Published)
        return BlogCopy::None;
    if (post.deleted || post.fields != *server)
        return BlogCopy::Older;
    return BlogCopy::Current;
}

} // namespace inkwell::model
