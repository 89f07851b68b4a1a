#pragma once

#include "model/result.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTimer;

namespace inkwell::editing {
class EditSession;
}
namespace inkwell::store {
class LocalStore;
}

namespace inkwell::ui {

class BodyEdit;
class CoverPicker;
class MarkdownHighlighter;
class MessageBar;
class PreviewBrowser;
class SyncService;

// Edits one post: title, tags, draft/published, cover and the Markdown body with a live preview.
// The widget renders an editing::EditSession and forwards the writer's input to it: the session
// saves shortly after typing pauses (and on focus changes and before another post opens) and
// merges changes that arrive meanwhile as edits of only the changed lines. When a change
// overlaps unsaved edits, a bar offers to resolve them in the merge window.
class PostEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PostEditor)

public:
    static constexpr int SaveDelayMs = 300;

    explicit PostEditor(store::LocalStore &store, QWidget *parent = nullptr);
    // Leaves the open post: saved, or stored as a conflict when it is held.
    ~PostEditor() override;

    // Leaves the open post (saved, or stored as a conflict when held), then opens guid (empty:
    // shows nothing).
    void openPost(const QString &guid);
    QString guid() const;
    // Writes pending changes now (nothing while held); the store's error when that failed.
    Result<void> save();
    // Undo and redo in the body; undo stops before a change merged in from elsewhere and says so.
    void undo();
    void redo();
    // Asks for the merge window on the open post: emits resolveRequested(), a held buffer stored
    // as a conflict first.
    void requestResolve();

    // Shows who else is editing the open post, as presence reports it (null: nobody); follows
    // its changes.
    void setPresence(SyncService *presence);

    editing::EditSession *session() const { return m_session; }
    BodyEdit *bodyEdit() const { return m_body; }
    QLineEdit *titleEdit() const { return m_title; }
    MessageBar *messageBar() const { return m_bar; }
    // "Anna is editing" next to the title; hidden when nobody else is.
    QLabel *editorsLabel() const { return m_editors; }

    // Asks for an image file and inserts it at the cursor.
    void insertImageFromFile();
    // Stores data as an attachment and inserts a reference to it at the body's cursor.
    void insertImage(const QByteArray &bytes, const QString &name);

Q_SIGNALS:
    // A local change of the open post was saved.
    void saved(const QString &guid);
    // The writer asked to resolve the open post's conflict (a held buffer is stored as one
    // first).
    void resolveRequested(const QString &guid);
    void errorOccurred(const inkwell::Error &error);

private:
    void buildLayout();
    void connectEdits();
    void connectSession();
    void showFields();
    void showState();
    void showUndoStopped(const QString &author);
    void showEditors();
    void updatePreview();
    void setCover(const QByteArray &bytes, const QString &name);
    QByteArray attachmentData(const QString &sha256) const;

    store::LocalStore &m_store;
    editing::EditSession *m_session;

    MessageBar *m_bar;
    QLineEdit *m_title;
    QLabel *m_editors;
    QLineEdit *m_tags;
    QComboBox *m_state;
    CoverPicker *m_cover;
    BodyEdit *m_body;
    PreviewBrowser *m_preview;
    MarkdownHighlighter *m_highlighter;
    QTimer *m_previewTimer;
    QPointer<SyncService> m_presence;
};

} // namespace inkwell::ui
