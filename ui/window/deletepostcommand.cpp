#include "ui/window/deletepostcommand.h"

#include "model/post.h"
#include "store/conflictresolver.h"
#include "store/localstore.h"
#include "store/postrepository.h"

#include <QCoreApplication>

namespace inkwell::ui {

DeletePostCommand::DeletePostCommand(store::LocalStore &store, const QString &guid)
    : m_store(store), m_guid(guid)
{
    auto post = store.posts().post(guid);
    if (post)
        m_fields = post->fields;
    else
        m_failed = true;
    const QString title = m_fields.title.isEmpty()
            ? QCoreApplication::translate("inkwell::ui::DeletePostCommand", "Untitled")
            : m_fields.title;
    setText(QCoreApplication::translate("inkwell::ui::DeletePostCommand", "Delete “%1”")
                    .arg(title));
}

void DeletePostCommand::redo()
{
    if (m_failed)
        return;
    auto post = m_store.posts().post(m_guid);
    if (!post || post->syncStatus != model::SyncStatus::Conflicted) {
        m_failed = !m_store.posts().remove(m_guid);
        return;
    }
    // The store refuses to delete a Conflicted post: deleting it is a resolution (the delete
    // over the server's version), made through the one place that settles conflicts.
    store::ConflictResolver resolver(m_store);
    auto conflict = resolver.conflict(m_guid);
    m_failed = !conflict
            || !resolver.resolveWith(m_guid, merge::Version{post->fields, true},
                                     conflict->theirsRev);
}

void DeletePostCommand::undo()
{
    if (m_failed)
        return;
    // The same post comes back (same guid, as an edit), so the server sees one post throughout.
    m_failed = !m_store.posts().restore(m_guid);
}

} // namespace inkwell::ui
