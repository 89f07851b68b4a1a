#pragma once

#include <QList>
#include <QString>

#include <algorithm>
#include <cstdio>

namespace inkwell::bench {

// Prints one figure with its unit and, where the issue names one, its goal and ratio to it.
inline void printFigure(const QString &name, double value, const char *unit, double goal = 0,
                        const char *goalKind = "goal <=")
{
    if (goal > 0)
        std::printf("%-58s %12.3f %-5s (%s %.3g: ratio %.2f)\n", qUtf8Printable(name), value, unit,
                    goalKind, goal, value / goal);
    else
        std::printf("%-58s %12.3f %s\n", qUtf8Printable(name), value, unit);
    std::fflush(stdout);
}

// The q-quantile (0..1) of a list of samples; 0 for no samples.
inline double quantile(QList<double> samples, double q)
{
    if (samples.isEmpty())
        return 0;
    std::sort(samples.begin(), samples.end());
    const auto index = qsizetype(q * double(samples.size() - 1) + 0.5);
    return samples[std::clamp<qsizetype>(index, 0, samples.size() - 1)];
}

} // namespace inkwell::bench
