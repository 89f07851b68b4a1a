#pragma once

#include <QStringList>

namespace inkwell::protocol {

// POST /api/v1/blogs/{blog}/blobs/missing body: the SHA-256 hashes the client wants to upload.
struct MissingBlobsRequest
{
    QStringList hashes;

    friend bool operator==(const MissingBlobsRequest &, const MissingBlobsRequest &) = default;
};

// The subset of the requested hashes the server does not hold yet, in request order.
struct MissingBlobsResponse
{
    QStringList missing;

    friend bool operator==(const MissingBlobsResponse &, const MissingBlobsResponse &) = default;
};

} // namespace inkwell::protocol
