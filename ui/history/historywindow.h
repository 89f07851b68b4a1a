#pragma once

#include "model/post.h"
#include "protocol/history.h"

#include <QDialog>
#include <QHash>

class QLabel;
class QPushButton;
class QStackedWidget;
class QTreeWidget;

namespace inkwell::history {
struct HistoryFailure;
}
namespace inkwell::store {
class LocalStore;
}

namespace inkwell::ui {

class HistoryDiffView;
class HistoryService;
class MessageBar;

// The history of one post as the server keeps it: its revisions (number, author, local time,
// title, size), newest first with "Load Older" for more; the selected revision compared with
// the current local text (fields, line and word diff); and Restore, which after asking makes
// that revision's content a new local edit (store::PostRepository::restoreRevision), also for
// a deleted post. Reads the server only through a HistoryService; states for loading, no
// revisions, offline and errors are shown in place of the list or the diff.
class HistoryWindow final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryWindow)

public:
    HistoryWindow(store::LocalStore &store, HistoryService *service, const QString &guid,
                  QWidget *parent = nullptr);
    ~HistoryWindow() override;

    QString guid() const { return m_guid; }
    // The revision selected in the list; 0 when none.
    qint64 selectedRevision() const;
    // Selects the row of rev (which must be listed), fetching it when needed.
    void selectRevision(qint64 rev);

    QTreeWidget *revisionList() const { return m_list; }
    HistoryDiffView *diffView() const { return m_diff; }
    QPushButton *loadOlderButton() const { return m_loadOlder; }
    QPushButton *restoreButton() const { return m_restore; }
    QPushButton *retryButton() const { return m_retry; }
    MessageBar *messageBar() const { return m_bar; }
    // The text shown instead of the list (loading, empty, errors); empty while the list shows.
    QString listStateText() const;
    // The text shown instead of the diff (nothing selected, loading, same as current).
    QString diffStateText() const;
    // A revision's title, or "Untitled".
    static QString displayTitle(const QString &title);

Q_SIGNALS:
    // A revision of guid is about to be restored (after the writer confirmed): store what is
    // typed in an open editor now, so the restore merges with it instead of racing it.
    void aboutToRestore(const QString &guid);
    // A revision was restored as a local edit of guid (the post may have been deleted before).
    void restored(const QString &guid);

private:
    void buildLayout();
    void fetchPage();
    void onRevisionsArrived(const QString &guid, qint64 before, const protocol::RevisionList &list);
    void onRevisionsFailed(const QString &guid, qint64 before,
                           const history::HistoryFailure &failure);
    void onRevisionArrived(const QString &guid, const model::Revision &revision);
    void onRevisionFailed(const QString &guid, qint64 rev, const history::HistoryFailure &failure);
    void onSelectionChanged();
    void onPostsChanged(const QStringList &guids);
    void appendRows(const QList<protocol::RevisionSummary> &revisions);
    void showListState(const QString &text, bool canRetry);
    void showDiffState(const QString &text);
    void showDiff();
    void updateHeader();
    // Restore (historyrestore.cpp).
    void askToRestore();
    void restore(const model::Revision &revision);

    store::LocalStore &m_store;
    HistoryService *m_service;
    QString m_guid;
    model::Post m_post; // as last read from the store
    bool m_hasPost = false;
    QList<protocol::RevisionSummary> m_revisions;
    QHash<qint64, model::Revision> m_details;
    bool m_more = false;
    qint64 m_loadingBefore = -1; // the page in flight (0: the newest), -1 when none

    MessageBar *m_bar;
    QLabel *m_title;
    QLabel *m_subtitle;
    QStackedWidget *m_listStack;
    QTreeWidget *m_list;
    QLabel *m_listState;
    QPushButton *m_retry;
    QPushButton *m_loadOlder;
    QStackedWidget *m_diffStack;
    HistoryDiffView *m_diff;
    QLabel *m_diffState;
    QPushButton *m_restore;
};

} // namespace inkwell::ui
