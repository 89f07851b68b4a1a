#pragma once

#include <QFrame>

class QLabel;
class QHBoxLayout;
class QPushButton;

namespace inkwell::ui {

// A coloured bar above a pane that tells the writer something and offers buttons to act on it
// (e.g. "changed elsewhere - Open merge window"). Hidden until show() is called.
class MessageBar final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageBar)

public:
    enum class Kind { Information, Warning, Error };

    explicit MessageBar(QWidget *parent = nullptr);

    // Shows text with the given tint; removes the buttons of the previous message.
    void showMessage(Kind kind, const QString &text);
    // Adds a button to the current message; triggering it calls the action's slot.
    QPushButton *addButton(const QString &text);
    QString text() const;
    void dismiss();

private:
    QLabel *m_label;
    QHBoxLayout *m_buttons;
};

} // namespace inkwell::ui
