#include "ui/sync/presencetext.h"

#include <QLocale>

namespace inkwell::ui {

QString PresenceText::editing(const QStringList &names)
{
    switch (names.size()) {
    case 0:
        return {};
    case 1:
        return tr("%1 is editing").arg(names.at(0));
    case 2:
        return tr("%1 and %2 are editing").arg(names.at(0), names.at(1));
    case 3:
        return tr("%1, %2 and one other are editing").arg(names.at(0), names.at(1));
    default:
        // No %n plural: the English source is shown as it is, with no English translation.
        return tr("%1, %2 and %3 others are editing")
                .arg(names.at(0), names.at(1), QString::number(names.size() - 2));
    }
}

QString PresenceText::everyone(const QStringList &names)
{
    if (names.isEmpty())
        return {};
    return tr("Editing now: %1").arg(QLocale().createSeparatedList(names));
}

} // namespace inkwell::ui
