#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace inkwell::ui {

// The one sentence that says who else is editing a post, for the list row and the editor.
class PresenceText
{
    Q_DECLARE_TR_FUNCTIONS(inkwell::ui::PresenceText)

public:
    // "Anna is editing", "Anna and Ben are editing", "Anna, Ben and 2 others are editing";
    // empty when names is.
    static QString editing(const QStringList &names);
    // Every name, for a tooltip: "Editing now: Anna, Ben, Carl".
    static QString everyone(const QStringList &names);
};

} // namespace inkwell::ui
