#include "ui/editor/markdownhighlighter.h"

#include <QGuiApplication>
#include <QPalette>
#include <QRegularExpression>

namespace inkwell::ui {

namespace {

// Mixes two colours; used to derive accents that work on light and dark backgrounds.
QColor mix(const QColor &a, const QColor &b, qreal amountOfB)
{
    return QColor::fromRgbF(a.redF() * (1 - amountOfB) + b.redF() * amountOfB,
                            a.greenF() * (1 - amountOfB) + b.greenF() * amountOfB,
                            a.blueF() * (1 - amountOfB) + b.blueF() * amountOfB);
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

} // namespace

MarkdownHighlighter::MarkdownHighlighter(QTextDocument *document) : QSyntaxHighlighter(document)
{
    setPalette(QGuiApplication::palette());
}

void MarkdownHighlighter::setPalette(const QPalette &palette)
{
    const bool dark = isDark(palette);
    const QColor text = palette.color(QPalette::Text);
    const QColor base = palette.color(QPalette::Base);
    const QColor accent = dark ? QColor(0x8a, 0xb4, 0xf8) : QColor(0x1f, 0x4f, 0xb8);
    const QColor green = dark ? QColor(0x9c, 0xd6, 0x8c) : QColor(0x2e, 0x7d, 0x32);
    const QColor purple = dark ? QColor(0xd0, 0xa0, 0xf0) : QColor(0x7b, 0x1f, 0xa2);

    m_heading = {};
    m_heading.setFontWeight(QFont::Bold);
    m_heading.setForeground(accent);
    m_emphasis = {};
    m_emphasis.setFontItalic(true);
    m_strong = {};
    m_strong.setFontWeight(QFont::Bold);
    m_code = {};
    m_code.setFontFixedPitch(true);
    m_code.setFontFamilies({QStringLiteral("monospace")});
    m_code.setForeground(green);
    m_code.setBackground(mix(base, text, 0.07));
    m_link = {};
    m_link.setForeground(accent);
    m_link.setFontUnderline(true);
    m_image = {};
    m_image.setForeground(purple);
    m_quote = {};
    m_quote.setForeground(mix(text, base, 0.35));
    m_quote.setFontItalic(true);
    m_marker = {};
    m_marker.setForeground(mix(text, base, 0.45));
    rehighlight();
}

void MarkdownHighlighter::highlightBlock(const QString &text)
{
    static const QRegularExpression fence(QStringLiteral("^\\s{0,3}(```|~~~)"));
    static const QRegularExpression heading(QStringLiteral("^\\s{0,3}#{1,6}\\s"));
    static const QRegularExpression listMarker(QStringLiteral("^\\s*([-*+]|\\d+[.)])\\s"));

    const bool inFence = previousBlockState() == InFence;
    const bool isFenceLine = fence.match(text).hasMatch();
    if (inFence || isFenceLine) {
        setFormat(0, int(text.size()), m_code);
        const bool stillInFence = inFence != isFenceLine;
        setCurrentBlockState(stillInFence ? InFence : Normal);
        return;
    }
    setCurrentBlockState(Normal);
    if (heading.match(text).hasMatch()) {
        setFormat(0, int(text.size()), m_heading);
        return;
    }
    if (text.trimmed().startsWith(u'>')) {
        setFormat(0, int(text.size()), m_quote);
        return;
    }
    if (const auto match = listMarker.match(text); match.hasMatch())
        setFormat(int(match.capturedStart(1)), int(match.capturedLength(1)), m_marker);
    highlightInline(text);
}

void MarkdownHighlighter::highlightInline(const QString &text)
{
    struct Rule
    {
        QRegularExpression pattern;
        const QTextCharFormat *format;
    };
    static const QRegularExpression strong(QStringLiteral("(\\*\\*|__)(?=\\S)(.+?)(?<=\\S)\\1"));
    static const QRegularExpression emphasis(
            QStringLiteral("(?<![*_\\w])([*_])(?=\\S)(.+?)(?<=\\S)\\1(?![*_\\w])"));
    static const QRegularExpression image(QStringLiteral("!\\[[^\\]]*\\]\\([^)]*\\)"));
    static const QRegularExpression link(QStringLiteral("(?<!!)\\[[^\\]]*\\]\\([^)]*\\)"));
    static const QRegularExpression code(QStringLiteral("`[^`]+`"));
    const Rule rules[] = {
            {strong, &m_strong}, {emphasis, &m_emphasis}, {link, &m_link},
            {image, &m_image},   {code, &m_code},
    };
    // Later rules win: code spans and images override emphasis inside them.
    for (const Rule &rule : rules) {
        for (auto it = rule.pattern.globalMatch(text); it.hasNext();) {
            const auto match = it.next();
            setFormat(int(match.capturedStart()), int(match.capturedLength()), *rule.format);
        }
    }
}

} // namespace inkwell::ui
