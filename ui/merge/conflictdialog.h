#pragma once

#include <QDialog>

namespace inkwell::store {
class LocalStore;
}

namespace inkwell::ui {

// A minimal conflict resolution window until the full merge window exists: your version and the
// server's side by side, each rendered as the post would look, with "Keep Mine" and "Take
// Theirs". Either choice goes to the store; the next sync sends it.
class ConflictDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConflictDialog)

public:
    ConflictDialog(store::LocalStore &store, const QString &guid, QWidget *parent = nullptr);

    // False when the post is not (or no longer) conflicted; the dialog has nothing to show.
    bool hasConflict() const { return m_hasConflict; }

private:
    void keepMine();
    void takeTheirs();

    store::LocalStore &m_store;
    QString m_guid;
    bool m_hasConflict = false;
};

} // namespace inkwell::ui
