// bench_store: the local store on the workload, next to the same work done with bare
// SQLite (the sqlite3 C API with prepared statements, same file layout and pragmas).
//   - insert 10,000 posts with 2 KiB bodies and 200 images of 100 KiB (one transaction each, as
//     an import or a pulled page does), through the repositories;
//   - list the first page (50 posts, newest first);
//   - search one word (ranked, first 50 hits);
//   - acknowledge a push of 500 scattered posts (a sync's answer from the server), against the
//     bare update of their sync state.
// Inserts are the best of three rounds, reads the median of 50 alternating runs.
// Goals (issue 2): inserts within 2x of bare SQLite, first page < 5 ms, search < 10 ms.

#include "model/attachment.h"
#include "model/post.h"
#include "store/attachmentrepository.h"
#include "store/localstore.h"
#include "store/postrepository.h"
#include "store/syncrepository.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>
#include <tuple>

using namespace inkwell;
using namespace inkwell::store;

namespace {

constexpr int PostCount = 10000;
constexpr int BodyBytes = 2048;
constexpr int ImageCount = 200;
constexpr int ImageBytes = 100 * 1024;
constexpr int PageSize = 50;
constexpr int Repeats = 50;
constexpr int InsertRounds = 3;
constexpr int AcknowledgedPosts = 500; // as many as a sync pushes per request
constexpr int AcknowledgeRounds = 9; // each on other posts: 500 x 9 <= 10,000

struct Workload
{
    QList<model::PostFields> posts;
    QList<QByteArray> images;
    QString searchWord;
};

// Deterministic text: words from a 3,000-word vocabulary of syllables, 2 KiB per body.
Workload makeWorkload()
{
    QRandomGenerator random(20261126);
    const QStringList syllables{QStringLiteral("ka"),  QStringLiteral("lo"),  QStringLiteral("mi"),
                                QStringLiteral("ter"), QStringLiteral("san"), QStringLiteral("vel"),
                                QStringLiteral("or"),  QStringLiteral("du"),  QStringLiteral("ben"),
                                QStringLiteral("ris"), QStringLiteral("ak"),  QStringLiteral("po"),
                                QStringLiteral("ne"),  QStringLiteral("lum"), QStringLiteral("ga")};
    QStringList vocabulary;
    while (vocabulary.size() < 3000) {
        QString word;
        const int parts = 2 + int(random.bounded(3));
        for (int i = 0; i < parts; ++i)
            word += syllables.at(int(random.bounded(syllables.size())));
        if (!vocabulary.contains(word))
            vocabulary << word;
    }
    Workload workload;
    workload.searchWord = vocabulary.at(7);
    for (int i = 0; i < PostCount; ++i) {
        model::PostFields fields;
        fields.title =
                QStringLiteral("Post %1 %2").arg(i).arg(vocabulary.at(int(random.bounded(3000))));
        while (fields.body.size() < BodyBytes)
            fields.body += vocabulary.at(int(random.bounded(3000))) + QChar::Space;
        fields.body.truncate(BodyBytes);
        fields.tags = QStringList{QStringLiteral("bench"), vocabulary.at(i % 100)};
        workload.posts << fields;
    }
    for (int i = 0; i < ImageCount; ++i) {
        QByteArray image(ImageBytes, Qt::Uninitialized);
        random.fillRange(reinterpret_cast<quint32 *>(image.data()), ImageBytes / 4);
        workload.images << image;
    }
    return workload;
}

double millisecondsOf(const std::function<void()> &work)
{
    QElapsedTimer timer;
    timer.start();
    work();
    return double(timer.nsecsElapsed()) / 1e6;
}

double median(QList<double> runs)
{
    std::sort(runs.begin(), runs.end());
    return runs.at(runs.size() / 2);
}

// Medians of mine and bare, measured alternately so both see the same machine load.
std::pair<double, double> alternateMedians(const std::function<void()> &mine,
                                           const std::function<void()> &bare)
{
    QList<double> mineRuns;
    QList<double> bareRuns;
    for (int i = 0; i < Repeats; ++i) {
        mineRuns << millisecondsOf(mine);
        bareRuns << millisecondsOf(bare);
    }
    return {median(mineRuns), median(bareRuns)};
}

struct Figures
{
    double insertPosts = 0;
    double insertImages = 0;
    double firstPage = 0;
    double search = 0;
    qsizetype searchHits = 0;
    double prefix = 0;
    double acknowledge = 0;
};

// The posts a round of acknowledgements takes: 500 spread over the whole list, others each round.
QList<int> acknowledgedIndexes(int round)
{
    QList<int> indexes;
    for (int k = 0; k < AcknowledgedPosts; ++k)
        indexes.append(k * (PostCount / AcknowledgedPosts) + round);
    return indexes;
}

[[noreturn]] void fail(const char *what, const QString &message)
{
    std::fprintf(stderr, "bench_store: %s failed: %s\n", what, qPrintable(message));
    std::exit(1);
}

// The store side: everything through LocalStore's repositories.
class Mine
{
public:
    explicit Mine(const QString &path) : m_store(path)
    {
        if (auto opened = m_store.open(); !opened)
            fail("open", opened.error().message);
        m_first.limit = PageSize;
    }

    void insert(const Workload &workload, Figures *figures)
    {
        figures->insertPosts = millisecondsOf([&] {
            auto done = m_store.write([&]() -> Result<void> {
                m_created.clear();
                for (const model::PostFields &fields : workload.posts) {
                    auto post = m_store.posts().create(QStringLiteral("blog"), fields);
                    if (!post)
                        return post.error();
                    m_created.append(*post);
                }
                return {};
            });
            if (!done)
                fail("insert posts", done.error().message);
        });
        figures->insertImages = millisecondsOf([&] {
            auto done = m_store.write([&]() -> Result<void> {
                for (const QByteArray &image : workload.images) {
                    auto added = m_store.attachments().add(image, QStringLiteral("image/png"));
                    if (!added)
                        return added.error();
                }
                return {};
            });
            if (!done)
                fail("insert images", done.error().message);
        });
    }

    void firstPage()
    {
        auto page = m_store.posts().page(m_first);
        if (!page || page->size() != PageSize)
            fail("first page", page ? QStringLiteral("short page") : page.error().message);
    }

    qsizetype search(const QString &word)
    {
        auto hits = m_store.posts().search(word, m_first);
        if (!hits)
            fail("search", hits.error().message);
        return hits->size();
    }

    // The server's answer to a push of the round's posts, as the sync applies it.
    void acknowledge(int round)
    {
        QList<Acknowledgement> acknowledgements;
        for (const int index : acknowledgedIndexes(round)) {
            const model::Post &post = m_created.at(index);
            model::Revision agreed{post.guid,
                                   1,
                                   false,
                                   post.fields,
                                   QStringLiteral("ada"),
                                   QStringLiteral("ada"),
                                   QDateTime::currentDateTimeUtc()};
            // As the sync engine acknowledges an applied push: the agreed fields are the ones
            // it pushed.
            acknowledgements.append({agreed, post.editCounter, true});
        }
        auto outcomes = m_store.sync().acknowledgePushes(acknowledgements);
        if (!outcomes || outcomes->count(PushOutcome::Synced) != AcknowledgedPosts)
            fail("acknowledge", outcomes ? QStringLiteral("not synced") : outcomes.error().message);
    }

private:
    LocalStore m_store;
    PostQuery m_first;
    QList<model::Post> m_created;
};

void bindText(sqlite3_stmt *statement, int index, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    sqlite3_bind_text(statement, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
}

const char *postColumns = "SELECT p.guid, p.blog, p.title, p.body, p.tags, p.state, p.cover, "
                          "p.created_at, p.modified_at, s.rev, p.deleted, s.sync_status, p.base, "
                          "p.theirs, s.edit_counter, s.created_by, s.modified_by, s.last_error, "
                          "s.base_is_fields ";

// The bare side: the sqlite3 C API with prepared statements on a file of the same schema
// (created by LocalStore, then closed) and the same pragmas; one transaction per batch; the
// same columns read back.
class Bare
{
public:
    explicit Bare(const QString &path)
    {
        {
            LocalStore schema(path);
            if (auto opened = schema.open(); !opened)
                fail("bare schema", opened.error().message);
        }
        if (sqlite3_open(path.toUtf8().constData(), &m_db) != SQLITE_OK)
            fail("bare open", QString::fromUtf8(sqlite3_errmsg(m_db)));
        exec("PRAGMA journal_mode = WAL");
        exec("PRAGMA synchronous = NORMAL");
        exec("PRAGMA foreign_keys = ON");
        m_insertPost = prepare(
                "INSERT INTO posts (guid, blog, title, body, tags, state, cover, created_at, "
                "modified_at, deleted) VALUES (?, 'blog', ?, ?, ?, 'draft', '', ?, ?, 0)");
        m_insertSync = prepare("INSERT INTO post_sync (id, guid, blog, modified_at, deleted, rev, "
                               "sync_status, edit_counter) VALUES (last_insert_rowid(), ?, "
                               "'blog', ?, 0, 0, 'needs-sync', 1)");
        m_acknowledge = prepare("UPDATE post_sync SET rev = 1, base_is_fields = 1, "
                                "sync_status = 'synced', created_by = 'ada', modified_by = 'ada', "
                                "last_error = '' WHERE id = ?");
        m_insertImage = prepare("INSERT INTO attachments (sha256, mime, size, data, added_at) "
                                "VALUES (?, 'image/png', ?, ?, ?) ON CONFLICT (sha256) DO NOTHING");
        m_page = prepare(
                QByteArray(QByteArray(postColumns)
                           + "FROM posts p JOIN post_sync s ON s.id = p.id WHERE p.deleted = 0 "
                             "ORDER BY p.modified_at DESC, "
                             "p.guid DESC LIMIT 50")
                        .constData());
        m_search =
                prepare(QByteArray(QByteArray(postColumns)
                                   + "FROM posts_fts JOIN posts p ON p.id = posts_fts.rowid "
                                     "JOIN post_sync s ON s.id = p.id WHERE "
                                     "posts_fts MATCH ? AND p.deleted = 0 ORDER BY bm25(posts_fts, "
                                     "10.0, 1.0), p.modified_at DESC LIMIT 50")
                                .constData());
    }
    ~Bare()
    {
        for (sqlite3_stmt *statement :
             {m_insertPost, m_insertSync, m_insertImage, m_page, m_search, m_acknowledge})
            sqlite3_finalize(statement);
        sqlite3_close(m_db);
    }
    Q_DISABLE_COPY_MOVE(Bare)

    void insert(const Workload &workload, Figures *figures)
    {
        figures->insertPosts = millisecondsOf([&] {
            exec("BEGIN IMMEDIATE");
            for (const model::PostFields &fields : workload.posts) {
                const qint64 now = QDateTime::currentMSecsSinceEpoch();
                const QString guid = model::createGuid();
                bindText(m_insertPost, 1, guid);
                bindText(m_insertPost, 2, fields.title);
                bindText(m_insertPost, 3, fields.body);
                const QJsonDocument tags(QJsonArray::fromStringList(fields.tags));
                bindText(m_insertPost, 4, QString::fromUtf8(tags.toJson(QJsonDocument::Compact)));
                sqlite3_bind_int64(m_insertPost, 5, now);
                sqlite3_bind_int64(m_insertPost, 6, now);
                step(m_insertPost);
                bindText(m_insertSync, 1, guid);
                sqlite3_bind_int64(m_insertSync, 2, now);
                step(m_insertSync);
            }
            // The schema's triggers only note new posts for the full-text index (version 6);
            // the store indexes a writer's posts in the same transaction, so the bare side
            // indexes them too, in one statement.
            exec("INSERT INTO posts_fts (rowid, title, body) SELECT id, title, body FROM posts "
                 "WHERE id IN (SELECT id FROM posts_fts_pending); DELETE FROM posts_fts_pending");
            exec("COMMIT");
        });
        figures->insertImages = millisecondsOf([&] {
            exec("BEGIN IMMEDIATE");
            for (const QByteArray &image : workload.images) {
                bindText(m_insertImage, 1, model::Attachment::hashOf(image)); // content address
                sqlite3_bind_int64(m_insertImage, 2, image.size());
                sqlite3_bind_blob(m_insertImage, 3, image.constData(), int(image.size()),
                                  SQLITE_STATIC);
                sqlite3_bind_int64(m_insertImage, 4, QDateTime::currentMSecsSinceEpoch());
                step(m_insertImage);
            }
            exec("COMMIT");
        });
    }

    void firstPage()
    {
        if (readRows(m_page) != PageSize)
            fail("bare first page", QStringLiteral("short page"));
    }

    qsizetype search(const QString &word)
    {
        bindText(m_search, 1, QLatin1Char('"') + word + QStringLiteral("\"*"));
        return readRows(m_search);
    }

    // The floor of an acknowledgement: the same posts' sync state written, one transaction.
    void acknowledge(int round)
    {
        exec("BEGIN IMMEDIATE");
        for (const int index : acknowledgedIndexes(round)) {
            sqlite3_bind_int64(m_acknowledge, 1, index + 1); // ids follow the insert order
            step(m_acknowledge);
        }
        exec("COMMIT");
    }

private:
    void exec(const char *sql)
    {
        if (sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
            fail(sql, QString::fromUtf8(sqlite3_errmsg(m_db)));
    }

    sqlite3_stmt *prepare(const char *sql)
    {
        sqlite3_stmt *statement = nullptr;
        if (sqlite3_prepare_v2(m_db, sql, -1, &statement, nullptr) != SQLITE_OK)
            fail(sql, QString::fromUtf8(sqlite3_errmsg(m_db)));
        return statement;
    }

    void step(sqlite3_stmt *statement)
    {
        if (sqlite3_step(statement) != SQLITE_DONE)
            fail("bare step", QString::fromUtf8(sqlite3_errmsg(m_db)));
        sqlite3_reset(statement);
    }

    // Reads every column of every row, as the repository does when it builds posts.
    static int readRows(sqlite3_stmt *statement)
    {
        int rows = 0;
        while (sqlite3_step(statement) == SQLITE_ROW) {
            for (int column = 0; column < sqlite3_column_count(statement); ++column)
                (void)sqlite3_column_text(statement, column);
            ++rows;
        }
        sqlite3_reset(statement);
        return rows;
    }

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_insertPost = nullptr;
    sqlite3_stmt *m_insertSync = nullptr; // the post's row of sync state (schema version 9)
    sqlite3_stmt *m_insertImage = nullptr;
    sqlite3_stmt *m_page = nullptr;
    sqlite3_stmt *m_search = nullptr;
    sqlite3_stmt *m_acknowledge = nullptr;
};

void report(const char *what, double mine, double bare, const char *goal)
{
    std::printf("%-34s %9.2f ms   bare SQLite %9.2f ms   ratio %5.2fx   goal: %s\n", what, mine,
                bare, bare > 0 ? mine / bare : 0.0, goal);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("inkwell.store.info=false"));
    QTemporaryDir dir;
    if (!dir.isValid())
        fail("temporary folder", dir.errorString());
    const Workload workload = makeWorkload();
    // Inserts: best of InsertRounds fresh files per side, alternating which side goes first,
    // so a busy machine penalises both alike. Reads use the last round's files.
    Figures bareFigures{1e12, 1e12, 0, 0, 0};
    Figures mineFigures{1e12, 1e12, 0, 0, 0};
    std::unique_ptr<Bare> bare;
    std::unique_ptr<Mine> mine;
    for (int round = 0; round < InsertRounds; ++round) {
        bare.reset();
        mine.reset();
        bare = std::make_unique<Bare>(dir.filePath(QStringLiteral("bare%1.db").arg(round)));
        mine = std::make_unique<Mine>(dir.filePath(QStringLiteral("store%1.db").arg(round)));
        Figures bareRound;
        Figures mineRound;
        if (round % 2 == 0) {
            bare->insert(workload, &bareRound);
            mine->insert(workload, &mineRound);
        } else {
            mine->insert(workload, &mineRound);
            bare->insert(workload, &bareRound);
        }
        for (auto [best, now] :
             {std::pair{&bareFigures, &bareRound}, std::pair{&mineFigures, &mineRound}}) {
            best->insertPosts = std::min(best->insertPosts, now->insertPosts);
            best->insertImages = std::min(best->insertImages, now->insertImages);
        }
    }
    std::tie(mineFigures.firstPage, bareFigures.firstPage) =
            alternateMedians([&] { mine->firstPage(); }, [&] { bare->firstPage(); });
    std::tie(mineFigures.search, bareFigures.search) =
            alternateMedians([&] { mineFigures.searchHits = mine->search(workload.searchWord); },
                             [&] { bareFigures.searchHits = bare->search(workload.searchWord); });

    const QString typed = workload.searchWord.left(3);
    std::tie(mineFigures.prefix, bareFigures.prefix) = alternateMedians(
            [&] { (void)mine->search(typed); }, [&] { (void)bare->search(typed); });

    QList<double> mineAcknowledge;
    QList<double> bareAcknowledge;
    for (int round = 0; round < AcknowledgeRounds; ++round) {
        mineAcknowledge << millisecondsOf([&] { mine->acknowledge(round); });
        bareAcknowledge << millisecondsOf([&] { bare->acknowledge(round); });
    }
    mineFigures.acknowledge = median(mineAcknowledge);
    bareFigures.acknowledge = median(bareAcknowledge);

    std::printf("bench_store: %d posts of %d bytes, %d images of %d KiB; inserts best of %d "
                "rounds, reads medians of %d runs, alternating with bare SQLite (sqlite3 C API, "
                "prepared statements)\n",
                PostCount, BodyBytes, ImageCount, ImageBytes / 1024, InsertRounds, Repeats);
    report("insert 10,000 posts", mineFigures.insertPosts, bareFigures.insertPosts,
           "within 2x of bare");
    report("insert 200 images of 100 KiB", mineFigures.insertImages, bareFigures.insertImages,
           "within 2x of bare");
    report("insert all", mineFigures.insertPosts + mineFigures.insertImages,
           bareFigures.insertPosts + bareFigures.insertImages, "within 2x of bare");
    report("first page (50 posts)", mineFigures.firstPage, bareFigures.firstPage, "< 5 ms");
    std::printf("%-34s %9.2f ms = %.2fx of the 5 ms goal\n", "", mineFigures.firstPage,
                mineFigures.firstPage / 5.0);
    report("search as you type (3 letters)", mineFigures.prefix, bareFigures.prefix,
           "none (search typed so far)");
    report("search one word (first 50 hits)", mineFigures.search, bareFigures.search, "< 10 ms");
    std::printf("%-34s %9.2f ms = %.2fx of the 10 ms goal\n", "", mineFigures.search,
                mineFigures.search / 10.0);
    report("acknowledge a push of 500", mineFigures.acknowledge, bareFigures.acknowledge,
           "none (median of 9)");
    if (mineFigures.searchHits != bareFigures.searchHits || mineFigures.searchHits == 0)
        fail("search",
             QStringLiteral("the two sides found different posts (%1 and %2)")
                     .arg(mineFigures.searchHits)
                     .arg(bareFigures.searchHits));
    return 0;
}
