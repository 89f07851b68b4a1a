#pragma once

#include <QString>
#include <QStringList>

namespace inkwell::bench {

// The value of `--name N` in arguments, or fallback when it is missing, not a number or
// negative.
inline int intOption(const QStringList &arguments, const QString &name, int fallback)
{
    const qsizetype at = arguments.indexOf(name);
    if (at < 0 || at + 1 >= arguments.size())
        return fallback;
    bool ok = false;
    const int value = arguments.at(at + 1).toInt(&ok);
    return ok && value >= 0 ? value : fallback;
}

} // namespace inkwell::bench
