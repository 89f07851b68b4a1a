#include "ui/sync/synclogwindow.h"

#include "ui/sync/syncservice.h"

#include <QDialogButtonBox>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace inkwell::ui {

SyncLogWindow::SyncLogWindow(SyncService *sync, QWidget *parent)
    : QDialog(parent), m_log(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("syncLog"));
    setWindowTitle(tr("Sync Log"));
    m_log->setReadOnly(true);
    m_log->setAccessibleName(tr("Sync log"));
    m_log->setMaximumBlockCount(2000);
    m_log->setLineWrapMode(QPlainTextEdit::NoWrap);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *clear = buttons->addButton(tr("C&lear"), QDialogButtonBox::ResetRole);
    connect(clear, &QPushButton::clicked, m_log, &QPlainTextEdit::clear);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_log);
    layout->addWidget(buttons);
    resize(640, 360);

    connect(sync, &SyncService::logged, this, &SyncLogWindow::append);
    connect(sync, &SyncService::failed, this, [this](const Error &error) {
        append(QDateTime::currentDateTimeUtc(), tr("Sync failed: %1").arg(errorText(error.code)));
    });
    connect(sync, &SyncService::postFailed, this, [this](const QString &guid, const Error &error) {
        append(QDateTime::currentDateTimeUtc(),
               tr("Post %1 was not accepted: %2").arg(guid.left(8), errorText(error.code)));
    });
}

void SyncLogWindow::append(const QDateTime &at, const QString &message)
{
    m_log->appendPlainText(QLocale().toString(at.toLocalTime(), QStringLiteral("HH:mm:ss"))
                           + QStringLiteral("  ") + message);
}

QString SyncLogWindow::text() const
{
    return m_log->toPlainText();
}

} // namespace inkwell::ui
