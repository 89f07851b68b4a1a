#pragma once

#include <QList>
#include <QString>

#include <optional>

class QTextCursor;
class QTextDocument;

namespace inkwell::editing {

// Marks in a QTextDocument's undo history that undo does not cross by itself: each is a change
// merged in from elsewhere, so undoing it would silently revert a colleague's edit. The barrier
// is crossed only on purpose (undoPast()); redoing that change sets it again.
class UndoBarriers final
{
public:
    explicit UndoBarriers(QTextDocument *document) : m_document(document) { }

    void clear() { m_barriers.clear(); }
    // The last undo step of the document is a change from author.
    void add(const QString &author);
    // The document gained an undo step: barriers in the discarded redo history go.
    void noteUndoStepAdded();

    // The author of the change the next undo would revert, when that is a barrier.
    std::optional<QString> blockingAuthor() const;
    // Undoes one step unless a barrier is in the way; false then.
    bool undo(QTextCursor *cursor);
    // Undoes one step, across a barrier too.
    void undoPast(QTextCursor *cursor);
    void redo(QTextCursor *cursor);

private:
    struct Barrier
    {
        int steps; // availableUndoSteps() right after the change
        QString author;
        bool crossed = false;
    };

    QTextDocument *m_document;
    QList<Barrier> m_barriers;
};

} // namespace inkwell::editing
