#include "sync/syncengine.h"

#include "store/attachmentrepository.h"
#include "store/localstore.h"
#include "store/searchindexer.h"
#include "sync/blobdownload.h"
#include "sync/retryingsender.h"
#include "sync/syncrun.h"

#include <QLoggingCategory>
#include <QTimer>

Q_LOGGING_CATEGORY(lcSync, "inkwell.sync")

namespace inkwell::sync {

SyncEngine::SyncEngine(store::LocalStore *store, net::Transport *transport, QObject *parent)
    : QObject(parent), m_store(store), m_transport(transport),
      m_downloader(new RetryingSender(transport, this)),
      m_indexer(new store::SearchIndexer(*store, this))
{
    qRegisterMetaType<inkwell::Error>();
    qRegisterMetaType<inkwell::sync::SyncProgress>();
    qRegisterMetaType<inkwell::sync::SyncResult>();
}

SyncEngine::~SyncEngine()
{
    delete m_run;
}

void SyncEngine::setAccount(const SyncAccount &account)
{
    if (account.server != m_account.server)
        m_knownBlobs.clear();
    m_account = account;
}

void SyncEngine::setOptions(const SyncOptions &options)
{
    m_options = options;
    m_downloader->setPolicy(options.retry);
}

void SyncEngine::requestSync()
{
    if (m_run) {
        m_followUp = true;
        return;
    }
    startRun();
}

void SyncEngine::cancel()
{
    m_followUp = false;
    if (m_run)
        m_run->cancel();
}

void SyncEngine::startRun()
{
    m_followUp = false;
    if (!m_account.isValid()) {
        Q_EMIT failed(Error{ErrorCode::Unauthorized, QStringLiteral("not signed in")});
        return;
    }
    m_run = new SyncRun(*m_store, m_transport, m_account, m_options, &m_knownBlobs,
                        &m_unacknowledged, this);
    connect(m_run, &SyncRun::progressChanged, this, &SyncEngine::progressChanged);
    connect(m_run, &SyncRun::postFailed, this, &SyncEngine::postFailed);
    connect(m_run, &SyncRun::changeSkipped, this, &SyncEngine::changeSkipped);
    connect(m_run, &SyncRun::retrying, this, &SyncEngine::retrying);
    Q_EMIT started();
    m_run->start([this](const Result<SyncResult> &result) { onRunDone(result); });
}

void SyncEngine::onRunDone(const Result<SyncResult> &result)
{
    // The run object is still on the stack of its own callback: delete it later.
    m_run->deleteLater();
    m_run = nullptr;
    if (m_options.indexAfterRuns)
        m_indexer->schedule(); // a failed run may have applied pages too
    if (result)
        Q_EMIT finished(*result);
    else
        Q_EMIT failed(result.error());
    if (m_followUp)
        QTimer::singleShot(0, this, [this] {
            if (!m_run)
                startRun();
        });
}

void SyncEngine::requestAttachment(qint64 blog, const QString &sha256)
{
    auto absent = m_store->attachments().missing({sha256});
    if (!absent) {
        Q_EMIT attachmentFailed(sha256, absent.error());
        return;
    }
    if (absent->isEmpty()) {
        Q_EMIT attachmentReady(sha256);
        return;
    }
    const QPair<qint64, QString> item{blog, sha256};
    if (!m_downloads.contains(item))
        m_downloads.append(item);
    if (!m_downloader->isBusy())
        downloadNext();
}

void SyncEngine::downloadNext()
{
    if (m_downloads.isEmpty() || m_downloader->isBusy())
        return;
    // Not a structured binding: clang 14 (the fuzz build's compiler) cannot capture one.
    const qint64 blog = m_downloads.constFirst().first;
    const QString hash = m_downloads.constFirst().second;
    downloadBlob(m_downloader, *m_store, m_account, m_options, blog, hash,
                 [this, hash](const Result<void> &fetched) {
                     m_downloads.removeFirst();
                     if (fetched)
                         Q_EMIT attachmentReady(hash);
                     else
                         Q_EMIT attachmentFailed(hash, fetched.error());
                     QTimer::singleShot(0, this, &SyncEngine::downloadNext);
                 });
}

} // namespace inkwell::sync
