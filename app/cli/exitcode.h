#pragma once

#include "model/error.h"

namespace inkwell::cli {

// The exit status of inkwell-cli, documented in docs/cli.md. Stable: scripts depend on it.
enum class ExitCode {
    Ok = 0,
    Failure = 1, // anything not listed below
    Usage = 2, // unknown command, missing or contradictory options
    NotFound = 3, // no such post, file or attachment
    NotSignedIn = 4, // no account in the profile, or the server refused the token or password
    Unreachable = 5, // network error, timeout, server unavailable
    // sync finished, but posts wait for `resolve`; also `rm` of a conflicted post and `resolve`
    // after the server's version changed
    Conflicts = 6,
    LocalData = 7, // the profile's database or files could not be read or written
    Keychain = 8, // the system keychain failed or is missing (see --insecure-token-file)
};

// The exit code for an error from the core libraries.
ExitCode exitCodeFor(ErrorCode code);

} // namespace inkwell::cli
