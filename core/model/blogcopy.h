#pragma once

#include "model/post.h"

namespace inkwell::model {

// What a blog's public site shows of a post, as far as this copy of the post knows: the site
// shows the server's version, and only while that version is published.
enum class BlogCopy {
    None, // not on the site: never synced, a draft or deleted on the server
    Current, // on the site, as this copy has it
    Older, // on the site, but local changes (edits, unpublishing, a delete) are not synced yet
};

// The server's version is the one last agreed with it (Post::base), or the server's newer one
// while the post is Conflicted (Post::theirs).
BlogCopy blogCopy(const Post &post);

} // namespace inkwell::model
