#include "ui/history/historywindow.h"

#include "history/historyerror.h"
#include "history/revisiondiff.h"
#include "store/localstore.h"
#include "store/postrepository.h"
#include "ui/common/icons.h"
#include "ui/common/messagebar.h"
#include "ui/history/historydiffview.h"
#include "ui/history/historyservice.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace inkwell::ui {

namespace {

enum Column { RevisionColumn, AuthorColumn, TimeColumn, TitleColumn, SizeColumn, ColumnCount };

QTreeWidgetItem *rowFor(const protocol::RevisionSummary &revision)
{
    auto *item = new QTreeWidgetItem;
    item->setData(RevisionColumn, Qt::UserRole, revision.rev);
    item->setText(RevisionColumn, QString::number(revision.rev));
    item->setText(AuthorColumn,
                  revision.modifiedBy.isEmpty() ? QStringLiteral("—") : revision.modifiedBy);
    const QDateTime local = revision.modifiedAt.toLocalTime();
    // Minutes are precise enough in a list; the tooltip has the rest.
    const QLocale locale;
    QString timeFormat = locale.timeFormat(QLocale::ShortFormat);
    timeFormat.remove(QStringLiteral(":ss"));
    item->setText(TimeColumn,
                  locale.toString(local.date(), QLocale::ShortFormat) + u' '
                          + locale.toString(local.time(), timeFormat));
    item->setToolTip(TimeColumn, QLocale().toString(local, QLocale::LongFormat));
    QString title = HistoryWindow::displayTitle(revision.title);
    if (revision.deleted)
        title = HistoryWindow::tr("Deleted: %1").arg(title);
    item->setText(TitleColumn, title);
    item->setToolTip(TitleColumn, title);
    item->setText(SizeColumn, QLocale().formattedDataSize(revision.bodyBytes));
    item->setTextAlignment(RevisionColumn, Qt::AlignRight | Qt::AlignVCenter);
    item->setTextAlignment(SizeColumn, Qt::AlignRight | Qt::AlignVCenter);
    if (revision.deleted) {
        QFont font = item->font(TitleColumn);
        font.setItalic(true);
        item->setFont(TitleColumn, font);
    }
    return item;
}

} // namespace

HistoryWindow::HistoryWindow(store::LocalStore &store, HistoryService *service, const QString &guid,
                             QWidget *parent)
    : QDialog(parent), m_store(store), m_service(service), m_guid(guid),
      m_bar(new MessageBar(this)), m_title(new QLabel(this)), m_subtitle(new QLabel(this)),
      m_listStack(new QStackedWidget(this)), m_list(new QTreeWidget(this)),
      m_listState(new QLabel(this)), m_retry(new QPushButton(tr("&Try Again"), this)),
      m_loadOlder(new QPushButton(tr("Load &Older"), this)), m_diffStack(new QStackedWidget(this)),
      m_diff(new HistoryDiffView(this)), m_diffState(new QLabel(this)),
      m_restore(new QPushButton(tr("&Restore This Version…"), this))
{
    setObjectName(QStringLiteral("historyWindow"));
    setWindowIcon(applicationIcon());
    setSizeGripEnabled(true);
    buildLayout();
    if (auto post = m_store.posts().post(m_guid)) {
        m_post = *post;
        m_hasPost = true;
    }
    updateHeader();
    connect(m_service, &HistoryService::revisionsArrived, this, &HistoryWindow::onRevisionsArrived);
    connect(m_service, &HistoryService::revisionsFailed, this, &HistoryWindow::onRevisionsFailed);
    connect(m_service, &HistoryService::revisionArrived, this, &HistoryWindow::onRevisionArrived);
    connect(m_service, &HistoryService::revisionFailed, this, &HistoryWindow::onRevisionFailed);
    connect(&m_store, &store::LocalStore::postsChanged, this, &HistoryWindow::onPostsChanged,
            Qt::QueuedConnection);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &HistoryWindow::onSelectionChanged);
    connect(m_loadOlder, &QPushButton::clicked, this, &HistoryWindow::fetchPage);
    connect(m_retry, &QPushButton::clicked, this, &HistoryWindow::fetchPage);
    connect(m_restore, &QPushButton::clicked, this, &HistoryWindow::askToRestore);
    showDiffState(tr("Select a version to compare it with the current text."));
    if (m_hasPost)
        fetchPage();
    else
        showListState(tr("This post is not stored on this computer. Sync, then try again."), false);
}

HistoryWindow::~HistoryWindow() = default;

void HistoryWindow::buildLayout()
{
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setObjectName(QStringLiteral("historyTitle"));
    m_subtitle->setObjectName(QStringLiteral("historySubtitle"));
    m_subtitle->setWordWrap(true);

    m_list->setObjectName(QStringLiteral("historyRevisions"));
    m_list->setColumnCount(ColumnCount);
    m_list->setHeaderLabels({tr("Rev."), tr("Author"), tr("Time"), tr("Title"), tr("Size")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAllColumnsShowFocus(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setAccessibleName(tr("Versions"));
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(TitleColumn, QHeaderView::Stretch);
    m_listState->setObjectName(QStringLiteral("historyListState"));
    m_listState->setAlignment(Qt::AlignCenter);
    m_listState->setWordWrap(true);
    m_retry->setObjectName(QStringLiteral("historyRetry"));
    auto *statePage = new QWidget(this);
    auto *stateLayout = new QVBoxLayout(statePage);
    stateLayout->addStretch();
    stateLayout->addWidget(m_listState);
    stateLayout->addWidget(m_retry, 0, Qt::AlignCenter);
    stateLayout->addStretch();
    m_listStack->addWidget(m_list);
    m_listStack->addWidget(statePage);
    m_loadOlder->setObjectName(QStringLiteral("historyLoadOlder"));
    m_loadOlder->setEnabled(false);
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_listStack, 1);
    leftLayout->addWidget(m_loadOlder, 0, Qt::AlignLeft);

    m_diffState->setObjectName(QStringLiteral("historyDiffState"));
    m_diffState->setAlignment(Qt::AlignCenter);
    m_diffState->setWordWrap(true);
    m_diffStack->addWidget(m_diff);
    m_diffStack->addWidget(m_diffState);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(m_diffStack);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({440, 660});
    splitter->setChildrenCollapsible(false);

    m_restore->setObjectName(QStringLiteral("historyRestore"));
    m_restore->setEnabled(false);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_restore, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_bar);
    layout->addWidget(m_title);
    layout->addWidget(m_subtitle);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);
    resize(1100, 680);
}

qint64 HistoryWindow::selectedRevision() const
{
    const QList<QTreeWidgetItem *> selected = m_list->selectedItems();
    return selected.isEmpty() ? 0
                              : selected.first()->data(RevisionColumn, Qt::UserRole).toLongLong();
}

void HistoryWindow::selectRevision(qint64 rev)
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        if (item->data(RevisionColumn, Qt::UserRole).toLongLong() == rev) {
            m_list->setCurrentItem(item);
            return;
        }
    }
}

QString HistoryWindow::listStateText() const
{
    return m_listStack->currentWidget() == m_list ? QString() : m_listState->text();
}

QString HistoryWindow::diffStateText() const
{
    return m_diffStack->currentWidget() == m_diff ? QString() : m_diffState->text();
}

void HistoryWindow::updateHeader()
{
    const QString title = displayTitle(m_post.fields.title);
    setWindowTitle(tr("History of “%1”").arg(title));
    m_title->setText(tr("History of “%1”").arg(title.toHtmlEscaped()));
    QString subtitle = tr("Versions kept by the server, newest first. Select one to compare it "
                          "with the current text.");
    if (m_hasPost && m_post.deleted)
        subtitle = tr("This post is deleted. Restoring a version brings it back.");
    m_subtitle->setText(subtitle);
}

void HistoryWindow::fetchPage()
{
    if (m_loadingBefore >= 0 || !m_hasPost)
        return;
    m_loadingBefore = m_revisions.isEmpty() ? 0 : m_revisions.constLast().rev;
    m_loadOlder->setEnabled(false);
    if (m_revisions.isEmpty())
        showListState(tr("Loading the history…"), false);
    else
        m_loadOlder->setText(tr("Loading…"));
    m_service->fetchRevisions(m_post.blog, m_guid, m_loadingBefore);
}

void HistoryWindow::onRevisionsArrived(const QString &guid, qint64 before,
                                       const protocol::RevisionList &list)
{
    if (guid != m_guid || before != m_loadingBefore)
        return;
    m_loadingBefore = -1;
    m_loadOlder->setText(tr("Load &Older"));
    const bool first = m_revisions.isEmpty();
    m_revisions += list.revisions;
    m_more = list.more && !list.revisions.isEmpty();
    m_loadOlder->setEnabled(m_more);
    appendRows(list.revisions);
    if (m_revisions.isEmpty()) {
        showListState(tr("The server has no versions of this post yet. They are kept from its "
                         "first sync on."),
                      false);
        return;
    }
    m_listStack->setCurrentWidget(m_list);
    if (first)
        m_list->setCurrentItem(m_list->topLevelItem(0));
}

void HistoryWindow::onRevisionsFailed(const QString &guid, qint64 before,
                                      const history::HistoryFailure &failure)
{
    if (guid != m_guid || before != m_loadingBefore)
        return;
    m_loadingBefore = -1;
    m_loadOlder->setText(tr("Load &Older"));
    const QString text = history::historyFailureText(failure);
    const bool canRetry = failure.problem != history::HistoryProblem::Unsupported;
    if (m_revisions.isEmpty()) {
        showListState(text, canRetry);
        return;
    }
    m_loadOlder->setEnabled(canRetry);
    m_bar->showMessage(MessageBar::Kind::Error, text);
}

void HistoryWindow::appendRows(const QList<protocol::RevisionSummary> &revisions)
{
    QList<QTreeWidgetItem *> rows;
    rows.reserve(revisions.size());
    for (const protocol::RevisionSummary &revision : revisions)
        rows.append(rowFor(revision));
    m_list->addTopLevelItems(rows);
}

void HistoryWindow::showListState(const QString &text, bool canRetry)
{
    m_listState->setText(text);
    m_retry->setVisible(canRetry);
    m_listStack->setCurrentIndex(1);
}

void HistoryWindow::showDiffState(const QString &text)
{
    m_diffState->setText(text);
    m_diffStack->setCurrentWidget(m_diffState);
}

void HistoryWindow::onSelectionChanged()
{
    const qint64 rev = selectedRevision();
    m_restore->setEnabled(false);
    if (rev == 0) {
        showDiffState(tr("Select a version to compare it with the current text."));
        return;
    }
    if (m_details.contains(rev)) {
        showDiff();
        return;
    }
    showDiffState(tr("Loading revision %1…").arg(rev));
    m_service->fetchRevision(m_post.blog, m_guid, rev);
}

void HistoryWindow::onRevisionArrived(const QString &guid, const model::Revision &revision)
{
    if (guid != m_guid)
        return;
    m_details.insert(revision.rev, revision);
    if (revision.rev == selectedRevision())
        showDiff();
}

void HistoryWindow::onRevisionFailed(const QString &guid, qint64 rev,
                                     const history::HistoryFailure &failure)
{
    if (guid == m_guid && rev == selectedRevision())
        showDiffState(history::historyFailureText(failure));
}

void HistoryWindow::showDiff()
{
    const auto found = m_details.constFind(selectedRevision());
    if (found == m_details.constEnd())
        return;
    const model::Revision &revision = *found;
    const history::RevisionDiff diff =
            history::RevisionDiff::compare(revision.fields, m_post.fields);
    const bool sameAsCurrent = diff.isEmpty() && !m_post.deleted;
    const bool conflicted = m_post.syncStatus == model::SyncStatus::Conflicted;
    m_restore->setEnabled(!sameAsCurrent && !conflicted);
    m_restore->setToolTip(conflicted ? tr("Resolve the post's conflict first")
                                     : tr("Make this version the post's content again, as a new "
                                          "change"));
    if (sameAsCurrent) {
        showDiffState(tr("Revision %1 is the same as the current text.").arg(revision.rev));
        return;
    }
    m_diff->setDiff(diff, tr("Revision %1").arg(revision.rev),
                    m_post.deleted ? tr("Deleted post") : tr("Current text"));
    m_diffStack->setCurrentWidget(m_diff);
}

void HistoryWindow::onPostsChanged(const QStringList &guids)
{
    if (!guids.contains(m_guid))
        return;
    auto post = m_store.posts().post(m_guid);
    if (!post)
        return;
    m_post = *post;
    m_hasPost = true;
    updateHeader();
    if (m_details.contains(selectedRevision()))
        showDiff();
}

} // namespace inkwell::ui
