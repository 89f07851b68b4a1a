#pragma once

#include "store/conflictresolver.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace inkwell::store {
class LocalStore;
}

namespace inkwell::ui {

class MergeFieldRow;
class MergeHunkBar;
class MergePanes;
class MessageBar;
class SyncService;

// The merge window of a Conflicted post: a row per conflicting field, the body as Mine | Result
// | Theirs (Base on a toggle) with per-hunk choices, and Keep Mine / Take Theirs / Keep Both /
// Save / Cancel. All merge state lives in a merge::MergeSession; everything it writes goes
// through store::ConflictResolver with the theirs revision the writer was shown, so a server
// version that changes meanwhile is merged again (and said so) instead of being overwritten.
// Cancel writes nothing: the post stays Conflicted.
class MergeWindow final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MergeWindow)

public:
    // sync (may be null) fetches covers that are not stored locally yet.
    MergeWindow(store::LocalStore &store, SyncService *sync, const QString &guid,
                QWidget *parent = nullptr);
    ~MergeWindow() override;

    QString guid() const { return m_guid; }
    // False when the post is not (or no longer) Conflicted; the window has nothing to show.
    bool hasConflict() const { return m_hasConflict; }
    const merge::MergeSession &session() const { return m_conflict.session; }
    qint64 theirsRev() const { return m_conflict.theirsRev; }

    MergePanes *panes() const { return m_panes; }
    MergeHunkBar *hunkBar() const { return m_hunkBar; }
    MessageBar *messageBar() const { return m_bar; }
    QList<MergeFieldRow *> fieldRows() const { return m_rows; }
    QPushButton *saveButton() const { return m_save; }

    // Merges again when the server's version of the post changed (after a sync), keeping the
    // choices that still apply and telling the writer. Called on LocalStore::postsChanged.
    // True when the window changed (merged again, or the conflict is gone).
    bool checkForChanges();

Q_SIGNALS:
    // The conflict was settled and stored (the window then closes).
    void resolved(const QString &guid);

private:
    void buildButtons(QVBoxLayout *layout);
    void showConflict();
    void rebuildFieldRows();
    void setTabChain();
    void updateState();
    void chooseHunk(merge::HunkChoice choice);
    void chooseAll(merge::FieldChoice side);
    void goToConflict(bool forward);
    void onResultEdited(const QString &text);
    void undoOrRedo(bool undo);
    void save();
    void keepBoth();
    void finish(const Error &error);
    void remerge(const store::Conflict &fresh);
    void onAttachmentArrived(const QString &sha256);

    store::LocalStore &m_store;
    SyncService *m_sync;
    QString m_guid;
    store::ConflictResolver m_resolver;
    store::Conflict m_conflict;
    bool m_hasConflict = false;
    bool m_done = false;
    QLabel *m_header;
    MessageBar *m_bar;
    QWidget *m_fieldBox;
    QList<MergeFieldRow *> m_rows;
    MergeHunkBar *m_hunkBar;
    MergePanes *m_panes;
    QPushButton *m_keepMine = nullptr;
    QPushButton *m_takeTheirs = nullptr;
    QPushButton *m_keepBoth = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_cancel = nullptr;
};

} // namespace inkwell::ui
