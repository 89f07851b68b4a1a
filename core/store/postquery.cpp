#include "store/postquery.h"

#include "model/post.h"

namespace inkwell::store {

PageKey PageKey::of(const model::Post &post)
{
    return PageKey{post.modifiedAt, post.guid};
}

} // namespace inkwell::store
