#include "model/attachment.h"
#include "model/post.h"
#include "model/postfields.h"
#include "model/result.h"

#include "model/jsonparse.h"

#include <QJsonDocument>
#include <QTest>

using namespace inkwell;
using namespace inkwell::model;

class TestModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fieldsRoundTripThroughJson();
    void fieldsFromJsonKeepsDefaultsForMissingKeys();
    void fieldsFromJsonTextReadAsFromJson_data();
    void fieldsFromJsonTextReadAsFromJson();
    void attachmentHashesComeFromBodyAndCover();
    void guidsAreValidAndUnique();
    void guidValidation_data();
    void guidValidation();
    void hashOfKnownBytes();
    void resultCarriesValueOrError();
};

void TestModel::fieldsRoundTripThroughJson()
{
    PostFields fields{QStringLiteral("Tïtle"),
                      QStringLiteral("Body\n\nline ✓"),
                      {QStringLiteral("b"), QStringLiteral("a")},
                      PublishState::Published,
                      QString(64, u'a')};
    QCOMPARE(PostFields::fromJson(fields.toJson()), fields);
}

void TestModel::fieldsFromJsonKeepsDefaultsForMissingKeys()
{
    const PostFields fields = PostFields::fromJson(QJsonObject{{QStringLiteral("title"), 5}});
    QCOMPARE(fields, PostFields());
}

// The stored fields are read from their JSON text straight from simdjson's DOM; the reading
// must be fromJson's (via QJsonDocument), also for texts with missing keys, values of other
// types, unknown states and what only QJsonDocument reads.
void TestModel::fieldsFromJsonTextReadAsFromJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("written by toJson")
            << QJsonDocument(PostFields{QStringLiteral("T\u00e9"),
                                        QStringLiteral("B\n\"q\"\t"),
                                        {QStringLiteral("a"), QStringLiteral("b")},
                                        PublishState::Published,
                                        QString(64, u'a')}
                                     .toJson())
                       .toJson(QJsonDocument::Compact);
    QTest::newRow("empty object") << QByteArray("{}");
    QTest::newRow("values of other types")
            << QByteArray(R"({"title":1,"body":null,"tags":"x","status":true,"cover":[]})");
    QTest::newRow("tags of other types") << QByteArray(R"({"tags":["a",2,null,{"b":1},"c"]})");
    QTest::newRow("unknown state and extra keys")
            << QByteArray(R"({"status":"archived","extra":{"title":"no"},"title":"yes"})");
    QTest::newRow("astral and escapes")
            << QByteArray(R"({"body":"\ud83d\ude00 \u00e9\u0001","title":"\/"})");
    QTest::newRow("lone surrogate (only QJsonDocument reads it)")
            << QByteArray(R"({"title":"a\ud800b","body":"x"})");
    QTest::newRow("not an object") << QByteArray("[1,2]");
    QTest::newRow("not JSON") << QByteArray("{\"title\":");
    QTest::newRow("empty") << QByteArray();
}

void TestModel::fieldsFromJsonTextReadAsFromJson()
{
    QFETCH(QByteArray, json);
    const std::optional<QJsonObject> object = parseJsonObject(json);
    const std::optional<PostFields> fields = PostFields::fromJsonText(json);
    QCOMPARE(fields.has_value(), object.has_value());
    if (object)
        QCOMPARE(*fields, PostFields::fromJson(*object));
}

void TestModel::attachmentHashesComeFromBodyAndCover()
{
    const QString a(64, u'a');
    const QString b(64, u'b');
    PostFields fields;
    fields.cover = a;
    fields.body = QStringLiteral("![x](attachment:") + b + QStringLiteral(") and ![y](attachment:")
            + b + QStringLiteral(") ![z](attachment:") + a + u')';
    QCOMPARE(fields.attachmentHashes(), QStringList({a, b}));
    fields.body = QStringLiteral("no images here, an attachment of ") + b;
    QCOMPARE(fields.attachmentHashes(), QStringList({a}));
    fields.cover.clear();
    QCOMPARE(fields.attachmentHashes(), QStringList());
}

void TestModel::guidsAreValidAndUnique()
{
    const QString first = createGuid();
    QVERIFY(isValidGuid(first));
    QVERIFY(first != createGuid());
}

void TestModel::guidValidation_data()
{
    QTest::addColumn<QString>("guid");
    QTest::addColumn<bool>("valid");
    QTest::newRow("lower") << QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e") << true;
    QTest::newRow("upper") << QStringLiteral("0F8FAD5B-D9CB-469F-A165-70867728950E") << false;
    QTest::newRow("braces") << QStringLiteral("{0f8fad5b-d9cb-469f-a165-70867728950e}") << false;
    QTest::newRow("short") << QStringLiteral("0f8fad5b") << false;
    QTest::newRow("empty") << QString() << false;
}

void TestModel::guidValidation()
{
    QFETCH(QString, guid);
    QFETCH(bool, valid);
    QCOMPARE(isValidGuid(guid), valid);
}

void TestModel::hashOfKnownBytes()
{
    QCOMPARE(Attachment::hashOf("abc"),
             QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    QVERIFY(Attachment::isValidHash(Attachment::hashOf("abc")));
    QVERIFY(!Attachment::isValidHash(QStringLiteral("xyz")));
}

void TestModel::resultCarriesValueOrError()
{
    Result<int> ok(7);
    QVERIFY(ok);
    QCOMPARE(*ok, 7);
    Result<int> failed(ErrorCode::NotFound, QStringLiteral("no post"));
    QVERIFY(!failed);
    QCOMPARE(failed.error().code, ErrorCode::NotFound);
    Result<void> done;
    QVERIFY(done);
    QCOMPARE(errorCodeName(ErrorCode::DatabaseTooNew), QStringLiteral("database-too-new"));
}

QTEST_GUILESS_MAIN(TestModel)
#include "tst_model.moc"
