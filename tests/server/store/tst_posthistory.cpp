// Post history in the server store: a revision per applied change on both databases, listing,
// reading, the migration's seeding and the retention.
#include "server/store/oppruner.h"
#include "server/store/schemaundo.h"
#include "server/store/serverstore.h"
#include "server/store/testdatabase.h"

#include <QJsonDocument>
#include <QTest>

using namespace inkwell;
using namespace inkwell::server::store;
using inkwell::protocol::Change;
using inkwell::protocol::ItemStatus;
using inkwell::test::undoSiteSchema;

namespace {

const QString guidA = QStringLiteral("6f1c2b9e-8a4d-4c3e-9b2a-1d2e3f4a5b6c");
const QString guidB = QStringLiteral("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");

model::PostFields fields(const QString &title, const QString &body = QStringLiteral("Grüße"))
{
    model::PostFields f;
    f.title = title;
    f.body = body;
    f.tags = {QStringLiteral("travel")};
    f.state = model::PublishState::Published;
    return f;
}

Change edit(const QString &opId, const QString &guid, qint64 baseRev, const QString &title,
            const QString &body = QStringLiteral("Grüße"))
{
    return Change{opId, guid, baseRev, false, fields(title, body)};
}

Change tombstone(const QString &opId, const QString &guid, qint64 baseRev)
{
    return Change{opId, guid, baseRev, true, {}};
}

struct Fixture
{
    std::shared_ptr<ServerStore> store;
    qint64 blog = 0;
    qint64 otherBlog = 0;
};

std::optional<Fixture> makeFixture(const QString &url)
{
    Result<std::shared_ptr<ServerStore>> store = ServerStore::open(url);
    if (!store)
        return std::nullopt;
    const qint64 ada = (*store)->createAccount(QStringLiteral("ada"), "hash").value();
    return Fixture{*store, (*store)->createBlog(QStringLiteral("Travel"), ada).value(),
                   (*store)->createBlog(QStringLiteral("Food"), ada).value()};
}

QList<qint64> revs(const protocol::RevisionList &list)
{
    QList<qint64> out;
    for (const protocol::RevisionSummary &summary : list.revisions)
        out.append(summary.rev);
    return out;
}

} // namespace

class tst_PostHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { test::addBackendRows(); }

    void everyAppliedChangeIsARevision();
    void listPagesNewestFirst();
    void unknownPostsAndRevisionsAreNotFound();
    void longBodiesReadBackWhole();
    void largePushKeepsEachRevisionsOwnFields();
    void revisionsEarlierServersCompressedStillRead();
    void migrationSeedsOneRevisionPerPost();
    void pruningKeepsTheNewestOfEachPost();
    void prunerPrunesHistoryByAge();
    void pruningTakesAnyGuid();
};

void tst_PostHistory::everyAppliedChangeIsARevision()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    const QString ada = QStringLiteral("ada");
    // One push creating A, editing it twice and creating B; then a conflict, a replay and a
    // delete.
    QVERIFY(f->store->applyChanges(f->blog, ada,
                                   {edit(QStringLiteral("1"), guidA, 0, QStringLiteral("one")),
                                    edit(QStringLiteral("2"), guidA, 1, QStringLiteral("two")),
                                    edit(QStringLiteral("3"), guidB, 0, QStringLiteral("b")),
                                    edit(QStringLiteral("4"), guidA, 2, QStringLiteral("three"))}));
    const auto conflict =
            f->store->applyChange(f->blog, ada, edit(QStringLiteral("5"), guidA, 1, QString()));
    QCOMPARE(conflict->result.status, ItemStatus::Conflict);
    QVERIFY(f->store->applyChange(f->blog, ada,
                                  edit(QStringLiteral("4"), guidA, 2, QStringLiteral("three"))));
    QCOMPARE(f->store->applyChange(f->blog, ada, tombstone(QStringLiteral("6"), guidA, 4))
                     ->result.rev,
             5);

    const Result<protocol::RevisionList> list = f->store->revisions(f->blog, guidA, 0, 50);
    QVERIFY2(list, qPrintable(test::failure(list)));
    QCOMPARE(revs(*list), (QList<qint64>{5, 4, 2, 1}));
    QVERIFY(!list->more);
    QVERIFY(list->revisions.at(0).deleted);
    QVERIFY(!list->revisions.at(1).deleted);
    QCOMPARE(list->revisions.at(0).title, QStringLiteral("three")); // a tombstone keeps the text
    QCOMPARE(list->revisions.at(2).title, QStringLiteral("two"));
    QCOMPARE(list->revisions.at(3).modifiedBy, ada);
    QCOMPARE(list->revisions.at(3).bodyBytes, QStringLiteral("Grüße").toUtf8().size());
    QVERIFY(list->revisions.at(3).modifiedAt.isValid());

    const Result<model::Revision> two = f->store->revision(f->blog, guidA, 2);
    QVERIFY2(two, qPrintable(test::failure(two)));
    QCOMPARE(two->guid, guidA);
    QCOMPARE(two->rev, 2);
    QCOMPARE(two->fields, fields(QStringLiteral("two")));
    QCOMPARE(two->createdBy, ada);
    QCOMPARE(two->modifiedBy, ada);
    const Result<model::Revision> deleted = f->store->revision(f->blog, guidA, 5);
    QVERIFY(deleted->deleted);
    QCOMPARE(deleted->fields, fields(QStringLiteral("three")));
    QCOMPARE(revs(*f->store->revisions(f->blog, guidB, 0, 50)), QList<qint64>{3});
}

void tst_PostHistory::listPagesNewestFirst()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    QList<Change> changes;
    for (int i = 0; i < 7; ++i)
        changes.append(edit(QString::number(i), guidA, i, QString::number(i)));
    QVERIFY(f->store->applyChanges(f->blog, QStringLiteral("ada"), changes));
    auto page = f->store->revisions(f->blog, guidA, 0, 3);
    QCOMPARE(revs(*page), (QList<qint64>{7, 6, 5}));
    QVERIFY(page->more);
    page = f->store->revisions(f->blog, guidA, 5, 3);
    QCOMPARE(revs(*page), (QList<qint64>{4, 3, 2}));
    QVERIFY(page->more);
    page = f->store->revisions(f->blog, guidA, 2, 3);
    QCOMPARE(revs(*page), QList<qint64>{1});
    QVERIFY(!page->more);
    page = f->store->revisions(f->blog, guidA, 1, 3);
    QVERIFY(page->revisions.isEmpty()); // the post exists: an empty page, not NotFound
    QVERIFY(!page->more);
    page = f->store->revisions(f->blog, guidA, 0, 7);
    QCOMPARE(page->revisions.size(), 7);
    QVERIFY(!page->more);
}

void tst_PostHistory::unknownPostsAndRevisionsAreNotFound()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    QVERIFY(f->store->applyChange(f->blog, QStringLiteral("ada"),
                                  edit(QStringLiteral("1"), guidA, 0, QStringLiteral("one"))));
    QCOMPARE(f->store->revisions(f->blog, guidB, 0, 50).error().code, ErrorCode::NotFound);
    QCOMPARE(f->store->revisions(f->otherBlog, guidA, 0, 50).error().code, ErrorCode::NotFound);
    QCOMPARE(f->store->revision(f->otherBlog, guidA, 1).error().code, ErrorCode::NotFound);
    QCOMPARE(f->store->revision(f->blog, guidA, 2).error().code, ErrorCode::NotFound);
    QCOMPARE(f->store->revision(f->blog, guidB, 1).error().code, ErrorCode::NotFound);
}

void tst_PostHistory::longBodiesReadBackWhole()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    QString body;
    for (int i = 0; body.size() < 20000; ++i)
        body += QStringLiteral("Absatz %1: Die Straße nach Köln war lang, \"und\" \\ staubig.\n")
                        .arg(i);
    QVERIFY(f->store->applyChange(f->blog, QStringLiteral("ada"),
                                  edit(QStringLiteral("1"), guidA, 0, QStringLiteral("t"), body)));
    const Result<model::Revision> read = f->store->revision(f->blog, guidA, 1);
    QVERIFY2(read, qPrintable(test::failure(read)));
    QCOMPARE(read->fields.body, body);
    QCOMPARE(f->store->revisions(f->blog, guidA, 0, 1)->revisions.at(0).bodyBytes,
             body.toUtf8().size());
}

// A push of hundreds of changes has its fields encoded in pieces on several threads: every
// revision still gets its own change's fields and sizes, in request order, and a tombstone
// among them keeps the fields of the revision before it.
void tst_PostHistory::largePushKeepsEachRevisionsOwnFields()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    constexpr int posts = 300; // several pieces of the encoding, and a partial last one
    const auto deletedInSecond = [](int i) { return i % 7 == 3; };
    const auto bodyOf = [](int i, const QString &word) {
        QString body;
        for (int line = 0; line <= i % 40; ++line)
            body += QStringLiteral("%1 %2: die Straße nach Köln, Zeile %3.\n")
                            .arg(word)
                            .arg(i)
                            .arg(line);
        return body;
    };
    QList<Change> created;
    for (int i = 0; i < posts; ++i)
        created.append(edit(QStringLiteral("new-%1").arg(i), test::guid(i), 0,
                            QStringLiteral("Post %1").arg(i), bodyOf(i, QStringLiteral("erst"))));
    const Result<QList<ApplyOutcome>> first =
            f->store->applyChanges(f->blog, QStringLiteral("ada"), created);
    QVERIFY2(first, qPrintable(test::failure(first)));
    // Then every post again in one push: an edit, except every seventh post, which is deleted.
    QList<Change> second;
    for (int i = 0; i < posts; ++i) {
        const qint64 base = first->at(i).result.rev;
        second.append(deletedInSecond(i)
                              ? tombstone(QStringLiteral("del-%1").arg(i), test::guid(i), base)
                              : edit(QStringLiteral("edit-%1").arg(i), test::guid(i), base,
                                     QStringLiteral("Post %1, edited").arg(i),
                                     bodyOf(i, QStringLiteral("zweit"))));
    }
    const Result<QList<ApplyOutcome>> applied =
            f->store->applyChanges(f->blog, QStringLiteral("ada"), second);
    QVERIFY2(applied, qPrintable(test::failure(applied)));
    for (int i = 0; i < posts; ++i) {
        const protocol::ItemResult &result = applied->at(i).result;
        QCOMPARE(result.status, ItemStatus::Applied);
        QCOMPARE(result.rev, qint64(posts + 1 + i));
        const Result<model::Revision> read = f->store->revision(f->blog, test::guid(i), result.rev);
        QVERIFY2(read, qPrintable(test::failure(read)));
        const Change &expected = deletedInSecond(i) ? created.at(i) : second.at(i);
        QCOMPARE(read->deleted, deletedInSecond(i));
        QCOMPARE(read->fields.title, expected.fields.title);
        QCOMPARE(read->fields.body, expected.fields.body);
        const Result<protocol::RevisionList> listed =
                f->store->revisions(f->blog, test::guid(i), 0, 1);
        QVERIFY2(listed, qPrintable(test::failure(listed)));
        QCOMPARE(listed->revisions.at(0).bodyBytes, expected.fields.body.toUtf8().size());
    }
}

// Earlier servers stored long fields zlib-compressed (encoding 1); this one writes zstd frames
// (encoding 2). A database keeps both kinds of rows, and both read back whole.
void tst_PostHistory::revisionsEarlierServersCompressedStillRead()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    QString body;
    for (int i = 0; body.size() < 4000; ++i)
        body += QStringLiteral("Absatz %1: Die Straße nach Köln war lang.\n").arg(i);
    QVERIFY(f->store->applyChanges(
            f->blog, QStringLiteral("ada"),
            {edit(QStringLiteral("1"), guidA, 0, QStringLiteral("old"), body),
             edit(QStringLiteral("2"), guidA, 1, QStringLiteral("new"), body + body)}));
    // Revision 1 as an earlier server wrote it.
    const QByteArray zlib = qCompress(QJsonDocument(fields(QStringLiteral("old"), body).toJson())
                                              .toJson(QJsonDocument::Compact),
                                      1);
    const QString blob = db.isPostgres()
            ? QStringLiteral("decode('%1', 'hex')").arg(QString::fromLatin1(zlib.toHex()))
            : QStringLiteral("X'%1'").arg(QString::fromLatin1(zlib.toHex()));
    QCOMPARE(db.exec(QStringLiteral("UPDATE post_revisions SET encoding = 1, fields = %1 "
                                    "WHERE rev = 1")
                             .arg(blob)),
             QString());
    const Result<model::Revision> old = f->store->revision(f->blog, guidA, 1);
    QVERIFY2(old, qPrintable(test::failure(old)));
    QCOMPARE(old->fields, fields(QStringLiteral("old"), body));
    const Result<model::Revision> current = f->store->revision(f->blog, guidA, 2);
    QVERIFY2(current, qPrintable(test::failure(current)));
    QCOMPARE(current->fields, fields(QStringLiteral("new"), body + body));
    // A row no encoding can read is an error of that one revision, not a guess.
    QCOMPARE(db.exec(QStringLiteral("UPDATE post_revisions SET encoding = 2 WHERE rev = 1")),
             QString());
    QCOMPARE(f->store->revision(f->blog, guidA, 1).error().code, ErrorCode::DatabaseCorrupt);
    QVERIFY(f->store->revision(f->blog, guidA, 2));
}

void tst_PostHistory::migrationSeedsOneRevisionPerPost()
{
    INKWELL_TEST_DATABASE(db);
    {
        auto f = makeFixture(db.url());
        QVERIFY(f);
        QVERIFY(f->store->applyChanges(f->blog, QStringLiteral("ada"),
                                       {edit(QStringLiteral("1"), guidA, 0, QStringLiteral("one")),
                                        edit(QStringLiteral("2"), guidA, 1, QStringLiteral("zwei")),
                                        edit(QStringLiteral("3"), guidB, 0, QStringLiteral("b"))}));
    }
    // The database as the previous schema left it: no history.
    QCOMPARE(db.exec(QStringLiteral("DROP TABLE post_revisions")), QString());
    for (const QString &later : undoSiteSchema())
        QCOMPARE(db.exec(later), QString());
    QCOMPARE(db.exec(QStringLiteral("DELETE FROM schema_migrations WHERE version >= 5")),
             QString());
    Result<std::shared_ptr<ServerStore>> store = ServerStore::open(db.url());
    QVERIFY2(store, qPrintable(test::failure(store)));
    const qint64 blog = 1;
    const auto a = (*store)->revisions(blog, guidA, 0, 50);
    QVERIFY2(a, qPrintable(test::failure(a)));
    QCOMPARE(revs(*a), QList<qint64>{2});
    QCOMPARE(a->revisions.at(0).title, QStringLiteral("zwei"));
    QCOMPARE(a->revisions.at(0).bodyBytes, QStringLiteral("Grüße").toUtf8().size());
    const auto seeded = (*store)->revision(blog, guidA, 2);
    QVERIFY2(seeded, qPrintable(test::failure(seeded)));
    QCOMPARE(seeded->fields, fields(QStringLiteral("zwei")));
    QCOMPARE(revs(*(*store)->revisions(blog, guidB, 0, 50)), QList<qint64>{3});
}

void tst_PostHistory::pruningKeepsTheNewestOfEachPost()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    QList<Change> changes;
    for (int i = 0; i < 5; ++i)
        changes.append(edit(QString::number(i), guidA, i, QString::number(i)));
    changes.append(edit(QStringLiteral("b"), guidB, 0, QStringLiteral("b")));
    QVERIFY(f->store->applyChanges(f->blog, QStringLiteral("ada"), changes));
    // Keep two per post, in batches of two (one call runs both).
    QCOMPARE(f->store->pruneRevisions(QDateTime(), 2, 2).value(), 3);
    QCOMPARE(f->store->pruneRevisions(QDateTime(), 2, 2).value(), 0);
    QCOMPARE(revs(*f->store->revisions(f->blog, guidA, 0, 50)), (QList<qint64>{5, 4}));
    QCOMPARE(revs(*f->store->revisions(f->blog, guidB, 0, 50)), QList<qint64>{6});
    // Everything is old now: only each post's newest stays, a deleted post's tombstone too.
    QVERIFY(f->store->applyChange(f->blog, QStringLiteral("ada"),
                                  tombstone(QStringLiteral("d"), guidB, 6)));
    const QDateTime future = QDateTime::currentDateTimeUtc().addDays(1);
    QCOMPARE(f->store->pruneRevisions(future, 0, 100).value(), 2);
    QCOMPARE(revs(*f->store->revisions(f->blog, guidA, 0, 50)), QList<qint64>{5});
    const auto b = f->store->revisions(f->blog, guidB, 0, 50);
    QCOMPARE(revs(*b), QList<qint64>{7});
    QVERIFY(b->revisions.at(0).deleted);
    QCOMPARE(f->store->pruneRevisions(future, 1, 100).value(), 0);
    QCOMPARE(f->store->pruneRevisions(QDateTime(), 0, 100).value(), 0); // no retention: no-op
}

void tst_PostHistory::prunerPrunesHistoryByAge()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    QVERIFY(f->store->applyChanges(f->blog, QStringLiteral("ada"),
                                   {edit(QStringLiteral("1"), guidA, 0, QStringLiteral("old")),
                                    edit(QStringLiteral("2"), guidA, 1, QStringLiteral("new"))}));
    const qint64 then = QDateTime::currentDateTimeUtc().addDays(-10).toMSecsSinceEpoch();
    QCOMPARE(db.exec(QStringLiteral("UPDATE post_revisions SET modified_at = %1").arg(then)),
             QString());
    OpPruner::Options options;
    options.historyRetention = std::chrono::hours(24 * 7);
    options.interval = std::chrono::hours(1);
    const OpPruner pruner(f->store, options);
    QTRY_VERIFY(pruner.passes() >= 1);
    QCOMPARE(revs(*f->store->revisions(f->blog, guidA, 0, 50)), QList<qint64>{2});
}

void tst_PostHistory::pruningTakesAnyGuid()
{
    INKWELL_TEST_DATABASE(db);
    auto f = makeFixture(db.url());
    QVERIFY(f);
    // The protocol only lets UUIDs through; the store must not depend on that.
    const QString odd = QStringLiteral("a \"quoted\", {braced} \\ guid");
    QVERIFY(f->store->applyChanges(f->blog, QStringLiteral("ada"),
                                   {edit(QStringLiteral("1"), odd, 0, QStringLiteral("one")),
                                    edit(QStringLiteral("2"), odd, 1, QStringLiteral("two"))}));
    QCOMPARE(f->store->pruneRevisions(QDateTime(), 1, 10).value(), 1);
    QCOMPARE(revs(*f->store->revisions(f->blog, odd, 0, 50)), QList<qint64>{2});
}

QTEST_GUILESS_MAIN(tst_PostHistory)
#include "tst_posthistory.moc"
