#pragma once

#include <QIcon>
#include <QString>

class QPalette;

namespace inkwell::ui {

// The action icons shipped in resources/icons/actions (drawn for Inkwell), tinted with the
// palette's button text colour so they stay visible in light and dark themes and sharp at any
// scale. name is the file name without ".svg" ("sync", "new", ...).
QIcon actionIcon(const QString &name, const QPalette &palette);
QIcon actionIcon(const QString &name);

// The application icon (resources/icons/inkwell.svg).
QIcon applicationIcon();

} // namespace inkwell::ui
