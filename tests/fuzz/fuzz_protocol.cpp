// libFuzzer target: every protocol decoder on arbitrary bytes. Whatever decodes must encode and
// decode again to the same value (the wire form is stable), and nothing may crash or leak.
#include "protocol/codec.h"

#include <QtGlobal>

#include <cstddef>
#include <cstdint>
#include <type_traits>

using namespace inkwell::protocol;

namespace {

template<typename T, typename Decode>
void roundTrip(const QByteArray &input, Decode decode)
{
    const inkwell::Result<T> first = decode(input, Limits());
    if (!first)
        return;
    // The pulled changes a response sets aside (invalidChanges) are not encoded again.
    T expected = *first;
    if constexpr (std::is_same_v<T, SyncResponse>)
        expected.invalidChanges.clear();
    const inkwell::Result<T> second = decode(encode(expected), Limits());
    if (!second || !(*second == expected))
        qFatal("round trip changed a decoded value");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input =
            QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    roundTrip<SyncRequest>(input, decodeSyncRequest);
    roundTrip<SyncResponse>(input, decodeSyncResponse);
    roundTrip<LoginRequest>(input, decodeLoginRequest);
    roundTrip<LoginResponse>(input, decodeLoginResponse);
    roundTrip<BlogList>(input, decodeBlogList);
    roundTrip<MissingBlobsRequest>(input, decodeMissingBlobsRequest);
    roundTrip<MissingBlobsResponse>(input, decodeMissingBlobsResponse);
    roundTrip<ErrorBody>(input, decodeErrorBody);
    return 0;
}
