#pragma once

#include "model/result.h"
#include "store/postquery.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QPointer>

namespace inkwell::model {
struct Post;
}
namespace inkwell::store {
class LocalStore;
}

namespace inkwell::ui {

class SyncService;

// The post list: pages posts from the store on demand (fetchMore), filtered and optionally narrowed
// by a full-text search, and refreshes only the rows of posts the store reports as changed.
// QtCore only; lives on the GUI thread and reads through that thread's store connection.
class PostListModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PostListModel)

public:
    enum Role {
        GuidRole = Qt::UserRole + 1,
        TitleRole,
        ExcerptRole,
        ModifiedRole, // QDateTime
        AuthorRole,
        BadgeRole, // Badge
        PublishedRole, // bool
        ErrorRole, // last sync error text, empty when none
        DeletedRole, // bool: a tombstone (listed only while Conflicted)
        EditorsRole, // QStringList: the other members editing the post now (presence)
    };
    // What the status badge of a row says (LocalOnly: a post of no blog, never synced).
    enum class Badge { Synced, Pending, Conflicted, Error, LocalOnly };
    Q_ENUM(Badge)

    static constexpr int PageSize = 100;
    // refresh() with more guids than this reloads the first page instead of reading each post.
    static constexpr int BulkRefreshThreshold = 32;

    explicit PostListModel(store::LocalStore &store, QObject *parent = nullptr);
    ~PostListModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // Where EditorsRole comes from (null: nobody is shown as editing); rows follow its changes.
    void setPresence(SyncService *presence);

    // Shows only posts matching filter; reloads the first page.
    void setFilter(store::PostFilter filter);
    store::PostFilter filter() const { return m_filter; }
    // Shows only posts of blog ("" = local-only posts), or of every blog (nullopt); reloads.
    void setBlog(const std::optional<QString> &blog);
    std::optional<QString> blog() const { return m_blog; }
    // Narrows the list to posts matching text (full-text, best match first); empty shows all.
    void setSearchText(const QString &text);
    QString searchText() const { return m_search; }

    // The row of guid among the loaded rows, or -1.
    int rowOf(const QString &guid) const;
    QString guidAt(int row) const;

    // Reloads these posts from the store and updates, moves, inserts or removes only their rows.
    void refresh(const QStringList &guids);
    // Reloads from scratch (first page).
    void reload();

Q_SIGNALS:
    // Reading the store failed; the list keeps what it had.
    void loadFailed(const inkwell::Error &error);

private:
    struct Row
    {
        QString guid;
        QString blog;
        QString title;
        QString excerpt;
        QDateTime modifiedAt;
        QString author;
        Badge badge = Badge::Synced;
        bool published = false;
        QString error;
        bool deleted = false;
    };
    static Row rowFrom(const model::Post &post);
    bool matchesFilter(const model::Post &post) const;
    int sortedPosition(const Row &row) const;
    void refreshOne(const QString &guid);
    void onPresenceChanged(const QStringList &guids);
    QStringList editorsOf(const Row &row) const;
    void moveOrUpdate(int current, const Row &row);
    void removeRow(int row);
    void rebuildIndex(int fromRow);
    Result<QList<model::Post>> nextPage();
    void appendPage(const QList<model::Post> &posts);

    store::LocalStore &m_store;
    QPointer<SyncService> m_presence;
    store::PostFilter m_filter = store::PostFilter::All;
    std::optional<QString> m_blog;
    QString m_search;
    QList<Row> m_rows;
    QHash<QString, int> m_rowOfGuid;
    bool m_atEnd = false;
};

} // namespace inkwell::ui
