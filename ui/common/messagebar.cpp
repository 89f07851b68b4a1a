#include "ui/common/messagebar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace inkwell::ui {

MessageBar::MessageBar(QWidget *parent)
    : QFrame(parent), m_label(new QLabel(this)), m_buttons(new QHBoxLayout)
{
    setObjectName(QStringLiteral("messageBar"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_label, 1);
    layout->addLayout(m_buttons);
    auto *close = new QPushButton(tr("Dismiss"), this);
    close->setAccessibleName(tr("Dismiss message"));
    layout->addWidget(close);
    connect(close, &QPushButton::clicked, this, &MessageBar::dismiss);
    hide();
}

void MessageBar::showMessage(Kind kind, const QString &text)
{
    while (QLayoutItem *item = m_buttons->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    QColor tint;
    switch (kind) {
    case Kind::Information:
        tint = QColor(0x3d, 0x6f, 0xd6);
        break;
    case Kind::Warning:
        tint = QColor(0xe0, 0x9a, 0x10);
        break;
    case Kind::Error:
        tint = QColor(0xd3, 0x2f, 0x2f);
        break;
    }
    QPalette pal = palette();
    const QColor window = parentWidget() ? parentWidget()->palette().color(QPalette::Window)
                                         : pal.color(QPalette::Window);
    // A light wash of the tint over the window colour keeps the text colour legible in any theme.
    QColor wash = QColor::fromRgbF(window.redF() * 0.8 + tint.redF() * 0.2,
                                   window.greenF() * 0.8 + tint.greenF() * 0.2,
                                   window.blueF() * 0.8 + tint.blueF() * 0.2);
    pal.setColor(QPalette::Window, wash);
    setPalette(pal);
    m_label->setText(text);
    setAccessibleDescription(text);
    show();
}

QPushButton *MessageBar::addButton(const QString &text)
{
    auto *button = new QPushButton(text, this);
    m_buttons->addWidget(button);
    return button;
}

QString MessageBar::text() const
{
    return m_label->text();
}

void MessageBar::dismiss()
{
    hide();
}

} // namespace inkwell::ui
