#pragma once

#include <QTextBrowser>

#include <functional>

namespace inkwell::ui {

// The live preview of a post: renders Markdown with QTextDocument::setMarkdown and resolves
// attachment:<sha256> image URLs through a loader (the local store), scaled to the view width.
class PreviewBrowser final : public QTextBrowser
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreviewBrowser)

public:
    // Returns the bytes of an attachment, or empty when it is not available locally.
    using AttachmentLoader = std::function<QByteArray(const QString &sha256)>;

    explicit PreviewBrowser(QWidget *parent = nullptr);

    void setAttachmentLoader(AttachmentLoader loader) { m_loader = std::move(loader); }
    // Shows title as a heading above markdown, keeping the scroll position.
    void showPost(const QString &title, const QString &markdown);

    QVariant loadResource(int type, const QUrl &name) override;

private:
    QImage placeholder() const;

    AttachmentLoader m_loader;
};

} // namespace inkwell::ui
