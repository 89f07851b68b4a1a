// bench_historywindow: the client side of opening a post's history (goal from issue 14: the
// history of a post with 1,000 revisions opens in < 100 ms). Over a fake service, offscreen:
// the first page (50 revisions) listed and painted, all 1,000 listed through Load Older, and a
// revision of a 5,000-line post compared with the current text (250 changed lines) and painted;
// plus the diff model alone. Figures only, no assertions.
#include "fakehistoryservice.h"
#include "history/revisiondiff.h"
#include "model/post.h"
#include "store/localstore.h"
#include "store/postrepository.h"
#include "support/tempdir.h"
#include "ui/history/historydiffview.h"
#include "ui/history/historywindow.h"
#include "uibench.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTreeWidget>

#include <algorithm>

using namespace inkwell;
using test::PaintWatcher;
using test::report;

namespace {

constexpr int LineCount = 5000;
constexpr int ChangeEvery = 20; // 250 changed lines
constexpr int Revisions = 1000;
constexpr int PageSize = 50; // what the editor asks for

QString body(bool older)
{
    QStringList lines;
    lines.reserve(LineCount);
    for (int i = 0; i < LineCount; ++i) {
        if (older && i % ChangeEvery == 7)
            lines.append(
                    QStringLiteral("Line %1 of the post, as it was written last week.").arg(i));
        else
            lines.append(QStringLiteral("Line %1 of the post, with a few words of Markdown text.")
                                 .arg(i));
    }
    return lines.join(u'\n') + u'\n';
}

protocol::RevisionList page(qint64 before)
{
    protocol::RevisionList list;
    const qint64 newest = before == 0 ? Revisions : before - 1;
    for (qint64 rev = newest; rev > newest - PageSize && rev > 0; --rev) {
        list.revisions.append({rev, false, QStringLiteral("Long post"), QStringLiteral("anna"),
                               QDateTime::fromSecsSinceEpoch(1'764'000'000 + rev * 60, Qt::UTC),
                               LineCount * 55});
    }
    list.more = newest - PageSize > 0;
    return list;
}

void waitForPaint(PaintWatcher &watcher, QElapsedTimer &clock)
{
    while (!watcher.painted && clock.elapsed() < 10000)
        QApplication::processEvents();
}

struct Figures
{
    double firstPage = 0;
    double allPages = 0;
    double diff = 0;
};

Figures openOnce(store::LocalStore &store, const model::Post &post, const model::Revision &older)
{
    Figures figures;
    test::FakeHistoryService service;
    ui::HistoryWindow window(store, &service, post.guid);
    PaintWatcher list;
    window.revisionList()->viewport()->installEventFilter(&list);
    window.show();
    QElapsedTimer clock;
    clock.start();
    service.answerPage(page(service.pageCalls.constLast().value));
    waitForPaint(list, clock);
    figures.firstPage = double(clock.nsecsElapsed()) / 1e6;

    PaintWatcher diff;
    window.diffView()->textView()->viewport()->installEventFilter(&diff);
    clock.restart();
    model::Revision revision = older;
    revision.rev = window.selectedRevision();
    service.answerRevision(revision);
    waitForPaint(diff, clock);
    figures.diff = double(clock.nsecsElapsed()) / 1e6;

    clock.restart();
    while (window.loadOlderButton()->isEnabled() && clock.elapsed() < 30000) {
        window.loadOlderButton()->click();
        service.answerPage(page(service.pageCalls.constLast().value));
    }
    QApplication::processEvents();
    figures.allPages = double(clock.nsecsElapsed()) / 1e6;
    if (window.revisionList()->topLevelItemCount() != Revisions)
        qFatal("listed %d revisions", window.revisionList()->topLevelItemCount());
    return figures;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication application(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    test::TempDir dir;
    store::LocalStore store(dir.filePath(QStringLiteral("history.sqlite")));
    if (!store.open())
        qFatal("cannot open the store");
    model::PostFields current;
    current.title = QStringLiteral("Long post");
    current.body = body(false);
    const auto post = store.posts().create(QStringLiteral("1"), current);
    if (!post)
        qFatal("cannot create the post");
    model::Revision older;
    older.guid = post->guid;
    older.fields = current;
    older.fields.body = body(true);

    QList<double> model;
    for (int run = 0; run < 9; ++run) {
        QElapsedTimer clock;
        clock.start();
        const history::RevisionDiff diff = history::RevisionDiff::compare(older.fields, current);
        model.append(double(clock.nsecsElapsed()) / 1e6);
        if (diff.addedLineCount() != LineCount / ChangeEvery)
            qFatal("unexpected diff");
    }
    QList<double> firstPage;
    QList<double> allPages;
    QList<double> diffs;
    for (int round = 0; round < 7; ++round) {
        const Figures figures = openOnce(store, *post, older);
        firstPage.append(figures.firstPage);
        allPages.append(figures.allPages);
        diffs.append(figures.diff);
    }
    std::printf("history window: %d revisions in pages of %d; a %d-line post, %d changed lines\n",
                Revisions, PageSize, LineCount, LineCount / ChangeEvery);
    report("first page listed and painted (median of 7)", median(firstPage), "ms", 100);
    report("revision diffed and painted (median of 7)", median(diffs), "ms", 100);
    report("all 1,000 revisions listed (median of 7)", median(allPages), "ms", 1000);
    report("diff model alone (median of 9)", median(model), "ms", 100);
    return 0;
}
