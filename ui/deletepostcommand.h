#pragma once

#include "model/postfields.h"

#include <QUndoCommand>

namespace inkwell::store {
class LocalStore;
}

namespace inkwell::ui {

// Deletes a post (a tombstone that syncs to the server); undo restores its content as a live
// post again. The restored post gets a new identity, because the deletion may already be on
// the server; restoredGuid() says which.
class DeletePostCommand final : public QUndoCommand
{
public:
    DeletePostCommand(store::LocalStore &store, const QString &guid);

    void redo() override;
    void undo() override;

    // The post this command currently refers to (deleted after redo, restored after undo).
    QString guid() const { return m_guid; }
    bool failed() const { return m_failed; }

private:
    store::LocalStore &m_store;
    QString m_guid;
    QString m_blog;
    model::PostFields m_fields;
    bool m_failed = false;
};

} // namespace inkwell::ui
