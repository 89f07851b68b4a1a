#include "ui/list/postlistpane.h"

#include "store/localstore.h"
#include "ui/common/icons.h"
#include "ui/list/postdelegate.h"
#include "ui/list/postlistmodel.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>
#include <utility>

namespace inkwell::ui {

PostListPane::PostListPane(store::LocalStore &store, QWidget *parent)
    : QWidget(parent), m_store(store), m_model(new PostListModel(store, this)),
      m_search(new QLineEdit(this)), m_searchNote(new QLabel(this)),
      m_filters(new QButtonGroup(this)), m_view(new QListView(this)),
      m_refreshTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("postListPane"));
    m_search->setObjectName(QStringLiteral("search"));
    m_search->setPlaceholderText(tr("Search posts"));
    m_search->setAccessibleName(tr("Search posts"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(actionIcon(QStringLiteral("search")), QLineEdit::LeadingPosition);
    m_searchNote->setObjectName(QStringLiteral("searchNote"));
    m_searchNote->setWordWrap(true);
    m_searchNote->setForegroundRole(QPalette::PlaceholderText);
    m_searchNote->hide();

    auto *filterRow = new QHBoxLayout;
    filterRow->setSpacing(2);
    const std::pair<store::PostFilter, QString> filters[] = {
            {store::PostFilter::All, tr("All")},
            {store::PostFilter::Drafts, tr("Drafts")},
            {store::PostFilter::Published, tr("Published")},
            {store::PostFilter::Conflicted, tr("Conflicted")},
    };
    for (const auto &[filter, label] : filters) {
        auto *button = new QToolButton(this);
        button->setText(label);
        button->setCheckable(true);
        button->setAutoRaise(true);
        button->setAccessibleName(tr("Show %1 posts").arg(label));
        button->setObjectName(QStringLiteral("filter%1").arg(int(filter)));
        m_filters->addButton(button, int(filter));
        filterRow->addWidget(button);
    }
    filterRow->addStretch();
    m_filters->button(int(store::PostFilter::All))->setChecked(true);

    m_view->setObjectName(QStringLiteral("postList"));
    m_view->setAccessibleName(tr("Posts"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new PostDelegate(m_view));
    m_view->setUniformItemSizes(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 0, 6);
    layout->addWidget(m_search);
    layout->addWidget(m_searchNote);
    layout->addLayout(filterRow);
    layout->addWidget(m_view, 1);

    connect(m_search, &QLineEdit::textChanged, m_model, &PostListModel::setSearchText);
    connect(m_search, &QLineEdit::textChanged, this, &PostListPane::updateSearchNote);
    connect(m_filters, &QButtonGroup::idClicked, this,
            [this](int id) { m_model->setFilter(store::PostFilter(id)); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &PostListPane::onCurrentChanged);
    connect(m_view, &QAbstractItemView::activated, this, &PostListPane::onActivated);
    // Rows come back after a reset or a fetch: keep the open post selected.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!m_view->currentIndex().isValid() && !m_selected.isEmpty())
            select(m_selected);
    });
    // Changes are collected and applied at most every RefreshDelayMs: a pull writing page after
    // page then costs a few list updates, not one per page.
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(RefreshDelayMs);
    connect(m_refreshTimer, &QTimer::timeout, this, [this] {
        const QStringList guids(m_changed.cbegin(), m_changed.cend());
        m_changed.clear();
        const bool indexChanged = std::exchange(m_searchIndexChanged, false);
        if (indexChanged && !m_model->searchText().isEmpty())
            m_model->reload(); // the search again, which covers the changed posts too
        else if (!guids.isEmpty())
            m_model->refresh(guids);
        updateSearchNote();
    });
    connect(
            &store, &store::LocalStore::postsChanged, this,
            [this](const QStringList &guids) {
                for (const QString &guid : guids)
                    m_changed.insert(guid);
                if (!m_refreshTimer->isActive())
                    m_refreshTimer->start();
            },
            Qt::QueuedConnection);
    // Pulled posts become searchable a moment after they are listed (LocalStore::SearchIndexing).
    connect(
            &store, &store::LocalStore::searchIndexChanged, this,
            [this] {
                m_searchIndexChanged = true;
                if (!m_refreshTimer->isActive())
                    m_refreshTimer->start();
            },
            Qt::QueuedConnection);
    m_model->reload();
}

void PostListPane::updateSearchNote()
{
    qint64 behind = 0;
    if (!m_model->searchText().isEmpty()) {
        // Counting the index's notes is cheap (its primary key), even for a whole blog.
        auto backlog = m_store.searchIndexBacklog(std::numeric_limits<qint64>::max());
        behind = backlog ? *backlog : 0;
    }
    if (behind > 0) {
        m_searchNote->setText(
                tr("Search is catching up on %Ln post(s); some may be missing from the results.",
                   "", int(std::min<qint64>(behind, std::numeric_limits<int>::max()))));
    }
    m_searchNote->setVisible(behind > 0);
}

void PostListPane::setFilter(store::PostFilter filter)
{
    m_filters->button(int(filter))->setChecked(true);
    m_model->setFilter(filter);
}

void PostListPane::select(const QString &guid)
{
    const int row = m_model->rowOf(guid);
    const QSignalBlocker blocker(m_view->selectionModel());
    if (row < 0) {
        m_view->selectionModel()->clear();
        return;
    }
    const QModelIndex index = m_model->index(row);
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
    m_view->scrollTo(index);
    m_view->viewport()->update();
    m_selected = guid;
}

QString PostListPane::selectedGuid() const
{
    return m_selected;
}

QString PostListPane::currentGuid() const
{
    return m_model->guidAt(m_view->currentIndex().row());
}

void PostListPane::onActivated(const QModelIndex &index)
{
    const auto badge = index.data(PostListModel::BadgeRole).value<PostListModel::Badge>();
    if (badge == PostListModel::Badge::Conflicted)
        Q_EMIT resolveRequested(m_model->guidAt(index.row()));
}

void PostListPane::onCurrentChanged()
{
    const QString guid = m_model->guidAt(m_view->currentIndex().row());
    if (guid.isEmpty() || guid == m_selected)
        return;
    m_selected = guid;
    Q_EMIT postActivated(guid);
}

} // namespace inkwell::ui
