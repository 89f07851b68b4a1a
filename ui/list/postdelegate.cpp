#include "ui/list/postdelegate.h"

#include "ui/list/postlistmodel.h"
#include "ui/sync/presencetext.h"

#include <QApplication>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace inkwell::ui {

namespace {

constexpr int Margin = 8;
constexpr int LineGap = 2;

QColor badgeColor(PostListModel::Badge badge)
{
    switch (badge) {
    case PostListModel::Badge::Synced:
        return QColor(0x2e, 0x7d, 0x32);
    case PostListModel::Badge::Pending:
        return QColor(0xb2, 0x6a, 0x00);
    case PostListModel::Badge::Conflicted:
        return QColor(0xc6, 0x28, 0x28);
    case PostListModel::Badge::Error:
        return QColor(0x8e, 0x24, 0xaa);
    case PostListModel::Badge::LocalOnly:
        return QColor(0x60, 0x66, 0x70);
    }
    return QColor(Qt::gray);
}

// Presence ("Anna is editing"): white on a blue that keeps its contrast in both themes.
const QColor EditingColor(0x15, 0x65, 0xc0);

QFont smallerFont(const QFont &font)
{
    QFont small = font;
    if (small.pointSizeF() > 0)
        small.setPointSizeF(small.pointSizeF() * 0.88);
    else
        small.setPixelSize(int(small.pixelSize() * 0.88));
    return small;
}

QString dateText(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    const QDateTime local = time.toLocalTime();
    if (local.date() == QDate::currentDate())
        return QLocale().toString(local.time(), QLocale::ShortFormat);
    return QLocale().toString(local.date(), QLocale::ShortFormat);
}

} // namespace

PostDelegate::PostDelegate(QObject *parent) : QStyledItemDelegate(parent) { }

QString PostDelegate::badgeText(int badge)
{
    switch (PostListModel::Badge(badge)) {
    case PostListModel::Badge::Synced:
        return tr("Synced");
    case PostListModel::Badge::Pending:
        return tr("Pending");
    case PostListModel::Badge::Conflicted:
        return tr("Conflicted");
    case PostListModel::Badge::Error:
        return tr("Error");
    case PostListModel::Badge::LocalOnly:
        return tr("Local");
    }
    return {};
}

QSize PostDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    QFont bold = option.font;
    bold.setBold(true);
    const int height = QFontMetrics(bold).height() + QFontMetrics(option.font).height()
            + QFontMetrics(smallerFont(option.font)).height() + 2 * LineGap + 2 * Margin;
    return {QFontMetrics(option.font).averageCharWidth() * 30, height};
}

void PostDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                         const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, widget);

    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorGroup group =
            option.state & QStyle::State_Active ? QPalette::Active : QPalette::Inactive;
    const QColor text =
            option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    QColor muted = text;
    muted.setAlphaF(0.68);

    painter->save();
    const QRect area = option.rect.adjusted(Margin, Margin, -Margin, -Margin);
    QFont bold = option.font;
    bold.setBold(true);
    const QFontMetrics boldMetrics(bold);
    const QFontMetrics metrics(option.font);
    const QFont small = smallerFont(option.font);
    const QFontMetrics smallMetrics(small);

    QRect titleLine(area.left(), area.top(), area.width(), boldMetrics.height());
    const int badge = index.data(PostListModel::BadgeRole).toInt();
    paintBadge(painter, titleLine, option, badge);
    const int badgeWidth = smallMetrics.horizontalAdvance(badgeText(badge)) + 16 + Margin;
    titleLine.setRight(titleLine.right() - badgeWidth);

    // A listed tombstone (deleted here, changed on the server): struck through, and the
    // excerpt says why it is still listed.
    const bool deleted = index.data(PostListModel::DeletedRole).toBool();
    QFont titleFont = bold;
    titleFont.setStrikeOut(deleted);
    painter->setPen(text);
    painter->setFont(titleFont);
    painter->drawText(titleLine, Qt::AlignLeft | Qt::AlignVCenter,
                      boldMetrics.elidedText(index.data(PostListModel::TitleRole).toString(),
                                             Qt::ElideRight, titleLine.width()));

    const QRect excerptLine(area.left(), titleLine.bottom() + LineGap, area.width(),
                            metrics.height());
    painter->setFont(option.font);
    painter->setPen(muted);
    painter->drawText(
            excerptLine, Qt::AlignLeft | Qt::AlignVCenter,
            metrics.elidedText(deleted ? tr("Deleted here, changed on the server")
                                       : index.data(PostListModel::ExcerptRole).toString(),
                               Qt::ElideRight, excerptLine.width()));

    QStringList meta;
    meta << dateText(index.data(PostListModel::ModifiedRole).toDateTime());
    const QString author = index.data(PostListModel::AuthorRole).toString();
    if (!author.isEmpty())
        meta << author;
    meta << (index.data(PostListModel::PublishedRole).toBool() ? tr("Published") : tr("Draft"));
    QRect metaLine(area.left(), excerptLine.bottom() + LineGap, area.width(),
                   smallMetrics.height());
    const QStringList editors = index.data(PostListModel::EditorsRole).toStringList();
    if (!editors.isEmpty())
        metaLine.setRight(paintEditors(painter, metaLine, option, editors) - Margin);
    painter->setFont(small);
    painter->drawText(metaLine, Qt::AlignLeft | Qt::AlignVCenter,
                      smallMetrics.elidedText(meta.join(QStringLiteral(" · ")), Qt::ElideRight,
                                              metaLine.width()));
    painter->restore();
}

int PostDelegate::paintEditors(QPainter *painter, const QRect &metaLine,
                               const QStyleOptionViewItem &option, const QStringList &editors) const
{
    const QFont small = smallerFont(option.font);
    const QFontMetrics metrics(small);
    const int height = metrics.height() + 2;
    const int dot = std::max(4, height / 3);
    const int padding = height / 2;
    // At most two thirds of the line: the date and state stay readable.
    const int widest = metaLine.width() * 2 / 3;
    const QString text = metrics.elidedText(PresenceText::editing(editors), Qt::ElideRight,
                                            widest - 2 * padding - dot - 4);
    const int width = std::min(widest, metrics.horizontalAdvance(text) + 2 * padding + dot + 4);
    const QRect pill(metaLine.right() - width + 1, metaLine.center().y() - height / 2, width,
                     height);
    QPainterPath path;
    path.addRoundedRect(QRectF(pill), height / 2.0, height / 2.0);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->fillPath(path, EditingColor);
    if (option.state & QStyle::State_Selected) // set off from the selection's own blue
        painter->strokePath(path, QPen(Qt::white, 1));
    painter->setPen(Qt::NoPen);
    painter->setBrush(Qt::white);
    painter->drawEllipse(
            QRectF(pill.left() + padding, pill.center().y() - dot / 2.0 + 0.5, dot, dot));
    painter->setPen(Qt::white);
    painter->setFont(small);
    painter->drawText(pill.adjusted(padding + dot + 4, 0, -padding, 0),
                      Qt::AlignLeft | Qt::AlignVCenter, text);
    painter->restore();
    return pill.left();
}

void PostDelegate::paintBadge(QPainter *painter, const QRect &titleLine,
                              const QStyleOptionViewItem &option, int badge) const
{
    const QFont small = smallerFont(option.font);
    const QFontMetrics metrics(small);
    const QString label = badgeText(badge);
    const int width = metrics.horizontalAdvance(label) + 16;
    const int height = metrics.height() + 2;
    const QRect pill(titleLine.right() - width, titleLine.center().y() - height / 2, width, height);
    const QColor color = badgeColor(PostListModel::Badge(badge));
    QPainterPath path;
    path.addRoundedRect(QRectF(pill), height / 2.0, height / 2.0);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->fillPath(path, color);
    painter->setPen(Qt::white);
    painter->setFont(small);
    painter->drawText(pill, Qt::AlignCenter, label);
    painter->restore();
}

} // namespace inkwell::ui
