#pragma once

#include <QString>

namespace inkwell::bench {

// The single-request figures of issue 3, measured around Api::handle (server time) and over
// loopback through the HTTP front: a push of 1,000 changes, a paged full pull of 10,000 posts,
// and an incremental pull of one change from a 1,000- and a 100,000-post blog.
// Returns false (after printing why) if the server could not be set up.
bool runInProcessBenchmarks(const QString &databaseUrl, const QString &label, bool withLargeBlog);

} // namespace inkwell::bench
