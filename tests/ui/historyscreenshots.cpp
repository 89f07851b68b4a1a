#include "historyscreenshots.h"

#include "fakehistoryservice.h"
#include "model/post.h"
#include "store/localstore.h"
#include "store/postrepository.h"
#include "ui/history/historywindow.h"

#include <QApplication>
#include <QDir>
#include <QTest>

#include <algorithm>

namespace inkwell::test {

namespace {

bool hasLongLine(const model::Post &post)
{
    const QStringList lines = post.fields.body.split(u'\n');
    return std::any_of(lines.begin(), lines.end(),
                       [](const QString &line) { return line.count(u' ') >= 7; });
}

// The demo post with a long line (for changed words) and the most lines, without an image: the
// richest diff. Chosen by content, so every run shows the same post.
std::optional<model::Post> richestPost(store::LocalStore &store)
{
    auto posts = store.posts().page({});
    if (!posts)
        return std::nullopt;
    std::optional<model::Post> best;
    const auto score = [](const model::Post &post) {
        return std::pair(hasLongLine(post), post.fields.body.count(u'\n'));
    };
    for (const model::Post &post : std::as_const(*posts)) {
        if (post.fields.body.contains(QStringLiteral("attachment:")))
            continue;
        if (!best || score(post) > score(*best))
            best = post;
    }
    return best;
}

// An older version of fields: another title and fewer tags, a line since removed, a line whose
// words were changed since, and without the last line written since.
model::PostFields olderVersion(const model::PostFields &current)
{
    model::PostFields older = current;
    older.title = current.title + QStringLiteral(" (first draft)");
    older.tags = current.tags.mid(0, 1);
    QStringList lines = current.body.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QStringList words = lines.at(i).split(u' ');
        if (words.size() >= 8) {
            // One word was another (its punctuation and emphasis kept).
            QString &word = words[3];
            qsizetype letters = 0;
            while (letters < word.size() && word.at(letters).isLetter())
                ++letters;
            word = QStringLiteral("camp") + word.mid(letters);
            lines[i] = words.join(u' ');
            break;
        }
    }
    for (qsizetype i = lines.size() - 1; i > 0; --i) {
        if (!lines.at(i).trimmed().isEmpty()) {
            lines.removeAt(i);
            break;
        }
    }
    lines.insert(std::min<qsizetype>(2, lines.size()),
                 QStringLiteral("A note to myself: rewrite this part before publishing."));
    older.body = lines.join(u'\n');
    return older;
}

} // namespace

bool makeHistoryScreenshot(store::LocalStore &store, const QDir &out, const QString &prefix)
{
    const std::optional<model::Post> demo = richestPost(store);
    if (!demo)
        return false;
    // A copy of it, so neither a conflict nor a pending edit of the other screenshots shows.
    const Result<model::Post> post = store.posts().create(demo->blog, demo->fields);
    if (!post)
        return false;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const model::PostFields older = olderVersion(post->fields);
    struct Row
    {
        qint64 rev;
        const char *author;
        qint64 minutesAgo;
        bool current;
    };
    const Row rows[] = {{41, "anna", 12, true},       {37, "ben", 95, true},
                        {30, "anna", 60 * 26, false}, {22, "ben", 60 * 50, false},
                        {15, "anna", 60 * 75, false}, {4, "anna", 60 * 24 * 6, false}};
    protocol::RevisionList list;
    for (const Row &row : rows) {
        const model::PostFields &fields = row.current ? post->fields : older;
        list.revisions.append({row.rev, false, fields.title, QString::fromLatin1(row.author),
                               now.addSecs(-60 * row.minutesAgo), fields.body.toUtf8().size()});
    }
    list.more = true;

    FakeHistoryService service;
    ui::HistoryWindow window(store, &service, post->guid);
    window.resize(1240, 520);
    window.show();
    (void)QTest::qWaitForWindowExposed(&window);
    service.answerPage(list);
    window.selectRevision(30);
    model::Revision revision;
    revision.guid = post->guid;
    revision.rev = 30;
    revision.fields = older;
    revision.modifiedBy = QStringLiteral("anna");
    revision.modifiedAt = list.revisions.at(2).modifiedAt;
    service.answerRevision(revision);
    QTest::qWait(200);
    QApplication::processEvents();
    const QString path = out.filePath(prefix + QStringLiteral("history-window.png"));
    const bool saved = window.grab().save(path);
    std::printf("%s %s\n", saved ? "wrote" : "FAILED", qPrintable(path));
    return saved;
}

} // namespace inkwell::test
