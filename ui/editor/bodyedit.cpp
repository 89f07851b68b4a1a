#include "ui/editor/bodyedit.h"

#include <QBuffer>
#include <QContextMenuEvent>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QKeyEvent>
#include <QMenu>
#include <QMimeData>
#include <QUrl>

#include <algorithm>
#include <memory>

namespace inkwell::ui {

namespace {

bool isImageFile(const QUrl &url)
{
    return url.isLocalFile()
            && BodyEdit::imageSuffixes().contains(QFileInfo(url.toLocalFile()).suffix().toLower());
}

} // namespace

BodyEdit::BodyEdit(QWidget *parent) : QPlainTextEdit(parent)
{
    setObjectName(QStringLiteral("body"));
    setAccessibleName(tr("Post body"));
    setPlaceholderText(tr("Write your post in Markdown…"));
    setTabChangesFocus(false);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
}

QStringList BodyEdit::imageSuffixes()
{
    return {QStringLiteral("png"), QStringLiteral("jpg"),  QStringLiteral("jpeg"),
            QStringLiteral("gif"), QStringLiteral("webp"), QStringLiteral("svg")};
}

bool BodyEdit::canInsertFromMimeData(const QMimeData *source) const
{
    if (source->hasImage())
        return true;
    if (source->hasUrls()) {
        const QList<QUrl> urls = source->urls();
        if (std::any_of(urls.cbegin(), urls.cend(), isImageFile))
            return true;
    }
    return QPlainTextEdit::canInsertFromMimeData(source);
}

void BodyEdit::insertFromMimeData(const QMimeData *source)
{
    if (insertImages(source))
        return;
    QPlainTextEdit::insertFromMimeData(source);
}

bool BodyEdit::insertImages(const QMimeData *source)
{
    bool inserted = false;
    if (source->hasUrls()) {
        const QList<QUrl> urls = source->urls();
        for (const QUrl &url : urls) {
            if (!isImageFile(url))
                continue;
            QFile file(url.toLocalFile());
            if (!file.open(QIODevice::ReadOnly))
                continue;
            Q_EMIT imageReceived(file.readAll(), QFileInfo(file).completeBaseName());
            inserted = true;
        }
        if (inserted)
            return true;
    }
    if (source->hasImage()) {
        const QImage image = qvariant_cast<QImage>(source->imageData());
        if (image.isNull())
            return false;
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, "PNG");
        Q_EMIT imageReceived(png, tr("Pasted image"));
        return true;
    }
    return false;
}

void BodyEdit::focusOutEvent(QFocusEvent *event)
{
    QPlainTextEdit::focusOutEvent(event);
    Q_EMIT focusLost();
}

void BodyEdit::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Undo)) {
        event->accept();
        Q_EMIT undoRequested();
    } else if (event->matches(QKeySequence::Redo)) {
        event->accept();
        Q_EMIT redoRequested();
    } else {
        QPlainTextEdit::keyPressEvent(event);
    }
}

void BodyEdit::contextMenuEvent(QContextMenuEvent *event)
{
    std::unique_ptr<QMenu> menu(createStandardContextMenu(event->pos()));
    // Qt names the standard actions; point Undo and Redo at the session instead of the document.
    if (auto *undo = menu->findChild<QAction *>(QStringLiteral("edit-undo"))) {
        disconnect(undo, &QAction::triggered, nullptr, nullptr);
        connect(undo, &QAction::triggered, this, &BodyEdit::undoRequested);
    }
    if (auto *redo = menu->findChild<QAction *>(QStringLiteral("edit-redo"))) {
        disconnect(redo, &QAction::triggered, nullptr, nullptr);
        connect(redo, &QAction::triggered, this, &BodyEdit::redoRequested);
    }
    menu->exec(event->globalPos());
}

} // namespace inkwell::ui
