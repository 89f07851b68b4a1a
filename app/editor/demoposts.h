#pragma once

#include "model/result.h"

namespace inkwell::store {
class LocalStore;
}

namespace inkwell::editor {

// Fills an empty store with a few example posts in blog, one of them with an image, so a first
// run shows what Inkwell does. Does nothing when the store already has posts.
Result<int> createDemoPosts(store::LocalStore &store, const QString &blog);

} // namespace inkwell::editor
