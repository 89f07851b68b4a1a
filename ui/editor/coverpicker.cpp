#include "ui/editor/coverpicker.h"

#include "ui/editor/bodyedit.h"
#include "ui/common/icons.h"

#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QPixmap>
#include <QToolButton>

namespace inkwell::ui {

CoverPicker::CoverPicker(QWidget *parent)
    : QWidget(parent), m_thumbnail(new QLabel(this)), m_choose(new QToolButton(this)),
      m_remove(new QToolButton(this))
{
    setObjectName(QStringLiteral("cover"));
    m_thumbnail->setObjectName(QStringLiteral("coverThumbnail"));
    m_thumbnail->setAccessibleName(tr("Cover image"));
    m_thumbnail->setFixedSize(64, 40);
    m_thumbnail->setAlignment(Qt::AlignCenter);
    m_thumbnail->setFrameShape(QFrame::StyledPanel);
    m_choose->setText(tr("Cover…"));
    m_choose->setToolTip(tr("Choose a cover image"));
    m_choose->setAccessibleName(tr("Choose cover image"));
    m_choose->setIcon(actionIcon(QStringLiteral("cover")));
    m_choose->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_remove->setText(tr("Remove"));
    m_remove->setToolTip(tr("Remove the cover image"));
    m_remove->setAccessibleName(tr("Remove cover image"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_thumbnail);
    layout->addWidget(m_choose);
    layout->addWidget(m_remove);
    connect(m_choose, &QToolButton::clicked, this, &CoverPicker::chooseFile);
    connect(m_remove, &QToolButton::clicked, this, [this] {
        setCover({});
        Q_EMIT removed();
    });
    showThumbnail();
}

void CoverPicker::setCover(const QString &sha256)
{
    if (sha256 == m_cover && !m_thumbnail->pixmap().isNull())
        return;
    m_cover = sha256;
    showThumbnail();
}

void CoverPicker::chooseFile()
{
    QStringList patterns;
    for (const QString &suffix : BodyEdit::imageSuffixes())
        patterns << QStringLiteral("*.") + suffix;
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose a Cover Image"), {},
                                                      tr("Images (%1)").arg(patterns.join(u' ')));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return;
    Q_EMIT fileChosen(file.readAll(), QFileInfo(path).completeBaseName());
}

void CoverPicker::showThumbnail()
{
    m_remove->setEnabled(!m_cover.isEmpty());
    QImage image;
    if (!m_cover.isEmpty() && m_loader)
        image.loadFromData(m_loader(m_cover));
    if (image.isNull()) {
        m_thumbnail->setPixmap({});
        m_thumbnail->setText(m_cover.isEmpty() ? tr("No cover") : tr("Missing"));
        return;
    }
    const qreal ratio = devicePixelRatioF();
    QPixmap pixmap = QPixmap::fromImage(image.scaled(
            m_thumbnail->size() * ratio, Qt::KeepAspectRatio, Qt::SmoothTransformation));
    pixmap.setDevicePixelRatio(ratio);
    m_thumbnail->setPixmap(pixmap);
}

} // namespace inkwell::ui
