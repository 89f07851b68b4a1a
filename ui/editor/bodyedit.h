#pragma once

#include <QPlainTextEdit>

namespace inkwell::ui {

// The Markdown body editor. Images pasted from the clipboard or dropped (image data or image
// files) are not inserted as text but handed out through imageReceived(), at the cursor position
// the paste or drop chose, so the editor can store them and insert a reference. Undo and redo
// (keys and context menu) are handed out too, so the editing session decides what they undo.
class BodyEdit final : public QPlainTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BodyEdit)

public:
    explicit BodyEdit(QWidget *parent = nullptr);

    // Image file suffixes accepted from drops and the file dialog.
    static QStringList imageSuffixes();

Q_SIGNALS:
    // data is the encoded image (PNG for clipboard bitmaps), name a suggested alt text.
    void imageReceived(const QByteArray &data, const QString &name);
    // Focus left the editor; a good moment to save.
    void focusLost();
    // The writer asked to undo (redo) an edit of the body.
    void undoRequested();
    void redoRequested();

protected:
    bool canInsertFromMimeData(const QMimeData *source) const override;
    void insertFromMimeData(const QMimeData *source) override;
    void focusOutEvent(QFocusEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    bool insertImages(const QMimeData *source);
};

} // namespace inkwell::ui
