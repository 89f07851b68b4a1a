#pragma once

#include "ui/account/editorsettings.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QSpinBox;

namespace inkwell::ui {

// Sync preferences: auto-sync on/off and its period; shows the server and account in use.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    explicit SettingsDialog(const EditorSettings &settings, QWidget *parent = nullptr);

    // The settings with the writer's changes applied.
    EditorSettings settings() const;

private:
    EditorSettings m_settings;
    QLabel *m_server;
    QCheckBox *m_autoSync;
    QSpinBox *m_period;
};

} // namespace inkwell::ui
