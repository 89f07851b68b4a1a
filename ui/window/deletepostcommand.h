#pragma once

#include "model/postfields.h"

#include <QUndoCommand>

namespace inkwell::store {
class LocalStore;
}

namespace inkwell::ui {

// Deletes a post (a tombstone that syncs to the server); undo restores the same post (same
// guid) as an edit, which the sync engine treats as edit-vs-delete if the server has already
// applied the deletion. A Conflicted post is deleted by resolving its conflict as a delete.
class DeletePostCommand final : public QUndoCommand
{
public:
    DeletePostCommand(store::LocalStore &store, const QString &guid);

    void redo() override;
    void undo() override;

    // The post this command deletes and restores.
    QString guid() const { return m_guid; }
    bool failed() const { return m_failed; }

private:
    store::LocalStore &m_store;
    QString m_guid;
    model::PostFields m_fields;
    bool m_failed = false;
};

} // namespace inkwell::ui
