// The cover downloads of SyncRun, kept apart from syncrun.cpp: covers of pulled posts start
// downloading (four at a time) as soon as their page is applied, alongside the next rounds, and
// the run ends once the last round and the last cover are done.
#include "sync/syncrun.h"

#include "store/attachmentrepository.h"
#include "store/localstore.h"
#include "sync/blobdownload.h"
#include "sync/retryingsender.h"

#include <QLoggingCategory>

#include <algorithm>

Q_DECLARE_LOGGING_CATEGORY(lcSync)

namespace inkwell::sync {

void SyncRun::downloadCovers()
{
    if (m_progress.phase != SyncPhase::DownloadingCovers) {
        const auto busy = std::count_if(m_coverSenders.cbegin(), m_coverSenders.cend(),
                                        [](const RetryingSender *s) { return s->isBusy(); });
        qCDebug(lcSync) << "downloading" << m_covers.size() + busy << "covers," << busy
                        << "already under way";
        setPhase(SyncPhase::DownloadingCovers, m_covers.size() + busy);
    }
    if (!startCoverDownloads())
        return;
    const bool busy = std::any_of(m_coverSenders.cbegin(), m_coverSenders.cend(),
                                  [](const RetryingSender *s) { return s->isBusy(); });
    if (!busy && m_covers.isEmpty())
        finish();
}

bool SyncRun::startCoverDownloads()
{
    while (m_coverSenders.size() < CoverDownloads && !m_covers.isEmpty()) {
        auto *sender = new RetryingSender(m_transport, this);
        sender->setPolicy(m_options.retry);
        m_coverSenders.append(sender);
    }
    for (RetryingSender *sender : std::as_const(m_coverSenders)) {
        if (sender->isBusy())
            continue;
        std::optional<QPair<qint64, QString>> next;
        while (!next && !m_covers.isEmpty()) {
            const auto candidate = m_covers.takeFirst();
            auto absent = m_store.attachments().missing({candidate.second});
            if (!absent) {
                fail(absent.error());
                m_sender->cancel(); // a round may be under way: it must not apply any more
                return false;
            }
            if (!absent->isEmpty())
                next = candidate;
        }
        if (!next)
            break;
        downloadCover(sender, next->first, next->second);
    }
    return true;
}

void SyncRun::downloadCover(RetryingSender *sender, qint64 blog, const QString &hash)
{
    downloadBlob(sender, m_store, m_account, m_options, blog, hash,
                 [this, hash](const Result<void> &fetched) {
                     if (fetched) {
                         ++m_result.attachmentsDownloaded;
                     } else if (fetched.error().code == ErrorCode::Cancelled) {
                         return fail(fetched.error());
                     } else {
                         // A missing cover is shown as a placeholder; the post itself synced.
                         qCWarning(lcSync)
                                 << "cover" << hash
                                 << "not downloaded:" << errorCodeName(fetched.error().code);
                     }
                     if (!m_done)
                         return;
                     // Covers start while pages are still being pulled; the run ends after both.
                     if (m_progress.phase == SyncPhase::DownloadingCovers) {
                         advance();
                         downloadCovers();
                     } else {
                         startCoverDownloads();
                     }
                 });
}

} // namespace inkwell::sync
