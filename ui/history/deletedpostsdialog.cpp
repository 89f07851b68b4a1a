#include "ui/history/deletedpostsdialog.h"

#include "store/localstore.h"
#include "store/postrepository.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace inkwell::ui {

namespace {

// More than a writer scrolls through; the newest deletions come first.
constexpr int MaxListed = 1000;

} // namespace

DeletedPostsDialog::DeletedPostsDialog(store::LocalStore &store, QWidget *parent)
    : QDialog(parent), m_store(store), m_list(new QListWidget(this)),
      m_history(new QPushButton(tr("Show &History…"), this))
{
    setObjectName(QStringLiteral("deletedPostsDialog"));
    setWindowTitle(tr("Deleted Posts"));
    auto *intro = new QLabel(tr("Posts deleted here or by others. Open the history of one to "
                                "restore a version of it."),
                             this);
    intro->setWordWrap(true);
    m_list->setObjectName(QStringLiteral("deletedPosts"));
    m_list->setAccessibleName(tr("Deleted posts"));
    m_history->setObjectName(QStringLiteral("showHistory"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_history, QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_history, &QPushButton::clicked, this, &DeletedPostsDialog::requestHistory);
    connect(m_list, &QListWidget::itemActivated, this, &DeletedPostsDialog::requestHistory);
    connect(m_list, &QListWidget::currentRowChanged, this,
            [this](int row) { m_history->setEnabled(row >= 0); });
    resize(520, 420);
    reload();
}

void DeletedPostsDialog::reload()
{
    m_list->clear();
    store::PostQuery query;
    query.filter = store::PostFilter::Deleted;
    query.limit = MaxListed;
    auto posts = m_store.posts().page(query);
    if (posts) {
        for (const model::Post &post : std::as_const(*posts)) {
            const QString title =
                    post.fields.title.trimmed().isEmpty() ? tr("Untitled") : post.fields.title;
            auto *item = new QListWidgetItem(
                    tr("%1 — deleted %2")
                            .arg(title,
                                 QLocale().toString(post.modifiedAt.toLocalTime(),
                                                    QLocale::ShortFormat)),
                    m_list);
            item->setData(Qt::UserRole, post.guid);
        }
    }
    if (m_list->count() == 0) {
        auto *none = new QListWidgetItem(tr("No deleted posts."), m_list);
        none->setFlags(Qt::NoItemFlags);
    } else {
        m_list->setCurrentRow(0);
    }
    m_history->setEnabled(m_list->currentRow() >= 0
                          && !m_list->currentItem()->data(Qt::UserRole).toString().isEmpty());
}

void DeletedPostsDialog::requestHistory()
{
    QListWidgetItem *item = m_list->currentItem();
    const QString guid = item ? item->data(Qt::UserRole).toString() : QString();
    if (!guid.isEmpty())
        Q_EMIT historyRequested(guid);
}

} // namespace inkwell::ui
