#include "ui/account/settingsdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

namespace inkwell::ui {

SettingsDialog::SettingsDialog(const EditorSettings &settings, QWidget *parent)
    : QDialog(parent), m_settings(settings), m_server(new QLabel(this)),
      m_autoSync(new QCheckBox(tr("Sync &automatically"), this)), m_period(new QSpinBox(this))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    m_server->setObjectName(QStringLiteral("server"));
    m_server->setTextInteractionFlags(Qt::TextSelectableByMouse);
    if (settings.mode == EditorSettings::Mode::Server)
        m_server->setText(tr("%1 as %2").arg(settings.server.toDisplayString(), settings.user));
    else
        m_server->setText(tr("None (offline only). Use Sign In to connect to a server."));
    m_autoSync->setObjectName(QStringLiteral("autoSync"));
    m_autoSync->setToolTip(tr("Sync when the server becomes reachable, a few seconds after "
                              "you stop typing, and periodically."));
    m_autoSync->setChecked(settings.autoSync);
    m_period->setObjectName(QStringLiteral("period"));
    m_period->setAccessibleName(tr("Sync period in minutes"));
    m_period->setRange(1, 1440);
    m_period->setSuffix(tr(" min"));
    m_period->setValue(settings.syncPeriodMinutes);
    m_period->setEnabled(settings.autoSync);
    connect(m_autoSync, &QCheckBox::toggled, m_period, &QWidget::setEnabled);

    auto *form = new QFormLayout;
    form->addRow(tr("Server:"), m_server);
    form->addRow(QString(), m_autoSync);
    form->addRow(tr("Sync &every:"), m_period);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

EditorSettings SettingsDialog::settings() const
{
    EditorSettings result = m_settings;
    result.autoSync = m_autoSync->isChecked();
    result.syncPeriodMinutes = m_period->value();
    return result;
}

} // namespace inkwell::ui
