#include "ui/merge/mergehunkbar.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace inkwell::ui {

using merge::HunkChoice;

MergeHunkBar::MergeHunkBar(QWidget *parent) : QWidget(parent), m_position(new QLabel(this))
{
    setObjectName(QStringLiteral("hunkBar"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_previous = makeAction(tr("Previous Conflict"), QKeySequence(Qt::ALT | Qt::Key_Up),
                            QStringLiteral("previousConflict"));
    m_next = makeAction(tr("Next Conflict"), QKeySequence(Qt::ALT | Qt::Key_Down),
                        QStringLiteral("nextConflict"));
    m_position->setObjectName(QStringLiteral("hunkPosition"));
    m_position->setMinimumWidth(m_position->fontMetrics().horizontalAdvance(QLatin1Char('x')) * 28);
    layout->addWidget(m_position);
    layout->addSpacing(8);
    const std::pair<HunkChoice, QString> choices[] = {
            {HunkChoice::Mine, tr("Use Mine")},
            {HunkChoice::Theirs, tr("Use Theirs")},
            {HunkChoice::MineThenTheirs, tr("Both, Mine First")},
            {HunkChoice::TheirsThenMine, tr("Both, Theirs First")},
            {HunkChoice::Base, tr("Use Base")},
    };
    const char *names[] = {"useMine", "useTheirs", "mineThenTheirs", "theirsThenMine", "useBase"};
    int key = Qt::Key_1;
    for (std::size_t i = 0; i < std::size(choices); ++i) {
        const HunkChoice choice = choices[i].first;
        QAction *action = makeAction(choices[i].second, QKeySequence(Qt::CTRL | Qt::Key(key++)),
                                     QLatin1StringView(names[i]));
        connect(action, &QAction::triggered, this, [this, choice] { Q_EMIT hunkChosen(choice); });
        m_choices.append({choice, action});
    }
    layout->addSpacing(8);
    m_undo = makeAction(tr("Undo Choice"), QKeySequence(Qt::CTRL | Qt::Key_Z),
                        QStringLiteral("undoChoice"));
    m_redo = makeAction(tr("Redo Choice"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z),
                        QStringLiteral("redoChoice"));
    layout->addStretch(1);
    m_base = makeAction(tr("Show Base"), QKeySequence(Qt::CTRL | Qt::Key_B),
                        QStringLiteral("showBase"));
    m_base->setCheckable(true);
}

QAction *MergeHunkBar::makeAction(const QString &text, const QKeySequence &shortcut,
                                  const QString &name)
{
    auto *action = new QAction(text, this);
    action->setObjectName(name);
    action->setShortcut(shortcut);
    action->setShortcutContext(Qt::WindowShortcut);
    action->setToolTip(tr("%1 (%2)").arg(text, shortcut.toString(QKeySequence::NativeText)));
    QWidget::addAction(action);
    auto *button = new QToolButton(this);
    button->setDefaultAction(action);
    button->setObjectName(name + QStringLiteral("Button"));
    button->setAccessibleName(text);
    layout()->addWidget(button);
    return action;
}

QAction *MergeHunkBar::choiceAction(HunkChoice choice) const
{
    for (const auto &[each, action] : m_choices) {
        if (each == choice)
            return action;
    }
    return nullptr;
}

void MergeHunkBar::showState(const merge::MergeSession &session, qsizetype hunk)
{
    qsizetype conflicts = 0;
    qsizetype position = 0;
    for (qsizetype i = 0; i < session.hunkCount(); ++i) {
        if (session.hunk(i).kind == merge::HunkKind::Conflict) {
            ++conflicts;
            if (i == hunk)
                position = conflicts;
        }
    }
    const qsizetype left = session.unresolvedCount();
    QString where;
    if (position > 0)
        where = tr("Conflict %1 of %2").arg(position).arg(conflicts);
    else if (hunk >= 0 && session.hunk(hunk).kind != merge::HunkKind::Unchanged)
        where = tr("Merged change");
    const QString count = left == 0 ? tr("nothing left to resolve") : tr("%n left", "", int(left));
    m_position->setText(where.isEmpty() ? count : tr("%1 · %2").arg(where, count));
    m_position->setAccessibleName(m_position->text());
    // Text both sides left alone has nothing to choose between.
    const bool onHunk = hunk >= 0 && hunk < session.hunkCount()
            && session.hunk(hunk).kind != merge::HunkKind::Unchanged;
    for (const auto &[choice, action] : m_choices)
        action->setEnabled(onHunk);
    const bool anyConflict = conflicts > 0;
    m_previous->setEnabled(anyConflict);
    m_next->setEnabled(anyConflict);
    m_undo->setEnabled(session.canUndo());
    m_redo->setEnabled(session.canRedo());
}

} // namespace inkwell::ui
