#pragma once

#include <QEvent>
#include <QObject>

#include <cstdio>

namespace inkwell::test {

// One figure against its goal, as a line of the benchmark table.
inline void report(const char *name, double value, const char *unit, double goal)
{
    std::printf("%-44s %10.2f %-3s goal < %g %s  (%.2f of goal)\n", name, value, unit, goal, unit,
                value / goal);
}

// Event filter that records a widget's first paint.
class PaintWatcher final : public QObject
{
public:
    bool painted = false;
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            painted = true;
        return false;
    }
};

} // namespace inkwell::test
