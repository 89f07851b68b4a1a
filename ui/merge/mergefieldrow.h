#pragma once

#include "merge/mergesession.h"

#include <QWidget>

#include <functional>

class QButtonGroup;
class QLabel;
class QRadioButton;

namespace inkwell::ui {

// One conflicting field of a merge (title, tags, state, cover, or edit versus delete): its
// name, both values, and a Mine / Theirs choice. Covers are shown as thumbnails; a cover that is
// not downloaded yet shows a placeholder until showCover() is called again after it arrived.
class MergeFieldRow final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MergeFieldRow)

public:
    // The bytes of an attachment, empty when it is not stored locally.
    using AttachmentLoader = std::function<QByteArray(const QString &sha256)>;

    MergeFieldRow(const merge::MergeSession &session, merge::MergeField field,
                  const AttachmentLoader &loader, QWidget *parent = nullptr);

    merge::MergeField field() const { return m_field; }
    // Shows the session's current choice of this field.
    void showChoice(const merge::MergeSession &session);
    // Loads the cover thumbnails again (an attachment arrived).
    void reloadCovers();
    QRadioButton *mineButton() const { return m_mine; }
    QRadioButton *theirsButton() const { return m_theirs; }

Q_SIGNALS:
    void chosen(inkwell::merge::MergeField field, inkwell::merge::FieldChoice choice);

private:
    QWidget *valueColumn(const merge::Version &version, const QString &cover,
                         QLabel **coverLabelOut);
    QLabel *valueLabel(const QString &text);
    QLabel *coverLabel(const QString &sha256);
    void showCover(QLabel *label, const QString &sha256);

    merge::MergeField m_field;
    AttachmentLoader m_loader;
    QButtonGroup *m_group;
    QRadioButton *m_mine;
    QRadioButton *m_theirs;
    QLabel *m_mineCover = nullptr;
    QLabel *m_theirsCover = nullptr;
    QString m_mineHash;
    QString m_theirsHash;
};

} // namespace inkwell::ui
