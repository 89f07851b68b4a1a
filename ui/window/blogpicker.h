#pragma once

#include <QPointer>
#include <QWidget>

class QComboBox;

namespace inkwell::account {
class BlogChoice;
}

namespace inkwell::ui {

// The blog picker of the main window: the account's blogs by name in a combo box. It shows the
// current blog of an account::BlogChoice and passes the writer's pick on to it; the rules (which
// blog is current, what happens to posts) stay in the choice.
class BlogPicker final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BlogPicker)

public:
    explicit BlogPicker(QWidget *parent = nullptr);
    ~BlogPicker() override;

    // Shows choice (not owned; may be null) and follows its changes.
    void setChoice(account::BlogChoice *choice);
    QComboBox *comboBox() const { return m_combo; }

private:
    void rebuild();
    void showCurrent();

    QComboBox *m_combo;
    QPointer<account::BlogChoice> m_choice;
};

} // namespace inkwell::ui
