#pragma once

#include <QtGlobal>

namespace inkwell::bench {

// What the sync of a workload cannot beat on this machine: a bare SQLite insert of the same rows
// (one transaction, prepared statement) plus one loopback HTTP GET of the same number of bytes.
struct Floor
{
    double insertMs = 0;
    double getMs = 0;
    double total() const { return insertMs + getMs; }
};

// rows posts of bodyBytes each and blobs blobs of blobBytes each; bytes over HTTP.
Floor measureFloor(int rows, int bodyBytes, int blobs, int blobBytes, qint64 bytes);

} // namespace inkwell::bench
