#include "merge/linediff.h"

#include <algorithm>

namespace inkwell::merge {

namespace {

// A run of equal lines: a[aStart, aStart + length) == b[bStart, bStart + length).
struct Run
{
    qsizetype aStart = 0;
    qsizetype bStart = 0;
    qsizetype length = 0;
};

// Myers' O(ND) difference algorithm in its linear-space form: find the middle of a shortest edit
// script (where the forward and the reverse search meet), split there and recurse. Memory is
// O(N + M) whatever the number of edits; time is O((N + M) D). Reports the common runs of a
// longest common subsequence in order; with a step bound, a region whose search would exceed
// it is one edit instead (still a valid script, no longer a shortest one).
class MyersDiff
{
public:
    MyersDiff(const std::vector<int> &a, const std::vector<int> &b, qsizetype maxSteps)
        : m_a(a.data()), m_b(b.data()), m_maxSteps(maxSteps)
    {
        diff(0, qsizetype(a.size()), 0, qsizetype(b.size()));
    }

    const std::vector<Run> &runs() const { return m_runs; }

private:
    struct Split
    {
        qsizetype a = -1;
        qsizetype b = -1;
    };

    void diff(qsizetype aStart, qsizetype aEnd, qsizetype bStart, qsizetype bEnd)
    {
        qsizetype prefix = 0;
        while (aStart + prefix < aEnd && bStart + prefix < bEnd
               && m_a[aStart + prefix] == m_b[bStart + prefix])
            ++prefix;
        if (prefix > 0)
            m_runs.push_back(Run{aStart, bStart, prefix});
        aStart += prefix;
        bStart += prefix;
        qsizetype suffix = 0;
        while (aStart < aEnd - suffix && bStart < bEnd - suffix
               && m_a[aEnd - 1 - suffix] == m_b[bEnd - 1 - suffix])
            ++suffix;
        aEnd -= suffix;
        bEnd -= suffix;
        if (aStart < aEnd && bStart < bEnd) {
            const Split split = middle(aStart, aEnd, bStart, bEnd);
            const bool splits = split.a >= 0 && (split.a > aStart || split.b > bStart)
                    && (split.a < aEnd || split.b < bEnd);
            if (splits) {
                diff(aStart, split.a, bStart, split.b);
                diff(split.a, aEnd, split.b, bEnd);
            }
            // Otherwise nothing in common: the whole range is one edit.
        }
        if (suffix > 0)
            m_runs.push_back(Run{aEnd, bEnd, suffix});
    }

    // A point on a shortest edit script of a[aStart, aEnd) -> b[bStart, bEnd), found by running
    // the search from both ends until the paths overlap.
    Split middle(qsizetype aStart, qsizetype aEnd, qsizetype bStart, qsizetype bEnd)
    {
        const int *a = m_a + aStart;
        const int *b = m_b + bStart;
        const qsizetype n = aEnd - aStart;
        const qsizetype m = bEnd - bStart;
        const qsizetype maxD = (n + m + 1) / 2;
        const qsizetype offset = maxD;
        const qsizetype length = 2 * maxD + 2;
        m_forward.assign(size_t(length), -1);
        m_reverse.assign(size_t(length), -1);
        m_forward[size_t(offset + 1)] = 0;
        m_reverse[size_t(offset + 1)] = 0;
        const qsizetype delta = n - m;
        const bool checkInForward = delta % 2 != 0;
        qsizetype forwardStart = 0, forwardEnd = 0, reverseStart = 0, reverseEnd = 0;
        for (qsizetype d = 0; d < maxD; ++d) {
            m_steps += 2 * d + 2;
            if (m_maxSteps >= 0 && m_steps > m_maxSteps)
                return Split{};
            for (qsizetype k = -d + forwardStart; k <= d - forwardEnd; k += 2) {
                const qsizetype at = offset + k;
                qsizetype x = (k == -d || (k != d && m_forward[at - 1] < m_forward[at + 1]))
                        ? m_forward[at + 1]
                        : m_forward[at - 1] + 1;
                qsizetype y = x - k;
                const qsizetype snakeStart = x;
                while (x < n && y < m && a[x] == b[y]) {
                    ++x;
                    ++y;
                }
                m_steps += x - snakeStart;
                m_forward[at] = x;
                if (x > n) {
                    forwardEnd += 2; // off the right edge
                } else if (y > m) {
                    forwardStart += 2; // off the bottom edge
                } else if (checkInForward) {
                    const qsizetype reverseAt = offset + delta - k;
                    if (reverseAt >= 0 && reverseAt < length && m_reverse[reverseAt] != -1
                        && x >= n - m_reverse[reverseAt])
                        return Split{aStart + x, bStart + y};
                }
            }
            for (qsizetype k = -d + reverseStart; k <= d - reverseEnd; k += 2) {
                const qsizetype at = offset + k;
                qsizetype x = (k == -d || (k != d && m_reverse[at - 1] < m_reverse[at + 1]))
                        ? m_reverse[at + 1]
                        : m_reverse[at - 1] + 1;
                qsizetype y = x - k;
                const qsizetype snakeStart = x;
                while (x < n && y < m && a[n - x - 1] == b[m - y - 1]) {
                    ++x;
                    ++y;
                }
                m_steps += x - snakeStart;
                m_reverse[at] = x;
                if (x > n) {
                    reverseEnd += 2;
                } else if (y > m) {
                    reverseStart += 2;
                } else if (!checkInForward) {
                    const qsizetype forwardAt = offset + delta - k;
                    if (forwardAt >= 0 && forwardAt < length && m_forward[forwardAt] != -1) {
                        const qsizetype forwardX = m_forward[forwardAt];
                        const qsizetype forwardY = offset + forwardX - forwardAt;
                        if (forwardX >= n - x)
                            return Split{aStart + forwardX, bStart + forwardY};
                    }
                }
            }
        }
        return Split{};
    }

    const int *m_a;
    const int *m_b;
    const qsizetype m_maxSteps; // < 0: no bound
    qsizetype m_steps = 0;
    std::vector<Run> m_runs;
    std::vector<qsizetype> m_forward; // furthest x per diagonal k, at offset + k
    std::vector<qsizetype> m_reverse;
};

// The positions of [start, end) whose line also occurs in other[otherStart, otherEnd). A line
// that the other side does not have can never be matched, so the diff runs without them: a
// longest common subsequence of what is left is one of the whole (the edit script stays
// minimal), and a line replaced by a new one costs nothing in the search.
std::vector<qsizetype> matchable(const std::vector<int> &lines, qsizetype start, qsizetype end,
                                 const std::vector<char> &otherHas)
{
    std::vector<qsizetype> positions;
    positions.reserve(size_t(end - start));
    for (qsizetype i = start; i < end; ++i) {
        if (otherHas[size_t(lines[size_t(i)])])
            positions.push_back(i);
    }
    return positions;
}

std::vector<char> presence(const std::vector<int> &lines, qsizetype start, qsizetype end, int maxId)
{
    std::vector<char> has(size_t(maxId) + 1, 0);
    for (qsizetype i = start; i < end; ++i)
        has[size_t(lines[size_t(i)])] = 1;
    return has;
}

std::vector<int> idsAt(const std::vector<int> &lines, const std::vector<qsizetype> &positions)
{
    std::vector<int> ids;
    ids.reserve(positions.size());
    for (qsizetype position : positions)
        ids.push_back(lines[size_t(position)]);
    return ids;
}

} // namespace

QList<LineEdit> diffLines(const std::vector<int> &base, const std::vector<int> &side,
                          qsizetype maxSteps)
{
    // Skipping the common prefix and suffix keeps big documents with small edits cheap.
    const qsizetype baseSize = qsizetype(base.size());
    const qsizetype sideSize = qsizetype(side.size());
    qsizetype prefix = 0;
    while (prefix < baseSize && prefix < sideSize && base[prefix] == side[prefix])
        ++prefix;
    qsizetype suffix = 0;
    while (suffix < baseSize - prefix && suffix < sideSize - prefix
           && base[baseSize - 1 - suffix] == side[sideSize - 1 - suffix])
        ++suffix;

    QList<LineEdit> edits;
    const qsizetype baseEnd = baseSize - suffix;
    const qsizetype sideEnd = sideSize - suffix;
    if (prefix == baseEnd && prefix == sideEnd)
        return edits;
    int maxId = 0;
    for (qsizetype i = prefix; i < baseEnd; ++i)
        maxId = std::max(maxId, base[size_t(i)]);
    for (qsizetype i = prefix; i < sideEnd; ++i)
        maxId = std::max(maxId, side[size_t(i)]);
    const std::vector<qsizetype> basePositions =
            matchable(base, prefix, baseEnd, presence(side, prefix, sideEnd, maxId));
    const std::vector<qsizetype> sidePositions =
            matchable(side, prefix, sideEnd, presence(base, prefix, baseEnd, maxId));

    // Every common line pair ends the edit before it.
    qsizetype nextBase = prefix;
    qsizetype nextSide = prefix;
    const auto matchLine = [&](qsizetype baseAt, qsizetype sideAt) {
        if (baseAt != nextBase || sideAt != nextSide)
            edits.append(LineEdit{nextBase, baseAt, nextSide, sideAt});
        nextBase = baseAt + 1;
        nextSide = sideAt + 1;
    };
    if (!basePositions.empty() && !sidePositions.empty()) {
        const std::vector<int> baseIds = idsAt(base, basePositions);
        const std::vector<int> sideIds = idsAt(side, sidePositions);
        const MyersDiff diff(baseIds, sideIds, maxSteps);
        for (const Run &run : diff.runs()) {
            for (qsizetype i = 0; i < run.length; ++i)
                matchLine(basePositions[size_t(run.aStart + i)],
                          sidePositions[size_t(run.bStart + i)]);
        }
    }
    if (nextBase != baseEnd || nextSide != sideEnd)
        edits.append(LineEdit{nextBase, baseEnd, nextSide, sideEnd});
    return edits;
}

} // namespace inkwell::merge
