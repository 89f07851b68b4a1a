#include "protocol/history.h"

#include <QTest>

using namespace inkwell;
using namespace inkwell::protocol;

namespace {

template<typename T>
QString failure(const Result<T> &result)
{
    return result ? QString() : result.error().message;
}

const QString guid = QStringLiteral("6f1c2b9e-8a4d-4c3e-9b2a-1d2e3f4a5b6c");
const QDateTime when(QDate(2026, 11, 26), QTime(9, 30, 1, 250), Qt::UTC);

RevisionSummary summary(qint64 rev, bool deleted = false)
{
    return RevisionSummary{rev,
                           deleted,
                           QStringLiteral("Grüße %1").arg(rev),
                           QStringLiteral("bob"),
                           when.addSecs(rev),
                           100 + rev};
}

model::Revision revision(qint64 rev)
{
    model::Revision revision;
    revision.guid = guid;
    revision.rev = rev;
    revision.fields.title = QStringLiteral("Grüße");
    revision.fields.body = QStringLiteral("# Hi\n\nText");
    revision.fields.tags = {QStringLiteral("travel")};
    revision.fields.state = model::PublishState::Published;
    revision.fields.cover = QString(64, u'a');
    revision.createdBy = QStringLiteral("ada");
    revision.modifiedBy = QStringLiteral("bob");
    revision.modifiedAt = when;
    return revision;
}

} // namespace

class tst_HistoryCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listRoundTrips();
    void detailRoundTrips();
    void listRejectsMalformedInput_data();
    void listRejectsMalformedInput();
    void detailRejectsMalformedInput_data();
    void detailRejectsMalformedInput();
};

void tst_HistoryCodec::listRoundTrips()
{
    const RevisionList list{{summary(9), summary(7, true), summary(3)}, true};
    const Result<RevisionList> decoded = decodeRevisionList(encode(list));
    QVERIFY2(decoded, qPrintable(failure(decoded)));
    QCOMPARE(*decoded, list);

    const RevisionList empty;
    const Result<RevisionList> decodedEmpty = decodeRevisionList(encode(empty));
    QVERIFY2(decodedEmpty, qPrintable(failure(decodedEmpty)));
    QCOMPARE(*decodedEmpty, empty);
}

void tst_HistoryCodec::detailRoundTrips()
{
    const RevisionDetail detail{revision(12)};
    const Result<RevisionDetail> decoded = decodeRevisionDetail(encode(detail));
    QVERIFY2(decoded, qPrintable(failure(decoded)));
    QCOMPARE(*decoded, detail);

    RevisionDetail tombstone{revision(13)};
    tombstone.revision.deleted = true;
    const Result<RevisionDetail> decodedTombstone = decodeRevisionDetail(encode(tombstone));
    QVERIFY2(decodedTombstone, qPrintable(failure(decodedTombstone)));
    QCOMPARE(*decodedTombstone, tombstone);
}

void tst_HistoryCodec::listRejectsMalformedInput_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");
    const QByteArray item = R"({"rev":3,"deleted":false,"title":"T","modified_by":"bob",)"
                            R"("modified_at":"2026-11-26T09:30:01.250Z","body_bytes":4})";
    QTest::newRow("unknown top field")
            << QByteArray(R"({"revisions":[],"more":false,"x":1})") << "x: unknown field";
    QTest::newRow("unknown field in a revision")
            << QByteArray(R"({"revisions":[)" + QByteArray(item).replace("}", R"(,"body":""})")
                          + R"(],"more":false})")
            << "revisions[0].body: unknown field";
    QTest::newRow("missing more") << QByteArray(R"({"revisions":[]})") << "more";
    QTest::newRow("rev zero") << QByteArray(R"({"revisions":[)"
                                            + QByteArray(item).replace("\"rev\":3", "\"rev\":0")
                                            + R"(],"more":false})")
                              << "revisions[0].rev";
    QTest::newRow("bad time") << QByteArray(
            R"({"revisions":[)" + QByteArray(item).replace("2026-11-26T09:30:01.250Z", "yesterday")
            + R"(],"more":false})")
                              << "revisions[0].modified_at: not an ISO 8601 time";
    QTest::newRow("not an object")
            << QByteArray(R"({"revisions":[1],"more":false})") << "revisions[0]";
}

void tst_HistoryCodec::listRejectsMalformedInput()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    const Result<RevisionList> decoded = decodeRevisionList(json);
    QVERIFY(!decoded);
    QVERIFY2(decoded.error().message.contains(message), qPrintable(decoded.error().message));
}

void tst_HistoryCodec::detailRejectsMalformedInput_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");
    QByteArray good = encode(RevisionDetail{revision(4)});
    QTest::newRow("unknown top field")
            << QByteArray(good).replace("{\"revision\"", "{\"x\":1,\"revision\"")
            << "x: unknown field";
    QTest::newRow("unknown field in the revision")
            << QByteArray(good).replace("\"rev\":4", "\"rev\":4,\"author\":\"eve\"")
            << "revision.author: unknown field";
    QTest::newRow("bad guid") << QByteArray(good).replace(guid.toUtf8(), "nope")
                              << "revision.guid: not a lower-case UUID";
    QTest::newRow("missing") << QByteArray("{}") << "revision";
}

void tst_HistoryCodec::detailRejectsMalformedInput()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    const Result<RevisionDetail> decoded = decodeRevisionDetail(json);
    QVERIFY(!decoded);
    QVERIFY2(decoded.error().message.contains(message), qPrintable(decoded.error().message));
}

QTEST_GUILESS_MAIN(tst_HistoryCodec)
#include "tst_historycodec.moc"
