#pragma once

#include <QByteArray>
#include <QString>

namespace inkwell::model {
struct Post;
}

namespace inkwell::sync {

// The idempotency key of pushing post as it is now: derived from its guid, edit counter, base
// revision and content, so every retry of the same edit (also after a crash) sends the same key,
// and any other edit - or another replica's different edit - gets another one.
QString opIdFor(const model::Post &post);
// The same, given protocol::encode(post.fields) (a push sends that text too: encoded once).
QString opIdFor(const model::Post &post, const QByteArray &encodedFields);

} // namespace inkwell::sync
