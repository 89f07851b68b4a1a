#include "ui/editor/previewbrowser.h"

#include "model/attachment.h"

#include <QImage>
#include <QPainter>
#include <QScrollBar>
#include <QTextDocument>

namespace inkwell::ui {

PreviewBrowser::PreviewBrowser(QWidget *parent) : QTextBrowser(parent)
{
    setObjectName(QStringLiteral("preview"));
    setAccessibleName(tr("Preview"));
    setOpenLinks(false);
    document()->setDocumentMargin(12);
}

void PreviewBrowser::showPost(const QString &title, const QString &markdown)
{
    const int scroll = verticalScrollBar()->value();
    QString text;
    if (!title.isEmpty())
        text = QStringLiteral("# ") + title + QStringLiteral("\n\n");
    text += markdown;
    setMarkdown(text);
    verticalScrollBar()->setValue(scroll);
}

QVariant PreviewBrowser::loadResource(int type, const QUrl &name)
{
    if (type != QTextDocument::ImageResource || name.scheme() != QLatin1String("attachment"))
        return QTextBrowser::loadResource(type, name);
    const QString hash = name.path();
    QImage image;
    if (model::Attachment::isValidHash(hash) && m_loader)
        image.loadFromData(m_loader(hash));
    if (image.isNull())
        return placeholder();
    const int maxWidth = std::max(120, viewport()->width() - 40);
    if (image.width() > maxWidth)
        image = image.scaledToWidth(maxWidth, Qt::SmoothTransformation);
    return image;
}

QImage PreviewBrowser::placeholder() const
{
    QImage image(240, 120, QImage::Format_ARGB32_Premultiplied);
    image.fill(palette().color(QPalette::AlternateBase));
    QPainter painter(&image);
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawRect(image.rect().adjusted(0, 0, -1, -1));
    painter.drawText(image.rect(), Qt::AlignCenter | Qt::TextWordWrap,
                     tr("Image not downloaded yet"));
    return image;
}

} // namespace inkwell::ui
