#pragma once

#include "model/postfields.h"
#include "model/result.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QTimer;

namespace inkwell::model {
struct Post;
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

// Edits one post: title, tags, draft/published, cover and the Markdown body with a live preview.
// Every change is written to the store shortly after typing pauses, on focus changes and before
// another post opens. A change the store receives from elsewhere while the post is open is merged
// into the buffer as edits of only the changed lines; when it cannot merge, a bar says so.
class PostEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PostEditor)

public:
    static constexpr int SaveDelayMs = 300;

    explicit PostEditor(store::LocalStore &store, QWidget *parent = nullptr);
    ~PostEditor() override;

    // Saves the open post, then opens guid (empty: shows nothing).
    void openPost(const QString &guid);
    QString guid() const { return m_guid; }
    // Writes pending changes now; the store's error when that failed.
    Result<void> save();

    BodyEdit *bodyEdit() const { return m_body; }
    QLineEdit *titleEdit() const { return m_title; }
    MessageBar *messageBar() const { return m_bar; }

    // Asks for an image file and inserts it at the cursor.
    void insertImageFromFile();
    // Stores data as an attachment and inserts a reference to it at the body's cursor.
    void insertImage(const QByteArray &bytes, const QString &name);

Q_SIGNALS:
    // A local change of the open post was saved.
    void saved(const QString &guid);
    // The writer asked to resolve the open post's conflict.
    void resolveRequested(const QString &guid);
    void errorOccurred(const inkwell::Error &error);

private:
    void buildLayout();
    void connectEdits();
    model::PostFields currentFields() const;
    void showFields(const model::PostFields &fields);
    void showStatus(const model::Post &post);
    void scheduleSave();
    void updatePreview();
    void onPostsChanged(const QStringList &guids);
    void mergeStoreVersion(const model::PostFields &theirs);
    // Reads the stored post and merges it into the buffer when it differs from m_stored.
    void catchUpWithStore();
    void setBody(const QString &text);
    void setCover(const QByteArray &bytes, const QString &name);
    QByteArray attachmentData(const QString &sha256) const;

    store::LocalStore &m_store;
    QString m_guid;
    model::PostFields m_stored; // the fields as the store has them: the base of every merge
    bool m_loading = false;
    bool m_holdSaves = false; // a remote change could not be merged: wait for the writer

    MessageBar *m_bar;
    QLineEdit *m_title;
    QLineEdit *m_tags;
    QComboBox *m_state;
    CoverPicker *m_cover;
    BodyEdit *m_body;
    PreviewBrowser *m_preview;
    MarkdownHighlighter *m_highlighter;
    QTimer *m_saveTimer;
    QTimer *m_previewTimer;
};

} // namespace inkwell::ui
