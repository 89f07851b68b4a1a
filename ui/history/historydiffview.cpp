#include "ui/history/historydiffview.h"

#include "history/revisiondiff.h"

#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QVBoxLayout>

namespace inkwell::ui {

namespace {

const QColor removedTint(0xe0, 0x3c, 0x3c);
const QColor addedTint(0x2e, 0xa8, 0x4e);

// Every diff line starts with a marker and a space; word spans are shifted by this much.
constexpr int MarkerWidth = 2;

QColor mixed(const QColor &background, const QColor &tint, double amount)
{
    const auto channel = [amount](int from, int to) { return int(from + (to - from) * amount); };
    return QColor(channel(background.red(), tint.red()), channel(background.green(), tint.green()),
                  channel(background.blue(), tint.blue()));
}

QString fieldName(history::FieldChange::Field field)
{
    switch (field) {
    case history::FieldChange::Field::Title:
        return HistoryDiffView::tr("Title");
    case history::FieldChange::Field::Tags:
        return HistoryDiffView::tr("Tags");
    case history::FieldChange::Field::State:
        return HistoryDiffView::tr("State");
    case history::FieldChange::Field::Cover:
        return HistoryDiffView::tr("Cover");
    }
    return {};
}

QString fieldValue(history::FieldChange::Field field, const QString &value)
{
    if (value.isEmpty())
        return HistoryDiffView::tr("(none)");
    if (field == history::FieldChange::Field::State) {
        return value == QStringLiteral("published") ? HistoryDiffView::tr("Published")
                                                    : HistoryDiffView::tr("Draft");
    }
    if (field == history::FieldChange::Field::Cover)
        return value.left(12) + QStringLiteral("…");
    return value;
}

QString fieldsHtml(const history::RevisionDiff &diff, const QString &fromName,
                   const QString &toName, const QPalette &palette)
{
    if (diff.fieldChanges().isEmpty())
        return {};
    const QColor background = palette.color(QPalette::Base);
    const double amount = background.lightness() < 128 ? 0.40 : 0.24;
    QString html = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"3\"><tr><th></th>"
                                  "<th align=\"left\">%1</th><th align=\"left\">%2</th></tr>")
                           .arg(fromName.toHtmlEscaped(), toName.toHtmlEscaped());
    for (const history::FieldChange &change : diff.fieldChanges()) {
        html += QStringLiteral("<tr><td><b>%1</b></td><td style=\"background-color:%2\">%3</td>"
                               "<td style=\"background-color:%4\">%5</td></tr>")
                        .arg(fieldName(change.field).toHtmlEscaped(),
                             mixed(background, removedTint, amount).name(),
                             fieldValue(change.field, change.from).toHtmlEscaped(),
                             mixed(background, addedTint, amount).name(),
                             fieldValue(change.field, change.to).toHtmlEscaped());
    }
    return html + QStringLiteral("</table>");
}

QString legendHtml(const QString &fromName, const QString &toName, const QPalette &palette)
{
    const QColor background = palette.color(QPalette::Base);
    const double amount = background.lightness() < 128 ? 0.62 : 0.46;
    const auto swatch = [&](const QColor &tint, const QString &marker, const QString &text) {
        return QStringLiteral("<span style=\"background-color:%1\">&nbsp;%2&nbsp;</span>&nbsp;%3")
                .arg(mixed(background, tint, amount).name(), marker, text.toHtmlEscaped());
    };
    return swatch(removedTint, QStringLiteral("−"), fromName)
            + QStringLiteral("&nbsp;&nbsp;&nbsp; ")
            + swatch(addedTint, QStringLiteral("+"), toName);
}

} // namespace

HistoryDiffView::HistoryDiffView(QWidget *parent)
    : QWidget(parent), m_fields(new QLabel(this)), m_text(new QPlainTextEdit(this)),
      m_legend(new QLabel(this))
{
    m_fields->setObjectName(QStringLiteral("historyFieldChanges"));
    m_fields->setTextFormat(Qt::RichText);
    m_fields->setWordWrap(true);
    m_fields->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setObjectName(QStringLiteral("historyDiffText"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setAccessibleName(tr("Differences"));
    m_legend->setObjectName(QStringLiteral("historyLegend"));
    m_legend->setTextFormat(Qt::RichText);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_fields);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_legend);
}

void HistoryDiffView::setDiff(const history::RevisionDiff &diff, const QString &fromName,
                              const QString &toName)
{
    const QPalette &colours = palette();
    m_fields->setText(fieldsHtml(diff, fromName, toName, colours));
    m_fields->setVisible(!diff.fieldChanges().isEmpty());
    m_legend->setText(legendHtml(fromName, toName, colours));

    QStringList text;
    text.reserve(diff.lines().size());
    for (const history::DiffLine &line : diff.lines()) {
        const QString marker = line.kind == history::DiffLineKind::Removed ? QStringLiteral("− ")
                : line.kind == history::DiffLineKind::Added                ? QStringLiteral("+ ")
                                                                           : QStringLiteral("  ");
        text.append(marker + line.text);
    }
    m_text->setPlainText(text.join(u'\n'));

    const QColor background = colours.color(QPalette::Base);
    const bool dark = background.lightness() < 128;
    const double lineAmount = dark ? 0.26 : 0.13;
    const double wordAmount = dark ? 0.62 : 0.46;
    QList<QTextEdit::ExtraSelection> selections;
    QTextDocument *document = m_text->document();
    for (qsizetype i = 0; i < diff.lines().size(); ++i) {
        const history::DiffLine &line = diff.lines().at(i);
        if (line.kind == history::DiffLineKind::Context)
            continue;
        const QColor tint = line.kind == history::DiffLineKind::Removed ? removedTint : addedTint;
        const QTextBlock block = document->findBlockByNumber(int(i));
        QTextEdit::ExtraSelection whole;
        whole.cursor = QTextCursor(block);
        whole.format.setBackground(mixed(background, tint, lineAmount));
        whole.format.setProperty(QTextFormat::FullWidthSelection, true);
        selections.append(whole);
        for (const merge::TextSpan &span : line.changedWords) {
            QTextEdit::ExtraSelection word;
            word.cursor = QTextCursor(block);
            word.cursor.setPosition(block.position() + MarkerWidth + int(span.start));
            word.cursor.setPosition(block.position() + MarkerWidth + int(span.start + span.length),
                                    QTextCursor::KeepAnchor);
            word.format.setBackground(mixed(background, tint, wordAmount));
            selections.append(word);
        }
    }
    m_text->setExtraSelections(selections);
    // Start at the first change rather than the top of a long post.
    const QList<qsizetype> changes = diff.changeStarts();
    if (!changes.isEmpty()) {
        QTextCursor cursor(
                document->findBlockByNumber(int(std::max<qsizetype>(0, changes.first() - 3))));
        m_text->setTextCursor(cursor);
        m_text->centerCursor();
    }
}

} // namespace inkwell::ui
