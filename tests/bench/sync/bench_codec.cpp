// bench_codec: what a push costs before it leaves and after it arrives, in process. The fields
// of 1,000 posts of ~2 KiB of prose (the data bench_sync pushes) written by JsonWriter and by
// QJsonDocument (the reference: the text must be its to the byte), their op_ids, a request of
// 500 changes written with and without the op_ids' text, and that request decoded. Each figure
// is the best of --rounds N (default 30) passes; ratios are to QJsonDocument's time in the same
// run.
#include "bench/common/options.h"
#include "bench/common/prose.h"
#include "model/post.h"
#include "protocol/codec.h"
#include "sync/opid.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <limits>

using namespace inkwell;

namespace {

constexpr int Posts = 1000;
constexpr qsizetype BodyBytes = 2048;

// The best of `rounds` passes of work(), in ms.
double best(int rounds, const std::function<void()> &work)
{
    qint64 fastest = std::numeric_limits<qint64>::max();
    for (int i = 0; i < rounds; ++i) {
        QElapsedTimer timer;
        timer.start();
        work();
        fastest = std::min(fastest, timer.nsecsElapsed());
    }
    return double(fastest) / 1e6;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int rounds = std::max(
            1, bench::intOption(QCoreApplication::arguments(), QStringLiteral("--rounds"), 30));
    bench::Prose prose(20261207);
    QList<model::Post> posts;
    for (int i = 0; i < Posts; ++i) {
        model::Post post;
        post.guid = model::createGuid();
        post.rev = 3;
        post.editCounter = 7;
        post.fields.title = prose.sentence();
        post.fields.body = prose.body(BodyBytes).left(BodyBytes);
        post.fields.tags = {QStringLiteral("notes"), prose.word()};
        posts.append(post);
    }

    QList<QByteArray> texts(Posts);
    qint64 bytes = 0;
    const double writer = best(rounds, [&] {
        for (int i = 0; i < Posts; ++i)
            texts[i] = protocol::encode(posts[i].fields);
    });
    for (const QByteArray &text : std::as_const(texts))
        bytes += text.size();
    QByteArray reference;
    const double qt = best(rounds, [&] {
        for (const model::Post &post : std::as_const(posts))
            reference = QJsonDocument(post.fields.toJson()).toJson(QJsonDocument::Compact);
    });
    for (int i = 0; i < Posts; ++i) {
        if (texts[i] != QJsonDocument(posts[i].fields.toJson()).toJson(QJsonDocument::Compact))
            qFatal("JsonWriter's text differs from QJsonDocument's for post %d", i);
    }
    std::printf("bench_codec: %d posts of %lld bytes of prose, best of %d passes\n", Posts,
                static_cast<long long>(BodyBytes), rounds);
    std::printf("%-46s %8.2f ms  %.2f ns/byte  %.2fx QJsonDocument's %.2f ms\n",
                "fields of 1000 posts, JsonWriter", writer, writer * 1e6 / double(bytes),
                writer / qt, qt);

    QStringList opIds(Posts);
    const double hashing = best(rounds, [&] {
        for (int i = 0; i < Posts; ++i)
            opIds[i] = sync::opIdFor(posts[i], texts[i]);
    });
    std::printf("%-46s %8.2f ms\n", "op_ids of 1000 posts (fields text given)", hashing);

    protocol::SyncRequest request;
    request.cursor = QStringLiteral("12345");
    request.limit = 500;
    for (int i = 0; i < 500; ++i) {
        const model::Post &post = posts[i];
        request.changes.append(
                {opIds[i], post.guid, post.rev, post.deleted, post.fields, texts[i]});
    }
    protocol::SyncRequest withoutTexts = request;
    for (protocol::Change &change : withoutTexts.changes)
        change.encodedFields.clear();
    QByteArray body;
    const double withText = best(rounds, [&] { body = protocol::encode(request); });
    QByteArray again;
    const double encodedAgain = best(rounds, [&] { again = protocol::encode(withoutTexts); });
    if (body != again)
        qFatal("a request with its fields' text differs from one without");
    std::printf("%-46s %8.2f ms  %.2fx the %.2f ms with the fields encoded again\n",
                "request of 500 changes, fields text given", withText, withText / encodedAgain,
                encodedAgain);
    const double decoding = best(rounds, [&] {
        if (!protocol::decodeSyncRequest(body))
            qFatal("the request does not decode");
    });
    std::printf("%-46s %8.2f ms  (%lld bytes)\n", "request of 500 changes, decoded (server)",
                decoding, static_cast<long long>(body.size()));
    return 0;
}
