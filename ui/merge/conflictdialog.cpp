#include "ui/merge/conflictdialog.h"

#include "model/post.h"
#include "store/localstore.h"
#include "store/postrepository.h"
#include "store/syncrepository.h"

#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTextBrowser>

namespace inkwell::ui {

namespace {

QTextBrowser *versionView(const model::PostFields &fields, bool deleted, QWidget *parent)
{
    auto *view = new QTextBrowser(parent);
    if (deleted) {
        view->setPlainText(ConflictDialog::tr("(deleted)"));
        return view;
    }
    view->setMarkdown(QStringLiteral("# ") + fields.title + QStringLiteral("\n\n")
                      + QStringLiteral("*") + fields.tags.join(QStringLiteral(", "))
                      + QStringLiteral("*\n\n") + fields.body);
    return view;
}

} // namespace

ConflictDialog::ConflictDialog(store::LocalStore &store, const QString &guid, QWidget *parent)
    : QDialog(parent), m_store(store), m_guid(guid)
{
    setObjectName(QStringLiteral("conflictDialog"));
    setWindowTitle(tr("Resolve Conflict"));
    auto post = store.posts().post(guid);
    m_hasConflict = post && post->syncStatus == model::SyncStatus::Conflicted && post->theirs;
    if (!m_hasConflict)
        return;
    const model::Revision &theirs = *post->theirs;
    auto *layout = new QGridLayout(this);
    auto *mineLabel = new QLabel(tr("<b>Your version</b>"), this);
    auto *theirsLabel = new QLabel(
            tr("<b>Server version</b> by %1").arg(theirs.modifiedBy.toHtmlEscaped()), this);
    QTextBrowser *mine = versionView(post->fields, post->deleted, this);
    mine->setAccessibleName(tr("Your version"));
    QTextBrowser *server = versionView(theirs.fields, theirs.deleted, this);
    server->setAccessibleName(tr("Server version"));
    layout->addWidget(mineLabel, 0, 0);
    layout->addWidget(theirsLabel, 0, 1);
    layout->addWidget(mine, 1, 0);
    layout->addWidget(server, 1, 1);
    auto *buttons = new QDialogButtonBox(this);
    QPushButton *keep = buttons->addButton(tr("Keep Mine"), QDialogButtonBox::AcceptRole);
    QPushButton *take = buttons->addButton(tr("Take Theirs"), QDialogButtonBox::DestructiveRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    connect(keep, &QPushButton::clicked, this, &ConflictDialog::keepMine);
    connect(take, &QPushButton::clicked, this, &ConflictDialog::takeTheirs);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons, 2, 0, 1, 2);
    resize(900, 560);
}

void ConflictDialog::keepMine()
{
    auto post = m_store.posts().post(m_guid);
    auto resolved =
            post ? m_store.sync().resolve(m_guid, post->fields) : Result<model::Post>(post.error());
    if (!resolved) {
        QMessageBox::warning(this, windowTitle(), errorText(resolved.error().code));
        return;
    }
    accept();
}

void ConflictDialog::takeTheirs()
{
    auto taken = m_store.sync().acceptTheirs(m_guid);
    if (!taken) {
        QMessageBox::warning(this, windowTitle(), errorText(taken.error().code));
        return;
    }
    accept();
}

} // namespace inkwell::ui
