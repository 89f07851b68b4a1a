#pragma once

#include "model/result.h"
#include "protocol/blobs.h"
#include "protocol/blogs.h"
#include "protocol/limits.h"
#include "protocol/session.h"
#include "protocol/sync.h"

#include <QByteArray>

// Encoding to and strict decoding from the JSON wire form. Decoders reject anything outside
// the documented shape: wrong types, unknown or missing fields, bad guids/hashes/cursors and
// any input past a Limits bound, with ErrorCode::Malformed or ErrorCode::TooLarge and a
// message that names the offending field (e.g. "changes[3].guid: not a lower-case UUID").
namespace inkwell::protocol {

// The body of every error answer: {"error":{"code":"...","message":"..."}}.
struct ErrorBody
{
    Error error;

    friend bool operator==(const ErrorBody &, const ErrorBody &) = default;
};

QByteArray encode(const LoginRequest &request);
QByteArray encode(const LoginResponse &response);
QByteArray encode(const BlogList &list);
QByteArray encode(const SyncRequest &request);
QByteArray encode(const SyncResponse &response);
QByteArray encode(const MissingBlobsRequest &request);
QByteArray encode(const MissingBlobsResponse &response);
QByteArray encode(const ErrorBody &body);
// A post's fields as the sync messages carry them: the text QJsonDocument writes, compact, of
// PostFields::toJson() (the op_id of a push hashes it, the server stores it).
QByteArray encode(const model::PostFields &fields);
// The bytes one revision takes in an encoded SyncResponse (for the server's page budget).
qsizetype encodedSize(const model::Revision &revision);

Result<LoginRequest> decodeLoginRequest(const QByteArray &json, const Limits &limits = {});
Result<LoginResponse> decodeLoginResponse(const QByteArray &json, const Limits &limits = {});
Result<BlogList> decodeBlogList(const QByteArray &json, const Limits &limits = {});
Result<SyncRequest> decodeSyncRequest(const QByteArray &json, const Limits &limits = {});
Result<SyncResponse> decodeSyncResponse(const QByteArray &json, const Limits &limits = {});
Result<MissingBlobsRequest> decodeMissingBlobsRequest(const QByteArray &json,
                                                      const Limits &limits = {});
Result<MissingBlobsResponse> decodeMissingBlobsResponse(const QByteArray &json,
                                                        const Limits &limits = {});
// An error body; its code is mapped through errorCodeFromWire (unknown codes: ServerError).
Result<ErrorBody> decodeErrorBody(const QByteArray &json, const Limits &limits = {});

} // namespace inkwell::protocol
