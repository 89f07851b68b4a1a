#pragma once

#include "server/api/serverconfig.h"

namespace inkwell::server::cli {

// Serves HTTP on config.listenAddress until SIGTERM or SIGINT, then finishes in-flight requests
// and returns ExitSuccess. Prints "listening on HOST:PORT" on stdout once connections are
// accepted. ioThreads: threads parsing HTTP.
int serve(const ServerConfig &config, int ioThreads);

} // namespace inkwell::server::cli
