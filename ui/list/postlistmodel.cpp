#include "ui/list/postlistmodel.h"

#include "model/post.h"
#include "store/localstore.h"
#include "store/postrepository.h"
#include "ui/sync/presencetext.h"
#include "ui/sync/syncservice.h"

#include <QRegularExpression>

#include <algorithm>

namespace inkwell::ui {

namespace {

// A one-line plain-text excerpt of a Markdown body: markup, links and images dropped.
QString excerptOf(const QString &body)
{
    static const QRegularExpression images(QStringLiteral("!\\[[^\\]]*\\]\\([^)]*\\)"));
    static const QRegularExpression links(QStringLiteral("\\[([^\\]]*)\\]\\([^)]*\\)"));
    static const QRegularExpression markup(QStringLiteral("[#*_`>~]+"));
    static const QRegularExpression spaces(QStringLiteral("\\s+"));
    QString text = body.left(600);
    text.replace(images, QString());
    text.replace(links, QStringLiteral("\\1"));
    text.replace(markup, QString());
    text.replace(spaces, QStringLiteral(" "));
    return text.trimmed().left(200);
}

// List order: newest modification first, then guid descending (the store's keyset order).
bool sortsBefore(const QDateTime &aTime, const QString &aGuid, const QDateTime &bTime,
                 const QString &bGuid)
{
    if (aTime != bTime)
        return aTime > bTime;
    return aGuid > bGuid;
}

} // namespace

PostListModel::PostListModel(store::LocalStore &store, QObject *parent)
    : QAbstractListModel(parent), m_store(store)
{ }

PostListModel::~PostListModel() = default;

int PostListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant PostListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return row.title.isEmpty() ? tr("Untitled") : row.title;
    case Qt::AccessibleTextRole: {
        const QString title = row.title.isEmpty() ? tr("Untitled post") : row.title;
        const QString editing = PresenceText::editing(editorsOf(row));
        return editing.isEmpty() ? title : title + QStringLiteral(". ") + editing;
    }
    case Qt::ToolTipRole:
        if (!row.error.isEmpty())
            return row.error;
        if (const QStringList editors = editorsOf(row); !editors.isEmpty())
            return PresenceText::everyone(editors);
        return {};
    case GuidRole:
        return row.guid;
    case ExcerptRole:
        return row.excerpt;
    case ModifiedRole:
        return row.modifiedAt;
    case AuthorRole:
        return row.author;
    case BadgeRole:
        return QVariant::fromValue(row.badge);
    case PublishedRole:
        return row.published;
    case ErrorRole:
        return row.error;
    case DeletedRole:
        return row.deleted;
    case EditorsRole:
        return editorsOf(row);
    default:
        return {};
    }
}

QHash<int, QByteArray> PostListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(GuidRole, "guid");
    names.insert(TitleRole, "title");
    names.insert(ExcerptRole, "excerpt");
    names.insert(ModifiedRole, "modified");
    names.insert(AuthorRole, "author");
    names.insert(BadgeRole, "badge");
    names.insert(PublishedRole, "published");
    names.insert(ErrorRole, "error");
    names.insert(DeletedRole, "deleted");
    names.insert(EditorsRole, "editors");
    return names;
}

bool PostListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd;
}

void PostListModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_atEnd)
        return;
    auto page = nextPage();
    if (page)
        appendPage(*page);
}

Result<QList<model::Post>> PostListModel::nextPage()
{
    store::PostQuery query;
    query.filter = m_filter;
    query.blog = m_blog;
    query.limit = PageSize;
    const bool searching = !m_search.isEmpty();
    if (searching)
        query.offset = int(m_rows.size());
    else if (!m_rows.isEmpty())
        query.after = store::PageKey{m_rows.last().modifiedAt, m_rows.last().guid};
    auto page = searching ? m_store.posts().search(m_search, query) : m_store.posts().page(query);
    m_atEnd = !page || page->size() < PageSize;
    if (!page)
        Q_EMIT loadFailed(page.error());
    return page;
}

void PostListModel::appendPage(const QList<model::Post> &posts)
{
    QList<Row> fresh;
    fresh.reserve(posts.size());
    for (const model::Post &post : posts) {
        if (!m_rowOfGuid.contains(post.guid))
            fresh.append(rowFrom(post));
    }
    if (fresh.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    m_rows.append(fresh);
    rebuildIndex(first);
    endInsertRows();
}

void PostListModel::setFilter(store::PostFilter filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    reload();
}

void PostListModel::setBlog(const std::optional<QString> &blog)
{
    if (blog == m_blog)
        return;
    m_blog = blog;
    reload();
}

void PostListModel::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_search)
        return;
    m_search = trimmed;
    reload();
}

void PostListModel::reload()
{
    // The first page is part of the reset: views see one consistent change.
    beginResetModel();
    m_rows.clear();
    m_rowOfGuid.clear();
    m_atEnd = false;
    if (auto page = nextPage()) {
        for (const model::Post &post : *page)
            m_rows.append(rowFrom(post));
        rebuildIndex(0);
    }
    endResetModel();
}

void PostListModel::setPresence(SyncService *presence)
{
    if (m_presence)
        disconnect(m_presence, nullptr, this, nullptr);
    m_presence = presence;
    if (presence)
        connect(presence, &SyncService::presenceChanged, this, &PostListModel::onPresenceChanged);
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1), {EditorsRole});
}

QStringList PostListModel::editorsOf(const Row &row) const
{
    if (!m_presence || row.blog.isEmpty() || row.deleted)
        return {};
    return m_presence->editorsOf(row.blog, row.guid);
}

void PostListModel::onPresenceChanged(const QStringList &guids)
{
    for (const QString &guid : guids) {
        const int row = rowOf(guid);
        if (row >= 0)
            Q_EMIT dataChanged(index(row), index(row), {EditorsRole, Qt::ToolTipRole});
    }
}

int PostListModel::rowOf(const QString &guid) const
{
    return m_rowOfGuid.value(guid, -1);
}

QString PostListModel::guidAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).guid : QString();
}

void PostListModel::refresh(const QStringList &guids)
{
    if (guids.size() > BulkRefreshThreshold) {
        // A pulled page: one query for the first page beats hundreds of single-post reads.
        reload();
        return;
    }
    if (!m_search.isEmpty()) {
        // Relevance order depends on the text; rows are re-ranked by the index, so only re-query
        // when a listed post or possibly a new match changed. Searches are small pages.
        reload();
        return;
    }
    for (const QString &guid : guids)
        refreshOne(guid);
}

void PostListModel::refreshOne(const QString &guid)
{
    const int current = rowOf(guid);
    auto post = m_store.posts().post(guid);
    if (!post || !matchesFilter(*post)) {
        if (current >= 0)
            removeRow(current);
        if (!post && post.error().code != ErrorCode::NotFound)
            Q_EMIT loadFailed(post.error());
        return;
    }
    const Row row = rowFrom(*post);
    if (current >= 0) {
        moveOrUpdate(current, row);
        return;
    }
    const int target = sortedPosition(row);
    if (target == m_rows.size() && !m_atEnd)
        return; // beyond the loaded pages: fetchMore will bring it
    beginInsertRows({}, target, target);
    m_rows.insert(target, row);
    rebuildIndex(target);
    endInsertRows();
}

void PostListModel::moveOrUpdate(int current, const Row &row)
{
    // The new place among the other rows, then the matching destination for beginMoveRows.
    const Row old = m_rows.takeAt(current);
    const int target = sortedPosition(row);
    const bool beyondLoaded = target == m_rows.size() && !m_atEnd;
    m_rows.insert(current, old);
    if (beyondLoaded) {
        removeRow(current); // fetchMore brings it back at its place
        return;
    }
    if (target == current) {
        m_rows[current] = row;
        const QModelIndex changed = index(current);
        Q_EMIT dataChanged(changed, changed);
        return;
    }
    beginMoveRows({}, current, current, {}, target > current ? target + 1 : target);
    m_rows.removeAt(current);
    m_rows.insert(target, row);
    rebuildIndex(std::min(current, target));
    endMoveRows();
}

void PostListModel::removeRow(int row)
{
    beginRemoveRows({}, row, row);
    m_rowOfGuid.remove(m_rows.at(row).guid);
    m_rows.removeAt(row);
    rebuildIndex(row);
    endRemoveRows();
}

int PostListModel::sortedPosition(const Row &row) const
{
    const auto it =
            std::lower_bound(m_rows.cbegin(), m_rows.cend(), row, [](const Row &a, const Row &b) {
                return a.guid != b.guid && sortsBefore(a.modifiedAt, a.guid, b.modifiedAt, b.guid);
            });
    return int(it - m_rows.cbegin());
}

void PostListModel::rebuildIndex(int fromRow)
{
    for (int i = fromRow; i < m_rows.size(); ++i)
        m_rowOfGuid.insert(m_rows.at(i).guid, i);
}

bool PostListModel::matchesFilter(const model::Post &post) const
{
    store::PostQuery query;
    query.filter = m_filter;
    query.blog = m_blog;
    return store::isListed(query, post); // the rule of the SQL listing (conflicted tombstones)
}

PostListModel::Row PostListModel::rowFrom(const model::Post &post)
{
    Row row;
    row.guid = post.guid;
    row.blog = post.blog;
    row.title = post.fields.title;
    row.excerpt = excerptOf(post.fields.body);
    row.modifiedAt = post.modifiedAt;
    row.author = post.modifiedBy.isEmpty() ? post.createdBy : post.modifiedBy;
    row.published = post.fields.state == model::PublishState::Published;
    row.error = post.lastError;
    row.deleted = post.deleted;
    if (post.blog.isEmpty())
        row.badge = Badge::LocalOnly;
    else if (post.syncStatus == model::SyncStatus::Conflicted)
        row.badge = Badge::Conflicted;
    else if (!post.lastError.isEmpty())
        row.badge = Badge::Error;
    else if (post.syncStatus == model::SyncStatus::NeedsSync)
        row.badge = Badge::Pending;
    return row;
}

} // namespace inkwell::ui
