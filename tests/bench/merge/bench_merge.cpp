// bench_merge: the body merge of 5,000 lines with 1,250 edits on each side (goal < 100 ms), and
// the merge session on a 2,000-line body with 200 conflicting hunks (what the merge window does
// when it opens: build the session, lay out the result, highlight the changed words).
// Figures only, no assertions: the median of several runs in milliseconds.
#include "merge/bodymerge.h"
#include "merge/mergesession.h"
#include "merge/worddiff.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QStringList>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace inkwell;
using namespace inkwell::merge;

namespace {

constexpr int Runs = 9;
constexpr double MergeGoalMs = 100;

double medianMs(const std::function<void()> &work)
{
    std::vector<double> times;
    for (int run = 0; run < Runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        work();
        times.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

double peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

// 5,000 lines; mine changes every fourth line, theirs every fourth line two further on, and
// theirs deletes the last line: 1,250 edits on each side, all merging cleanly.
void denseEdits(QString *base, QString *mine, QString *theirs)
{
    QStringList baseLines, mineLines, theirsLines;
    for (int i = 0; i < 5000; ++i)
        baseLines.append(QStringLiteral("line %1 of a long Markdown document").arg(i));
    mineLines = theirsLines = baseLines;
    for (int i = 0; i < 5000; i += 4) {
        mineLines[i] = QStringLiteral("mine %1").arg(i);
        theirsLines[i + 2] = QStringLiteral("theirs %1").arg(i + 2);
    }
    theirsLines.removeLast();
    *base = joinLines(baseLines);
    *mine = joinLines(mineLines);
    *theirs = joinLines(theirsLines);
}

// 2,000 lines in paragraphs of ten; both sides change one line of each paragraph differently:
// 200 conflict hunks.
Version sideOf(int side)
{
    QStringList lines;
    for (int i = 0; i < 2000; ++i) {
        QString line =
                QStringLiteral("Paragraph %1, line %2: some words of Markdown *text*, a link "
                               "[here](https://example.org/%3) and more words.")
                        .arg(i / 10)
                        .arg(i % 10)
                        .arg(i);
        if (i % 10 == 5 && side == 1)
            line.replace(QStringLiteral("some words"), QStringLiteral("my new words"));
        if (i % 10 == 5 && side == 2)
            line.replace(QStringLiteral("more words."), QStringLiteral("their words!"));
        lines.append(line);
        if (i % 10 == 9)
            lines.append(QString());
    }
    return Version{
            model::PostFields{
                    QStringLiteral("Title"), joinLines(lines), {}, model::PublishState::Draft, {}},
            false};
}

void benchDenseMerge()
{
    QString base, mine, theirs;
    denseEdits(&base, &mine, &theirs);
    qsizetype conflicts = -1;
    const double ms =
            medianMs([&] { conflicts = BodyMerge::merge(base, mine, theirs).conflictCount(); });
    std::printf("merge of 5,000 lines, 1,250 edits per side:   %8.2f ms  %5.2fx of the %.0f ms goal"
                "  (%lld conflicts)\n",
                ms, ms / MergeGoalMs, MergeGoalMs, static_cast<long long>(conflicts));
    std::printf("peak RSS after the merges:                     %8.1f MB\n", peakRssMb());
}

void benchSession()
{
    const Version base = sideOf(0);
    const Version mine = sideOf(1);
    const Version theirs = sideOf(2);
    MergeSession session;
    const double buildMs = medianMs([&] { session = MergeSession(base, mine, theirs); });
    qsizetype open = 0;
    const double rangesMs = medianMs([&] {
        const QList<ResultRange> ranges = session.resultRanges();
        open = std::count_if(ranges.cbegin(), ranges.cend(),
                             [](const ResultRange &range) { return range.open; });
    });
    qsizetype spans = 0;
    const double wordsMs = medianMs([&] {
        spans = 0;
        for (qsizetype i = 0; i < session.hunkCount(); ++i) {
            const BodyHunk &hunk = session.hunk(i);
            if (hunk.kind == HunkKind::Unchanged)
                continue;
            const QString baseText = joinLines(hunk.base);
            spans += diffWords(baseText, joinLines(hunk.mine)).added.size();
            spans += diffWords(baseText, joinLines(hunk.theirs)).added.size();
        }
    });
    // One character typed into the result pane (alternating, so every run changes the result).
    const QString body = session.resultBody();
    const QString typed = QStringLiteral("x") + body;
    int typing = 0;
    const double editMs = medianMs([&] { session.editResultBody(++typing % 2 ? typed : body); });
    std::printf("2,000-line body, %lld conflict hunks:\n", static_cast<long long>(open));
    std::printf("  build the MergeSession                       %8.2f ms\n", buildMs);
    std::printf("  resultRanges()                               %8.2f ms\n", rangesMs);
    std::printf("  diffWords over all changed lines             %8.2f ms  (%lld added spans)\n",
                wordsMs, static_cast<long long>(spans));
    std::printf("  together                                     %8.2f ms\n",
                buildMs + rangesMs + wordsMs);
    std::printf("  editResultBody, one character typed          %8.2f ms\n", editMs);
}

// The word diff's worst case: a long line whose words from a small vocabulary were shuffled, so
// nearly every word matches somewhere (its search is bounded).
void benchLongLines()
{
    QRandomGenerator random(1);
    QStringList from, shuffled, rewritten;
    for (int i = 0; i < 5000; ++i) {
        from.append(QStringLiteral("word%1").arg(random.bounded(100)));
        shuffled.append(QStringLiteral("word%1").arg(random.bounded(100)));
        rewritten.append(QStringLiteral("new%1").arg(i));
    }
    const QString line = from.join(u' ');
    const QString shuffledLine = shuffled.join(u' ');
    const QString rewrittenLine = rewritten.join(u' ');
    const double shuffledMs = medianMs([&] { (void)diffWords(line, shuffledLine); });
    const double rewrittenMs = medianMs([&] { (void)diffWords(line, rewrittenLine); });
    std::printf("diffWords, one line of 5,000 words:\n");
    std::printf("  words shuffled                               %8.2f ms\n", shuffledMs);
    std::printf("  every word rewritten                         %8.2f ms\n", rewrittenMs);
}

} // namespace

int main()
{
    std::printf("bench_merge: median of %d runs\n", Runs);
    benchDenseMerge();
    benchSession();
    benchLongLines();
    return 0;
}
