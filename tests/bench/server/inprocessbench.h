#pragma once

#include <QString>

namespace inkwell::bench {

// The single-request figures of issue 3, measured around Api::handle (server time) and over
// loopback through the HTTP front: a push of 1,000 new posts and one of an edit of each (only
// these with pushOnly), a paged full pull of a blog of 1,000,
// 10,000 and 100,000 posts (with the per-post ratio of the largest to the smallest), and an
// incremental pull of one change from the 1,000- and the 100,000-post blog.
// Returns false (after printing why) if the server could not be set up.
bool runInProcessBenchmarks(const QString &databaseUrl, const QString &label, bool withLargeBlog,
                            bool pushOnly = false);

} // namespace inkwell::bench
