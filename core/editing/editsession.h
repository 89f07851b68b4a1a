#pragma once

#include "editing/undobarriers.h"
#include "model/post.h"
#include "model/result.h"

#include <QObject>

class QTextCursor;
class QTextDocument;
class QTimer;

namespace inkwell::store {
class LocalStore;
}

namespace inkwell::editing {

// One post open for editing, without widgets: the buffer (the body as a QTextDocument the editor
// widget shows, the other fields as the widget reports them), the stored version it is based on,
// saving as a compare-and-set against that version, and changes the store receives meanwhile
// merged three-way into the buffer as edits of only the changed lines. When such a change
// overlaps the writer's unsaved edits, saving is held; a held buffer is never dropped: leaving
// the post (open another, close, destroy) or resolveHeld() stores it as a conflict.
class EditSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EditSession)

public:
    enum class State {
        Closed, // no post open
        Editing, // edits are saved shortly after they stop
        Held, // an incoming change overlaps unsaved edits: nothing is saved until resolved
        Deleted, // the post was deleted elsewhere while nothing was unsaved
    };

    static constexpr int DefaultSaveDelayMs = 300;

    explicit EditSession(store::LocalStore &store, QObject *parent = nullptr);
    // Leaves the open post as close() does.
    ~EditSession() override;

    // Leaves the open post, then opens guid: its stored fields become the buffer and the undo
    // history starts empty. An empty guid only closes; NotFound or a tombstone is an error and
    // leaves the session closed. Opening the post that is open already changes nothing.
    Result<void> open(const QString &guid);
    // Leaves the open post: saves the buffer, or when held stores it as a conflict (or, if the
    // store refuses that, as a new post of the same blog).
    Result<void> close();

    QString guid() const { return m_post.guid; }
    State state() const { return m_state; }
    bool isHeld() const { return m_state == State::Held; }
    // The post as last read from the store (sync status, last error, author).
    const model::Post &post() const { return m_post; }
    // The stored fields the buffer is based on: the base of every merge.
    const model::PostFields &base() const { return m_base; }

    // The body being edited; owned by the session, shown by the editor widget.
    QTextDocument *document() const { return m_document; }
    // The buffer: the document's text and the other fields as last set.
    model::PostFields fields() const;
    // The writer edited a field other than the body (the body is edited in document()).
    void setTitle(const QString &title);
    void setTags(const QStringList &tags);
    void setPublishState(model::PublishState state);
    void setCover(const QString &sha256);

    // Edits are saved this long after the last one (0: on the next event loop turn).
    void setSaveDelay(int milliseconds);
    // Writes the buffer now unless it equals the stored version or saving is held. A change
    // stored meanwhile is merged in and the save retried; the store's error when it failed.
    Result<void> save();
    // Stores the held buffer as a conflict (see store::SyncRepository::storeEditConflict); the
    // post stays open, Conflicted. Nothing to do unless held.
    Result<void> resolveHeld();

    // Undo in the body that stops before undoing an incoming change (a colleague's edit merged
    // into the buffer): false and undoStopped() then. cursor (optional) is moved like
    // QTextDocument::undo() moves it.
    bool undo(QTextCursor *cursor = nullptr);
    // Undoes the incoming change undo() stopped at, because the writer asked for it.
    void undoIncomingChange(QTextCursor *cursor = nullptr);
    void redo(QTextCursor *cursor = nullptr);
    bool isUndoAvailable() const;

Q_SIGNALS:
    // A post was opened (or the session closed: empty guid); every field may differ.
    void opened(const QString &guid);
    // An incoming change altered fields other than the body; the widget shows fields() again.
    void fieldsChanged();
    // State, sync status or last error changed.
    void stateChanged();
    // The writer changed the buffer (typed, or set a field); never for changes merged in.
    void edited(const QString &guid);
    // The buffer was written to the store.
    void saved(const QString &guid);
    // undo() stopped at a change merged in from author (a server account; empty if unknown).
    void undoStopped(const QString &author);
    void errorOccurred(const inkwell::Error &error);

private:
    void onDocumentChanged();
    void onPostsChanged(const QStringList &guids);
    void reset(const model::Post &post);
    // Reads the stored post and takes in what changed since base(); false on a store error.
    bool catchUp();
    void takeIn(const model::Post &stored);
    void mergeIn(const model::Post &stored);
    void setState(State state);
    Result<void> leave();
    Result<void> report(const Error &error);

    store::LocalStore &m_store;
    QTextDocument *m_document;
    QTimer *m_saveTimer;
    UndoBarriers m_barriers;
    model::Post m_post; // as last read
    model::PostFields m_base;
    model::PostFields m_others; // the buffer's fields other than the body
    State m_state = State::Closed;
    bool m_applying = false; // the session itself is changing the document
};

} // namespace inkwell::editing
