// The History window's Restore: the question, then the store's one restore rule.
#include "ui/history/historywindow.h"

#include "model/error.h"
#include "store/localstore.h"
#include "store/postrepository.h"
#include "ui/common/messagebar.h"

#include <QMessageBox>
#include <QPushButton>

namespace inkwell::ui {

QString HistoryWindow::displayTitle(const QString &title)
{
    return title.trimmed().isEmpty() ? tr("Untitled") : title;
}

void HistoryWindow::askToRestore()
{
    const auto found = m_details.constFind(selectedRevision());
    if (found == m_details.constEnd())
        return;
    const model::Revision revision = *found;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Restore Revision %1").arg(revision.rev),
                                tr("Restore revision %1 of “%2”?")
                                        .arg(revision.rev)
                                        .arg(displayTitle(revision.fields.title)),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("restoreQuestion"));
    QString details = tr("Its title, text, tags and state become the post's content again, as a "
                         "new change on top of the current version. It syncs like any edit; "
                         "the versions on the server stay in the history.");
    if (m_post.deleted)
        details += u' ' + tr("The deleted post is brought back.");
    else if (m_post.syncStatus == model::SyncStatus::NeedsSync)
        details += u' ' + tr("Your changes that are not synced yet are replaced too.");
    box->setInformativeText(details);
    QPushButton *restoreButton = box->addButton(tr("&Restore"), QMessageBox::AcceptRole);
    restoreButton->setObjectName(QStringLiteral("confirmRestore"));
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(restoreButton);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, revision, restoreButton](auto *button) {
        if (button == restoreButton)
            restore(revision);
    });
    box->open();
}

void HistoryWindow::restore(const model::Revision &revision)
{
    Q_EMIT aboutToRestore(m_guid);
    auto written = m_store.posts().restoreRevision(m_guid, revision);
    if (!written) {
        m_bar->showMessage(MessageBar::Kind::Error,
                           written.error().code == ErrorCode::Conflict
                                   ? tr("The post is in conflict: resolve the conflict first.")
                                   : errorText(written.error().code));
        return;
    }
    m_post = *written;
    updateHeader();
    showDiff();
    m_bar->showMessage(
            MessageBar::Kind::Information,
            tr("Revision %1 was restored. It is sent with the next sync.").arg(revision.rev));
    Q_EMIT restored(m_guid);
}

} // namespace inkwell::ui
