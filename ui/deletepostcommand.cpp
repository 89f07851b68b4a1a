#include "ui/deletepostcommand.h"

#include "model/post.h"
#include "store/localstore.h"
#include "store/postrepository.h"

#include <QCoreApplication>

namespace inkwell::ui {

DeletePostCommand::DeletePostCommand(store::LocalStore &store, const QString &guid)
    : m_store(store), m_guid(guid)
{
    auto post = store.posts().post(guid);
    if (post) {
        m_blog = post->blog;
        m_fields = post->fields;
    } else {
        m_failed = true;
    }
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
    m_failed = !m_store.posts().remove(m_guid);
}

void DeletePostCommand::undo()
{
    if (m_failed)
        return;
    auto restored = m_store.posts().create(m_blog, m_fields);
    if (!restored) {
        m_failed = true;
        return;
    }
    m_guid = restored->guid;
}

} // namespace inkwell::ui
