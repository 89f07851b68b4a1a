#pragma once

#include "store/postquery.h"

#include <QSet>
#include <QWidget>

class QButtonGroup;
class QLabel;
class QLineEdit;
class QListView;
class QTimer;

namespace inkwell::store {
class LocalStore;
}

namespace inkwell::ui {

class PostListModel;

// The left pane: a search field (search as you type over the full-text index), the filters
// All / Drafts / Published / Conflicted, and the list of posts. Emits the post to open.
class PostListPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PostListPane)

public:
    static constexpr int RefreshDelayMs = 100;

    PostListPane(store::LocalStore &store, QWidget *parent = nullptr);

    PostListModel *model() const { return m_model; }
    QListView *view() const { return m_view; }
    QLineEdit *searchField() const { return m_search; }
    // Under the search field while a search runs and posts wait for the full-text index (a
    // pull of many posts, for a second or two): they may be missing from the results.
    QLabel *searchNote() const { return m_searchNote; }

    void setFilter(store::PostFilter filter);
    // Selects guid's row if it is listed (without emitting postActivated twice).
    void select(const QString &guid);
    QString selectedGuid() const;
    // The post of the list's current row (tombstones included), empty when there is none.
    QString currentGuid() const;

Q_SIGNALS:
    void postActivated(const QString &guid);
    // A Conflicted row was double-clicked or activated with Enter: open its merge window.
    void resolveRequested(const QString &guid);

private:
    void onCurrentChanged();
    void onActivated(const QModelIndex &index);
    void updateSearchNote();

    store::LocalStore &m_store;
    PostListModel *m_model;
    QLineEdit *m_search;
    QLabel *m_searchNote;
    QButtonGroup *m_filters;
    QListView *m_view;
    QString m_selected;
    QTimer *m_refreshTimer;
    QSet<QString> m_changed; // guids changed since the last refresh
    bool m_searchIndexChanged = false; // since the last refresh
};

} // namespace inkwell::ui
