#include "ui/merge/mergefieldrow.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QLabel>
#include <QPixmap>
#include <QRadioButton>

namespace inkwell::ui {

namespace {

using merge::DeleteConflict;
using merge::FieldChoice;
using merge::MergeField;

constexpr int ThumbnailSize = 72;

QString stateText(model::PublishState state)
{
    return state == model::PublishState::Published ? MergeFieldRow::tr("Published")
                                                   : MergeFieldRow::tr("Draft");
}

QString fieldName(MergeField field)
{
    switch (field) {
    case MergeField::Title:
        return MergeFieldRow::tr("Title");
    case MergeField::Tags:
        return MergeFieldRow::tr("Tags");
    case MergeField::State:
        return MergeFieldRow::tr("State");
    case MergeField::Cover:
        return MergeFieldRow::tr("Cover");
    case MergeField::Deletion:
        return MergeFieldRow::tr("Deleted");
    }
    return {};
}

QString valueText(const merge::Version &version, MergeField field)
{
    switch (field) {
    case MergeField::Title:
        return version.fields.title.isEmpty() ? MergeFieldRow::tr("(no title)")
                                              : version.fields.title;
    case MergeField::Tags:
        return version.fields.tags.isEmpty() ? MergeFieldRow::tr("(no tags)")
                                             : version.fields.tags.join(QStringLiteral(", "));
    case MergeField::State:
        return stateText(version.fields.state);
    case MergeField::Cover:
        return {};
    case MergeField::Deletion:
        return version.deleted ? MergeFieldRow::tr("Deleted") : MergeFieldRow::tr("Edited");
    }
    return {};
}

} // namespace

MergeFieldRow::MergeFieldRow(const merge::MergeSession &session, MergeField field,
                             const AttachmentLoader &loader, QWidget *parent)
    : QWidget(parent), m_field(field), m_loader(loader), m_group(new QButtonGroup(this)),
      m_mine(new QRadioButton(this)), m_theirs(new QRadioButton(this))
{
    setObjectName(QStringLiteral("fieldRow%1").arg(int(field)));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *name = new QLabel(fieldName(field), this);
    QFont bold = name->font();
    bold.setBold(true);
    name->setFont(bold);
    name->setMinimumWidth(64);
    layout->addWidget(name);

    if (field == MergeField::Deletion) {
        // Edit versus delete: the choice is named by what it does, in the direction it happened.
        const bool theirsDeleted =
                session.merge().deletion == DeleteConflict::TheirsDeletedMineEdited;
        m_mine->setText(theirsDeleted ? tr("Restore with my edits") : tr("Keep my delete"));
        m_theirs->setText(theirsDeleted ? tr("Accept the delete") : tr("Restore with their edits"));
        name->setText(theirsDeleted ? tr("The server deleted this post; you edited it.")
                                    : tr("You deleted this post; the server edited it."));
        layout->addSpacing(12);
    } else {
        m_mine->setText(tr("Mine:"));
        m_theirs->setText(tr("Theirs:"));
    }
    m_mine->setObjectName(QStringLiteral("mine"));
    m_theirs->setObjectName(QStringLiteral("theirs"));
    m_mine->setAccessibleName(field == MergeField::Deletion
                                      ? m_mine->text()
                                      : tr("%1: use mine").arg(fieldName(field)));
    m_theirs->setAccessibleName(field == MergeField::Deletion
                                        ? m_theirs->text()
                                        : tr("%1: use theirs").arg(fieldName(field)));
    m_group->addButton(m_mine, int(FieldChoice::Mine));
    m_group->addButton(m_theirs, int(FieldChoice::Theirs));

    if (field == MergeField::Deletion) {
        layout->addWidget(m_mine);
        layout->addSpacing(12);
        layout->addWidget(m_theirs);
        layout->addStretch(1);
    } else {
        // Two equal columns, so the rows of several fields line up.
        m_mineHash = session.mine().fields.cover;
        m_theirsHash = session.theirs().fields.cover;
        layout->addWidget(m_mine);
        layout->addWidget(valueColumn(session.mine(), m_mineHash, &m_mineCover), 1);
        layout->addSpacing(12);
        layout->addWidget(m_theirs);
        layout->addWidget(valueColumn(session.theirs(), m_theirsHash, &m_theirsCover), 1);
    }
    showChoice(session);
    connect(m_group, &QButtonGroup::idClicked, this,
            [this](int id) { Q_EMIT chosen(m_field, FieldChoice(id)); });
}

QWidget *MergeFieldRow::valueColumn(const merge::Version &version, const QString &cover,
                                    QLabel **coverLabelOut)
{
    if (m_field != MergeField::Cover)
        return valueLabel(valueText(version, m_field));
    auto *column = new QWidget(this);
    column->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto *layout = new QHBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    *coverLabelOut = coverLabel(cover);
    (*coverLabelOut)->setParent(column);
    layout->addWidget(*coverLabelOut);
    layout->addStretch(1);
    return column;
}

QLabel *MergeFieldRow::valueLabel(const QString &text)
{
    auto *label = new QLabel(this);
    label->setTextFormat(Qt::PlainText);
    label->setText(text);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    return label;
}

QLabel *MergeFieldRow::coverLabel(const QString &sha256)
{
    auto *label = new QLabel(this);
    label->setFixedSize(ThumbnailSize * 4 / 3, ThumbnailSize);
    label->setAlignment(Qt::AlignCenter);
    label->setFrameShape(QFrame::StyledPanel);
    label->setWordWrap(true);
    showCover(label, sha256);
    return label;
}

void MergeFieldRow::showCover(QLabel *label, const QString &sha256)
{
    if (sha256.isEmpty()) {
        label->setText(tr("No cover"));
        label->setAccessibleName(tr("No cover"));
        return;
    }
    QPixmap image;
    const QByteArray bytes = m_loader ? m_loader(sha256) : QByteArray();
    if (bytes.isEmpty() || !image.loadFromData(bytes)) {
        label->setText(tr("Not downloaded yet"));
        label->setAccessibleName(tr("Cover not downloaded yet"));
        return;
    }
    // Sharp on high-density screens: scaled to device pixels.
    const qreal ratio = label->devicePixelRatioF();
    QPixmap thumbnail = image.scaled(label->contentsRect().size() * ratio, Qt::KeepAspectRatio,
                                     Qt::SmoothTransformation);
    thumbnail.setDevicePixelRatio(ratio);
    label->setPixmap(thumbnail);
    label->setAccessibleName(tr("Cover image"));
}

void MergeFieldRow::reloadCovers()
{
    if (m_mineCover)
        showCover(m_mineCover, m_mineHash);
    if (m_theirsCover)
        showCover(m_theirsCover, m_theirsHash);
}

void MergeFieldRow::showChoice(const merge::MergeSession &session)
{
    const FieldChoice choice = session.fieldChoice(m_field);
    if (choice == FieldChoice::Mine || choice == FieldChoice::Theirs) {
        m_group->button(int(choice))->setChecked(true);
        return;
    }
    m_group->setExclusive(false);
    m_mine->setChecked(false);
    m_theirs->setChecked(false);
    m_group->setExclusive(true);
}

} // namespace inkwell::ui
