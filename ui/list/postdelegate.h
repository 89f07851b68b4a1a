#pragma once

#include <QStyledItemDelegate>

namespace inkwell::ui {

// Draws one post of the list: the title with a status badge (Synced, Pending, Conflicted, Error),
// a one-line excerpt, and the date, author and draft/published state, with who else is editing
// the post at the end of that line. Uses only palette colours plus badge tints that keep their
// contrast in light and dark themes.
class PostDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PostDelegate)

public:
    explicit PostDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The translated word a badge shows ("Synced", "Pending", ...).
    static QString badgeText(int badge);

private:
    void paintBadge(QPainter *painter, const QRect &titleLine, const QStyleOptionViewItem &option,
                    int badge) const;
    // Draws "Anna is editing" at the right end of metaLine; returns the left edge it took.
    int paintEditors(QPainter *painter, const QRect &metaLine, const QStyleOptionViewItem &option,
                     const QStringList &editors) const;
};

} // namespace inkwell::ui
