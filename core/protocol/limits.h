#pragma once

#include <QtGlobal>

namespace inkwell::protocol {

// Upper bounds every decoder enforces. The defaults are the protocol's published limits
// (docs/protocol.md); a server may lower them, a client must stay within them.
struct Limits
{
    qint64 maxDocumentBytes = 16 * 1024 * 1024; // one JSON request body
    qint64 maxResponseBytes = 64 * 1024 * 1024; // one JSON answer (a page may carry more)
    int maxDepth = 8; // nesting of objects and arrays
    int maxKeysPerObject = 64; // no object of the protocol has more than 8
    // JSON values (objects, arrays, strings, numbers, literals) in one document, counted before it
    // is parsed: the parse's memory grows with them. The largest answer (a page of 500 posts with
    // the conflicts and results of a push of 500, every post with 64 tags) has under 100,000.
    int maxValuesPerDocument = 1000000;
    int maxChangesPerPush = 500; // changes in one sync request
    int maxItemsPerArray = 10000; // any other array (results, changes, hashes, blogs)
    int maxHashesPerRequest = 1000; // blobs/missing
    int maxTitleLength = 1000; // characters (UTF-16 code units)
    int maxBodyLength = 1000000; // characters of Markdown (at most ~6 MiB of JSON)
    int maxTags = 64;
    int maxTagLength = 100;
    int maxNameLength = 200; // user and blog names
    int maxPasswordLength = 1024;
    int maxOpIdLength = 64;
    int maxMessageLength = 2000; // error messages
    int maxTokenLength = 256;
};

} // namespace inkwell::protocol
