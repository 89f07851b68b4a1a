#include "editing/undobarriers.h"

#include <QTextCursor>
#include <QTextDocument>

namespace inkwell::editing {

void UndoBarriers::add(const QString &author)
{
    m_barriers.append({m_document->availableUndoSteps(), author});
}

void UndoBarriers::noteUndoStepAdded()
{
    // The new step took index steps - 1: anything recorded at or above it was in the redo
    // history that the new step discarded.
    const int steps = m_document->availableUndoSteps();
    m_barriers.removeIf([steps](const Barrier &barrier) { return barrier.steps >= steps; });
}

std::optional<QString> UndoBarriers::blockingAuthor() const
{
    const int steps = m_document->availableUndoSteps();
    for (const Barrier &barrier : m_barriers) {
        if (barrier.steps == steps && !barrier.crossed)
            return barrier.author;
    }
    return std::nullopt;
}

bool UndoBarriers::undo(QTextCursor *cursor)
{
    if (blockingAuthor())
        return false;
    cursor ? m_document->undo(cursor) : m_document->undo();
    return true;
}

void UndoBarriers::undoPast(QTextCursor *cursor)
{
    const int steps = m_document->availableUndoSteps();
    for (Barrier &barrier : m_barriers) {
        if (barrier.steps == steps)
            barrier.crossed = true;
    }
    cursor ? m_document->undo(cursor) : m_document->undo();
}

void UndoBarriers::redo(QTextCursor *cursor)
{
    cursor ? m_document->redo(cursor) : m_document->redo();
    const int steps = m_document->availableUndoSteps();
    for (Barrier &barrier : m_barriers) {
        if (barrier.steps == steps)
            barrier.crossed = false;
    }
}

} // namespace inkwell::editing
