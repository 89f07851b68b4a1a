#pragma once

#include <QDialog>

class QListWidget;
class QPushButton;

namespace inkwell::store {
class LocalStore;
}

namespace inkwell::ui {

// The deleted posts kept on this computer (store::PostFilter::Deleted), newest deletion first,
// so the writer can open the history of one and restore it.
class DeletedPostsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeletedPostsDialog)

public:
    explicit DeletedPostsDialog(store::LocalStore &store, QWidget *parent = nullptr);

    QListWidget *postList() const { return m_list; }
    QPushButton *historyButton() const { return m_history; }
    // Lists the deleted posts again (e.g. after one was restored).
    void reload();

Q_SIGNALS:
    // Show the history of this deleted post.
    void historyRequested(const QString &guid);

private:
    void requestHistory();

    store::LocalStore &m_store;
    QListWidget *m_list;
    QPushButton *m_history;
};

} // namespace inkwell::ui
