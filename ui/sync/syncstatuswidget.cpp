#include "ui/sync/syncstatuswidget.h"

#include "ui/common/icons.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QTimer>

namespace inkwell::ui {

namespace {

QString relativeTime(const QDateTime &when)
{
    const qint64 seconds = when.secsTo(QDateTime::currentDateTimeUtc());
    if (seconds < 60)
        return SyncStatusWidget::tr("just now");
    if (seconds < 3600)
        return SyncStatusWidget::tr("%1 min ago").arg(seconds / 60);
    if (when.toLocalTime().date() == QDate::currentDate())
        return QLocale().toString(when.toLocalTime().time(), QLocale::ShortFormat);
    return QLocale().toString(when.toLocalTime(), QLocale::ShortFormat);
}

} // namespace

SyncStatusWidget::SyncStatusWidget(SyncService *sync, QWidget *parent)
    : QWidget(parent), m_sync(sync), m_connectivityIcon(new QLabel(this)),
      m_connectivity(new QLabel(this)), m_pending(new QLabel(this)), m_lastSync(new QLabel(this)),
      m_skipped(new QLabel(this)), m_progress(new QProgressBar(this)),
      m_progressDelay(new QTimer(this)), m_clock(new QTimer(this))
{
    setObjectName(QStringLiteral("syncStatus"));
    m_connectivity->setObjectName(QStringLiteral("connectivity"));
    m_pending->setObjectName(QStringLiteral("pendingCount"));
    m_lastSync->setObjectName(QStringLiteral("lastSync"));
    m_skipped->setObjectName(QStringLiteral("skippedPosts"));
    m_skipped->setWordWrap(false);
    m_skipped->hide();
    m_progress->setObjectName(QStringLiteral("syncProgress"));
    m_progress->setAccessibleName(tr("Sync progress"));
    m_progress->setMaximumWidth(160);
    m_progress->setTextVisible(false);
    m_progress->hide();
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_skipped);
    layout->addSpacing(8);
    layout->addWidget(m_progress);
    layout->addWidget(m_pending);
    layout->addSpacing(8);
    layout->addWidget(m_lastSync);
    layout->addSpacing(8);
    layout->addWidget(m_connectivityIcon);
    layout->addWidget(m_connectivity);

    m_progressDelay->setSingleShot(true);
    m_progressDelay->setInterval(400);
    connect(m_progressDelay, &QTimer::timeout, m_progress, &QWidget::show);
    m_clock->setInterval(30000);
    connect(m_clock, &QTimer::timeout, this, &SyncStatusWidget::showLastSync);
    m_clock->start();

    connect(sync, &SyncService::connectivityChanged, this, &SyncStatusWidget::showConnectivity);
    connect(sync, &SyncService::started, this, [this] {
        m_runSkipped.clear();
        m_progress->setRange(0, 0);
        m_progressDelay->start();
        m_lastSync->setText(tr("Syncing…"));
    });
    connect(sync, &SyncService::progressed, this, &SyncStatusWidget::onProgress);
    const auto stopped = [this] {
        m_progressDelay->stop();
        m_progress->hide();
        showLastSync();
    };
    connect(sync, &SyncService::changeSkipped, this,
            [this](const QString &guid, const Error &error) {
                const QString post = guid.isEmpty() ? tr("(post without a valid id)") : guid;
                const QString why = error.message.isEmpty() ? errorText(error.code) : error.message;
                m_runSkipped.append(post + QStringLiteral(": ") + why);
            });
    connect(sync, &SyncService::finished, this, [this, stopped] {
        stopped();
        showSkipped(); // a clean run clears the warning
    });
    connect(sync, &SyncService::failed, this, [this, stopped](const Error &error) {
        stopped();
        if (!m_runSkipped.isEmpty())
            showSkipped(); // a failed run that skipped nothing says nothing new about them
        m_lastSync->setText(tr("Sync failed: %1").arg(errorText(error.code)));
    });
    showConnectivity(sync->connectivity());
    showLastSync();
}

void SyncStatusWidget::setPendingCount(qint64 pending, qint64 conflicted)
{
    if (m_sync->connectivity() == SyncService::Connectivity::NotConfigured) {
        m_pending->clear(); // nothing syncs without a server
        return;
    }
    QString text = tr("To sync: %1").arg(pending);
    if (conflicted > 0)
        text += QStringLiteral(" · ") + tr("Conflicts: %1").arg(conflicted);
    m_pending->setText(text);
}

QString SyncStatusWidget::connectivityText() const
{
    return m_connectivity->text();
}

QString SyncStatusWidget::pendingText() const
{
    return m_pending->text();
}

QString SyncStatusWidget::lastSyncText() const
{
    return m_lastSync->text();
}

bool SyncStatusWidget::isProgressVisible() const
{
    return m_progress->isVisible();
}

QString SyncStatusWidget::skippedText() const
{
    return m_skipped->text();
}

QString SyncStatusWidget::skippedDetails() const
{
    return m_skipped->toolTip();
}

void SyncStatusWidget::showSkipped()
{
    if (m_runSkipped.isEmpty()) {
        m_skipped->clear();
        m_skipped->setToolTip({});
        m_skipped->hide();
        return;
    }
    const int count = int(m_runSkipped.size());
    m_skipped->setText(tr("%n unreadable post(s) from the server skipped", nullptr, count));
    m_skipped->setToolTip(tr("Ask their authors to save these posts again.") + u'\n'
                          + m_runSkipped.join(u'\n'));
    m_skipped->show();
    m_runSkipped.clear();
}

void SyncStatusWidget::showConnectivity(SyncService::Connectivity connectivity)
{
    QString text;
    QString icon = QStringLiteral("online");
    switch (connectivity) {
    case SyncService::Connectivity::NotConfigured:
        text = tr("Offline only");
        icon = QStringLiteral("offline");
        break;
    case SyncService::Connectivity::Unknown:
        text = tr("Connecting…");
        break;
    case SyncService::Connectivity::Online:
        text = tr("Online");
        break;
    case SyncService::Connectivity::Offline:
        text = tr("Offline");
        icon = QStringLiteral("offline");
        break;
    }
    const int size = fontMetrics().height();
    m_connectivityIcon->setPixmap(actionIcon(icon, palette()).pixmap(QSize(size, size)));
    m_connectivity->setText(text);
    setAccessibleDescription(text);
}

void SyncStatusWidget::showLastSync()
{
    if (m_sync->isSyncing())
        return;
    if (m_sync->connectivity() == SyncService::Connectivity::NotConfigured) {
        m_lastSync->clear();
        return;
    }
    const QDateTime last = m_sync->lastSuccessfulSync();
    m_lastSync->setText(last.isValid() ? tr("Last synced %1").arg(relativeTime(last))
                                       : tr("Not synced yet"));
}

void SyncStatusWidget::onProgress(int done, int total)
{
    if (total > 0) {
        m_progress->setRange(0, total);
        m_progress->setValue(std::min(done, total));
    } else {
        m_progress->setRange(0, 0);
    }
}

} // namespace inkwell::ui
