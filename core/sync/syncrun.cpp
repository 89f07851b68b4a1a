#include "sync/syncrun.h"

#include "model/attachment.h"
#include "net/transport.h"
#include "protocol/codec.h"
#include "protocol/validation.h"
#include "store/attachmentrepository.h"
#include "store/localstore.h"
#include "store/syncrepository.h"
#include "sync/changeapplier.h"
#include "sync/opid.h"
#include "sync/retryingsender.h"

#include <QLoggingCategory>

#include <algorithm>

Q_DECLARE_LOGGING_CATEGORY(lcSync)

namespace inkwell::sync {

namespace {

net::Request authorized(net::Request request, const SyncAccount &account,
                        const SyncOptions &options)
{
    request.bearerToken = account.token;
    request.timeout = options.requestTimeout;
    return request;
}

using DecodedAnswer = Result<protocol::SyncResponse>;

// A sync answer is decoded where the transport prepares answers (Request::prepare): on the
// network thread with ThreadedTransport, while this thread stores the previous page.
std::any decodeAnswer(const QByteArray &body)
{
    return DecodedAnswer(protocol::decodeSyncResponse(body));
}

// A sync answer that does not decode (e.g. cut off) fails as Malformed, which is retried.
Result<void> decodes(const net::Response &response, std::optional<protocol::SyncResponse> *keep)
{
    const auto *decoded = std::any_cast<DecodedAnswer>(&response.prepared);
    if (!decoded) // RetryingSender prepares every successful answer
        return Error{ErrorCode::Malformed, QStringLiteral("the sync answer was not decoded")};
    if (!*decoded)
        return decoded->error();
    *keep = **decoded;
    return {};
}

} // namespace

SyncRun::SyncRun(store::LocalStore &store, net::Transport *transport, const SyncAccount &account,
                 const SyncOptions &options, QSet<QString> *knownBlobs,
                 QHash<QString, QList<model::Post>> *unacknowledged, QObject *parent)
    : QObject(parent), m_store(store), m_account(account), m_options(options),
      m_knownBlobs(knownBlobs), m_unacknowledged(unacknowledged), m_transport(transport),
      m_sender(new RetryingSender(transport, this)),
      m_alongsideSender(new RetryingSender(transport, this))
{
    connect(m_sender, &RetryingSender::retrying, this, &SyncRun::retrying);
    m_sender->setPolicy(options.retry);
    m_alongsideSender->setPolicy(options.retry);
    m_batchLimit = std::max(0, options.maxChangesPerRequest);
}

SyncRun::~SyncRun() = default;

void SyncRun::start(Done done)
{
    m_done = std::move(done);
    setPhase(SyncPhase::Preparing);
    startBlog(0);
}

void SyncRun::cancel()
{
    for (RetryingSender *sender : std::as_const(m_coverSenders)) {
        if (sender->isBusy())
            sender->cancel(); // its done handler fails the run
    }
    if (m_alongsideSender->isBusy())
        m_alongsideSender->cancel();
    if (m_sender->isBusy())
        m_sender->cancel(); // its done handler fails the run
    else
        fail(Error{ErrorCode::Cancelled, QStringLiteral("sync cancelled")});
}

void SyncRun::startBlog(int index)
{
    m_blogIndex = index;
    if (index >= m_account.blogs.size()) {
        downloadCovers();
        return;
    }
    auto cursor =
            m_store.sync().cursor(m_account.serverKey(), QString::number(m_account.blogs[index]));
    if (!cursor)
        return fail(cursor.error());
    m_cursor = *cursor;
    auto epoch =
            m_store.sync().epoch(m_account.serverKey(), QString::number(m_account.blogs[index]));
    if (!epoch)
        return fail(epoch.error());
    m_epoch = *epoch;
    m_recovery.reset();
    m_rounds = 0;
    m_needPull = true;
    m_resyncedThisBlog = false;
    m_progress.blog = m_account.blogs[index];
    m_pending.emplace(m_store, QString::number(m_account.blogs[index]));
    nextRound();
}

QList<PendingPost> SyncRun::pushCandidates() const
{
    QList<PendingPost> candidates;
    qint64 characters = 0;
    for (const PendingPost &pending : m_pending->posts()) {
        if (candidates.size() >= m_batchLimit)
            break;
        if (m_rejected.contains(pending.post.guid) || m_attempted.contains(pending.opId))
            continue;
        characters += pending.post.fields.title.size() + pending.post.fields.body.size();
        if (!candidates.isEmpty() && characters > PushCharacters)
            break;
        candidates.append(pending);
    }
    return candidates;
}

void SyncRun::nextRound()
{
    const QString blog = QString::number(m_account.blogs[m_blogIndex]);
    // One request's worth: the first request leaves sooner; pushAlongside() reads the next.
    if (auto refreshed = m_pending->refresh(m_batchLimit); !refreshed)
        return fail(refreshed.error());
    const QList<PendingPost> changes = m_recovery ? QList<PendingPost>() : pushCandidates();
    if (changes.isEmpty() && !m_needPull)
        return finishBlog();
    if (++m_rounds > m_options.maxRounds) {
        qCWarning(lcSync) << "blog" << blog << "still busy after" << m_options.maxRounds
                          << "rounds; continuing next run";
        return finishBlog();
    }
    QStringList hashes;
    for (const PendingPost &pending : changes) {
        if (pending.post.deleted)
            continue;
        for (const QString &hash : pending.post.fields.attachmentHashes()) {
            if (!m_knownBlobs->contains(hash) && !hashes.contains(hash))
                hashes.append(hash);
        }
    }
    uploadAttachments(hashes, [this, changes] { exchange(changes, m_cursor); });
}

void SyncRun::uploadAttachments(QStringList hashes, std::function<void()> then)
{
    auto absent = m_store.attachments().missing(hashes);
    if (!absent)
        return fail(absent.error());
    for (const QString &hash : std::as_const(*absent))
        hashes.removeAll(hash); // referenced but not here: nothing we could upload
    if (hashes.isEmpty())
        return then();
    setPhase(SyncPhase::UploadingAttachments, hashes.size());
    const QStringList batch = hashes.mid(0, 1000);
    const QStringList rest = hashes.mid(1000);
    auto missing = std::make_shared<QStringList>();
    net::Request request;
    request.method = net::Method::Post;
    request.url = m_account.blogEndpoint(m_progress.blog, QStringLiteral("/blobs/missing"));
    request.body = protocol::encode(protocol::MissingBlobsRequest{batch});
    request.contentType = "application/json";
    m_sender->send(
            authorized(request, m_account, m_options),
            [missing](const net::Response &response) -> Result<void> {
                auto decoded = protocol::decodeMissingBlobsResponse(response.body);
                if (!decoded)
                    return decoded.error();
                *missing = decoded->missing;
                return {};
            },
            [this, batch, rest, missing, then](const Result<void> &sent) {
                if (!sent)
                    return fail(sent.error());
                for (const QString &hash : batch) {
                    if (!missing->contains(hash))
                        m_knownBlobs->insert(hash);
                }
                uploadNext(*missing, [this, rest, then] { uploadAttachments(rest, then); });
            });
}

void SyncRun::uploadNext(QStringList missing, std::function<void()> then)
{
    if (missing.isEmpty())
        return then();
    const QString hash = missing.takeFirst();
    auto attachment = m_store.attachments().attachment(hash);
    if (!attachment)
        return fail(attachment.error());
    net::Request request;
    request.method = net::Method::Put;
    request.url = m_account.blogEndpoint(m_progress.blog, QStringLiteral("/blobs/") + hash);
    request.body = attachment->data;
    request.contentType = attachment->mimeType.isEmpty() ? QByteArray("application/octet-stream")
                                                         : attachment->mimeType.toLatin1();
    m_sender->send(
            authorized(request, m_account, m_options),
            [](const net::Response &) { return Result<void>(); },
            [this, hash, missing, then](const Result<void> &sent) {
                if (!sent)
                    return fail(sent.error());
                m_knownBlobs->insert(hash);
                ++m_result.attachmentsUploaded;
                advance();
                uploadNext(missing, then);
            });
}

net::Request SyncRun::syncRequest(const QList<PendingPost> &changes, qint64 cursor, int limit,
                                  QHash<QString, model::Post> *inFlight)
{
    protocol::SyncRequest request;
    request.cursor = protocol::cursorForRevision(cursor);
    request.epoch = m_recovery ? QString() : m_epoch; // a full pull is valid in any epoch
    request.limit = limit;
    inFlight->clear();
    for (const auto &[post, opId, encodedFields] : changes) {
        inFlight->insert(opId, post);
        m_attempted.insert(opId);
        QList<model::Post> &earlier = (*m_unacknowledged)[post.guid];
        if (earlier.size() < 8) // a bound; a post whose pushes never get answers is rare
            earlier.append(post);
        request.changes.append(
                {opId, post.guid, post.rev, post.deleted, post.fields, encodedFields});
    }
    net::Request http;
    http.method = net::Method::Post;
    http.url = m_account.blogEndpoint(m_progress.blog, QStringLiteral("/sync"));
    http.body = protocol::encode(request);
    http.contentType = "application/json";
    http.prepare = decodeAnswer;
    return authorized(http, m_account, m_options);
}

void SyncRun::exchange(const QList<PendingPost> &changes, qint64 cursor)
{
    setPhase(SyncPhase::Exchanging, changes.size());
    const net::Request http = syncRequest(changes, cursor, m_options.pageSize, &m_inFlight);
    m_exchangeTimer.start();
    m_sender->send(
            http, [this](const net::Response &response) { return decodes(response, &m_answer); },
            [this](const Result<void> &sent) { onExchanged(sent); });
    pushAlongside(cursor);
}

// A push of 1,000 posts is two requests of 500; sent one after the other, the second waits for
// the whole first exchange. So the next batch goes out at once in a request of its own, and the
// server works on both. Only plain pushes: not while a restore is recovered (nothing is pushed
// then), not before the server's epoch is known, and not for posts whose images must be uploaded
// first. The protocol has no push-only request: it pulls at most one change (the round's own
// request does the pulling). Answers are applied one at a time in the order they come, each with
// its cursor kept only if it is ahead; a revision this run pushed that comes back in the other
// answer acknowledges that push (ChangeApplier::mergePulled). If it fails, its changes stay
// pending and a later round pushes them again (same op_ids: no duplicates).
void SyncRun::pushAlongside(qint64 cursor)
{
    if (m_recovery || m_epoch.isEmpty() || m_alongsideSender->isBusy() || m_batchLimit == 0)
        return;
    if (auto refreshed = m_pending->refresh(m_batchLimit); !refreshed) {
        qCWarning(lcSync) << "cannot read the next pushes:" << refreshed.error().message;
        return; // the round's own request goes on; the next round reads them again
    }
    const QList<PendingPost> changes = pushCandidates(); // without the round's own
    if (changes.isEmpty())
        return;
    if (needsUploads(changes))
        return;
    m_alongsideSender->send(
            syncRequest(changes, cursor, 1, &m_alongsideInFlight),
            [this](const net::Response &response) { return decodes(response, &m_alongsideAnswer); },
            [this](const Result<void> &sent) { onPushedAlongside(sent); });
}

void SyncRun::onPushedAlongside(const Result<void> &sent)
{
    const QHash<QString, model::Post> pushed = std::exchange(m_alongsideInFlight, {});
    const std::optional<protocol::SyncResponse> answer = std::exchange(m_alongsideAnswer, {});
    if (!m_done)
        return; // the run ended (failed or cancelled) meanwhile
    // After a restore was found meanwhile, an answer is from before it: not applied either.
    if (!sent || m_recovery) {
        qCInfo(lcSync) << "push alongside not applied:"
                       << (sent ? QStringLiteral("server restored")
                                : errorCodeName(sent.error().code))
                       << "- pushing its" << pushed.size() << "changes again later";
        for (auto it = pushed.cbegin(); it != pushed.cend(); ++it)
            m_attempted.remove(it.key());
    } else {
        const auto report = applyAnswer(pushed, *answer);
        if (!report)
            return;
        qCDebug(lcSync) << "blog" << m_progress.blog << "pushed" << pushed.size()
                        << "alongside, pulled" << answer->changes.size();
        if (const auto cursor = protocol::parseCursor(answer->cursor))
            m_cursor = std::max(m_cursor, *cursor);
        onApplied(*report, Next::AwaitPrefetch);
    }
    if (std::exchange(m_blogWaitsForAlongside, false))
        nextRound(); // its changes may be pending again
}

void SyncRun::finishBlog()
{
    if (m_alongsideSender->isBusy()) {
        m_blogWaitsForAlongside = true;
        return;
    }
    startBlog(m_blogIndex + 1);
}

void SyncRun::onExchanged(const Result<void> &sent)
{
    const QString blog = QString::number(m_progress.blog);
    if (!sent && sent.error().code == ErrorCode::ResyncRequired && !m_resyncedThisBlog) {
        qCInfo(lcSync) << "server asked blog" << blog << "to resync from 0";
        m_resyncedThisBlog = true;
        m_result.resynced = true;
        if (auto reset = m_store.sync().resetCursor(m_account.serverKey(), blog); !reset)
            return fail(reset.error());
        m_cursor = 0;
        m_needPull = true;
        m_recovery.emplace(m_store, blog);
        for (auto it = m_inFlight.cbegin(); it != m_inFlight.cend(); ++it)
            m_attempted.remove(it.key()); // not processed: push them again
        m_inFlight.clear();
        return nextRound();
    }
    if (!sent && sent.error().code == ErrorCode::TooLarge && m_inFlight.size() > 1) {
        // The server accepts fewer changes per request than we sent: halve the batch and retry.
        m_batchLimit = std::max(1, int(m_inFlight.size()) / 2);
        qCInfo(lcSync) << "server refused" << m_inFlight.size() << "changes in one request; using"
                       << m_batchLimit;
        for (auto it = m_inFlight.cbegin(); it != m_inFlight.cend(); ++it)
            m_attempted.remove(it.key());
        m_inFlight.clear();
        return nextRound();
    }
    if (!sent)
        return fail(sent.error());
    const protocol::SyncResponse response = std::move(*m_answer);
    m_answer.reset();
    const QHash<QString, model::Post> pushed = std::exchange(m_inFlight, {});
    const auto cursor = protocol::parseCursor(response.cursor);
    // Rounds are pipelined: the next request (the next page, and the next pushes that need no
    // upload) goes out before this answer is applied, so the server works while we write.
    const bool prefetch = cursor && prefetchNext(*cursor, response.more);
    const qint64 exchanged = m_exchangeTimer.restart();
    const auto report = applyAnswer(pushed, response);
    if (!report)
        return;
    qCDebug(lcSync) << "blog" << blog << "pushed" << pushed.size() << "pulled"
                    << response.changes.size() << "in" << exchanged << "ms, applied in"
                    << m_exchangeTimer.elapsed() << "ms";
    m_cursor = std::max(m_cursor, cursor.value_or(m_cursor)); // a push alongside may be ahead
    m_needPull = response.more;
    if (auto tracked = trackEpoch(response); !tracked) {
        fail(tracked.error());
        m_sender->cancel();
        return;
    }
    onApplied(*report, prefetch ? Next::AwaitPrefetch : Next::Round);
}

std::optional<ApplyReport> SyncRun::applyAnswer(const QHash<QString, model::Post> &pushed,
                                                const protocol::SyncResponse &response)
{
    ChangeApplier applier(m_store, m_account.serverKey(), m_progress.blog, m_unacknowledged);
    auto report = applier.apply(pushed, response);
    if (report)
        return *report;
    fail(report.error());
    m_sender->cancel(); // a request may be out: it must not apply any more
    m_alongsideSender->cancel();
    return std::nullopt;
}

bool SyncRun::needsUploads(const QList<PendingPost> &changes) const
{
    for (const PendingPost &pending : changes) {
        if (pending.post.deleted)
            continue;
        for (const QString &hash : pending.post.fields.attachmentHashes()) {
            if (!m_knownBlobs->contains(hash))
                return true;
        }
    }
    return false;
}

bool SyncRun::prefetchNext(qint64 cursor, bool more)
{
    // Candidates from the last refresh, minus what this run pushed: a post edited or merged
    // meanwhile goes out as it was read (the edit counter keeps the newer edit pending and the
    // server answers a stale base with a conflict); the refresh of the next round catches up.
    // A recovery after a restore pulls everything before it pushes anything.
    const QList<PendingPost> changes = m_recovery ? QList<PendingPost>() : pushCandidates();
    if ((changes.isEmpty() && !more) || m_rounds >= m_options.maxRounds)
        return false;
    if (needsUploads(changes))
        return false; // uploads come first: nextRound() takes care of them
    ++m_rounds;
    exchange(changes, cursor);
    return true;
}

void SyncRun::onApplied(const ApplyReport &report, Next next)
{
    m_result.pushed += report.pushed;
    m_result.pulled += report.pulled;
    m_result.merged += report.merged;
    m_result.conflicts += report.conflicts;
    m_result.rejected += int(report.rejected.size());
    for (const auto &[guid, error] : report.rejected) {
        m_rejected.insert(guid);
        Q_EMIT postFailed(guid, error);
    }
    for (const protocol::InvalidChange &skipped : report.skipped) {
        m_result.skipped.append(skipped.guid);
        Q_EMIT changeSkipped(skipped.guid, skipped.error);
    }
    for (const QString &cover : report.covers)
        m_covers.append({m_progress.blog, cover});
    // Covers download alongside the next rounds (four at a time) instead of after the last one.
    if (!report.covers.isEmpty() && !startCoverDownloads())
        return;
    advance(report.pushed + report.pulled + report.merged + report.conflicts);
    if (next == Next::Round)
        nextRound();
}

// Stores the server's epoch once one is known; during a recovery, only after the full pull has
// made pending whatever the restored server lacks (until then the old epoch stays stored, so an
// interrupted recovery starts again from 0 on the next run).
Result<void> SyncRun::trackEpoch(const protocol::SyncResponse &response)
{
    const QString blog = QString::number(m_progress.blog);
    if (m_recovery) {
        auto rebased = m_recovery->notePage(response.changes);
        if (!rebased)
            return rebased.error();
        m_result.recovered += *rebased;
        if (response.more)
            return {};
        auto recreated = m_recovery->finish();
        if (!recreated)
            return recreated.error();
        m_result.recovered += *recreated;
        m_recovery.reset();
    } else if (response.epoch == m_epoch || response.epoch.isEmpty()) {
        return {};
    }
    if (auto stored = m_store.sync().setEpoch(m_account.serverKey(), blog, response.epoch); !stored)
        return stored;
    m_epoch = response.epoch;
    return {};
}

void SyncRun::setPhase(SyncPhase phase, qint64 total)
{
    m_progress.phase = phase;
    m_progress.itemsDone = 0;
    m_progress.itemsTotal = total;
    advance(0);
}

void SyncRun::advance(qint64 items)
{
    m_progress.itemsDone += items;
    m_progress.bytesSent = m_sender->bytesSent() + m_alongsideSender->bytesSent();
    m_progress.bytesReceived = m_sender->bytesReceived() + m_alongsideSender->bytesReceived();
    Q_EMIT progressChanged(m_progress);
}

void SyncRun::fail(const Error &error)
{
    if (!m_done)
        return;
    qCWarning(lcSync) << "sync run failed:" << errorCodeName(error.code) << error.message;
    Done done = std::move(m_done);
    m_done = nullptr;
    done(error);
}

void SyncRun::finish()
{
    if (!m_done)
        return;
    m_result.requests = m_sender->requestsSent() + m_alongsideSender->requestsSent();
    m_result.retries = m_sender->retries() + m_alongsideSender->retries();
    qCDebug(lcSync) << "run finished:" << m_result.requests << "requests";
    setPhase(SyncPhase::Idle);
    Done done = std::move(m_done);
    m_done = nullptr;
    done(m_result);
}

} // namespace inkwell::sync
