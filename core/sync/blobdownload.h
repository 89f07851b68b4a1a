#pragma once

#include "model/result.h"

#include <QString>

#include <functional>

namespace inkwell::store {
class LocalStore;
}

namespace inkwell::sync {

class RetryingSender;
struct SyncAccount;
struct SyncOptions;

// Downloads the blob sha256 of blog into the store through sender: the bytes are verified
// against the hash (a mismatch is retried like a cut-off answer) before anything is stored.
void downloadBlob(RetryingSender *sender, store::LocalStore &store, const SyncAccount &account,
                  const SyncOptions &options, qint64 blog, const QString &sha256,
                  std::function<void(const Result<void> &)> done);

} // namespace inkwell::sync
