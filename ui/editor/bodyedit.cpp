#include "ui/editor/bodyedit.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QMimeData>
#include <QUrl>

#include <algorithm>

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

} // namespace inkwell::ui
