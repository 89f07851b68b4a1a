#include "ui/common/icons.h"

#include <QFile>
#include <QGuiApplication>
#include <QIconEngine>
#include <QPainter>
#include <QPalette>
#include <QSvgRenderer>

namespace inkwell::ui {

namespace {

// Renders tinted SVG data at whatever size and device pixel ratio Qt asks for.
class TintedSvgEngine final : public QIconEngine
{
public:
    TintedSvgEngine(QByteArray normal, QByteArray disabled)
        : m_normal(std::move(normal)), m_disabled(std::move(disabled))
    { }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State) override
    {
        QSvgRenderer renderer(mode == QIcon::Disabled ? m_disabled : m_normal);
        renderer.render(painter, rect);
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        QPixmap pixmap(size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        paint(&painter, QRect(QPoint(0, 0), size), mode, state);
        return pixmap;
    }

    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state,
                         qreal scale) override
    {
        QPixmap result = pixmap(size * scale, mode, state);
        result.setDevicePixelRatio(scale);
        return result;
    }

    QIconEngine *clone() const override { return new TintedSvgEngine(m_normal, m_disabled); }

private:
    QByteArray m_normal;
    QByteArray m_disabled;
};

QByteArray readResource(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QByteArray tinted(QByteArray svg, const QColor &color)
{
    return svg.replace("currentColor", color.name().toLatin1());
}

} // namespace

QIcon actionIcon(const QString &name, const QPalette &palette)
{
    const QByteArray svg =
            readResource(QStringLiteral(":/icons/actions/") + name + QStringLiteral(".svg"));
    if (svg.isEmpty())
        return {};
    const QColor normal = palette.color(QPalette::Active, QPalette::ButtonText);
    const QColor disabled = palette.color(QPalette::Disabled, QPalette::ButtonText);
    return QIcon(new TintedSvgEngine(tinted(svg, normal), tinted(svg, disabled)));
}

QIcon actionIcon(const QString &name)
{
    return actionIcon(name, QGuiApplication::palette());
}

QIcon applicationIcon()
{
    return QIcon(QStringLiteral(":/icons/inkwell.svg"));
}

} // namespace inkwell::ui
