#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace inkwell::ui {

// Highlights Markdown in a plain-text editor: headings, emphasis, inline code and fenced code
// blocks, links and images, quotes and list markers. Colours follow the palette it is given, so it
// stays legible in light and dark themes.
class MarkdownHighlighter final : public QSyntaxHighlighter
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MarkdownHighlighter)

public:
    explicit MarkdownHighlighter(QTextDocument *document);

    // Recomputes the formats from palette and re-highlights the document.
    void setPalette(const QPalette &palette);

protected:
    void highlightBlock(const QString &text) override;

private:
    enum BlockState { Normal = 0, InFence = 1 };
    void highlightInline(const QString &text);

    QTextCharFormat m_heading;
    QTextCharFormat m_emphasis;
    QTextCharFormat m_strong;
    QTextCharFormat m_code;
    QTextCharFormat m_link;
    QTextCharFormat m_image;
    QTextCharFormat m_quote;
    QTextCharFormat m_marker;
};

} // namespace inkwell::ui
