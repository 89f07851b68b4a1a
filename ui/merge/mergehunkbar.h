#pragma once

#include "merge/mergesession.h"

#include <QWidget>

class QAction;
class QLabel;

namespace inkwell::ui {

// The strip above the merge panes that acts on the current hunk: previous / next conflict, take
// mine, theirs, both (in either order) or the base, undo and redo of choices, the Base pane
// toggle, and where the writer is ("Conflict 2 of 7 · 3 left"). Every button has a shortcut,
// shown in its tooltip; the actions work while the merge window is active.
class MergeHunkBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MergeHunkBar)

public:
    explicit MergeHunkBar(QWidget *parent = nullptr);

    // Shows where hunk stands in session and enables what applies to it.
    void showState(const merge::MergeSession &session, qsizetype hunk);

    QAction *previousAction() const { return m_previous; }
    QAction *nextAction() const { return m_next; }
    QAction *undoAction() const { return m_undo; }
    QAction *redoAction() const { return m_redo; }
    QAction *baseAction() const { return m_base; }
    // The action that sets the current hunk to choice (Mine, Theirs, MineThenTheirs,
    // TheirsThenMine or Base).
    QAction *choiceAction(merge::HunkChoice choice) const;

Q_SIGNALS:
    void hunkChosen(inkwell::merge::HunkChoice choice);

private:
    QAction *makeAction(const QString &text, const QKeySequence &shortcut, const QString &name);

    QLabel *m_position;
    QAction *m_previous;
    QAction *m_next;
    QList<QPair<merge::HunkChoice, QAction *>> m_choices;
    QAction *m_undo;
    QAction *m_redo;
    QAction *m_base;
};

} // namespace inkwell::ui
