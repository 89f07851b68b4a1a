#include "protocol/codec.h"
#include "protocol/validation.h"
#include "protocol/wireerror.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace inkwell;
using namespace inkwell::protocol;

namespace {

// The error message of a failed Result, or nothing; safe to evaluate for a success too.
template<typename T>
QString failure(const Result<T> &result)
{
    return result ? QString() : result.error().message;
}

const QString guidA = QStringLiteral("6f1c2b9e-8a4d-4c3e-9b2a-1d2e3f4a5b6c");
const QString guidB = QStringLiteral("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
const QString sha = QString(64, u'a');

model::PostFields sampleFields()
{
    model::PostFields fields;
    fields.title = QStringLiteral("Grüße");
    fields.body = QStringLiteral("# Hi\n\n![x](attachment:") + sha + u')';
    fields.tags = {QStringLiteral("travel"), QStringLiteral("food")};
    fields.state = model::PublishState::Published;
    fields.cover = sha;
    return fields;
}

model::Revision sampleRevision(qint64 rev)
{
    model::Revision revision;
    revision.guid = guidA;
    revision.rev = rev;
    revision.fields = sampleFields();
    revision.createdBy = QStringLiteral("ada");
    revision.modifiedBy = QStringLiteral("bob");
    revision.modifiedAt = QDateTime(QDate(2026, 11, 26), QTime(9, 30, 1, 250), Qt::UTC);
    return revision;
}

ItemResult appliedWithMetadata(const QString &opId, qint64 rev)
{
    const model::Revision version = sampleRevision(rev);
    ItemResult result{opId, version.guid, ItemStatus::Applied, rev, {}};
    result.createdBy = version.createdBy;
    result.modifiedBy = version.modifiedBy;
    result.modifiedAt = version.modifiedAt;
    return result;
}

QByteArray compactQt(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// What QJsonDocument writes for the value tree of a JSON text.
QByteArray qtText(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).toJson(QJsonDocument::Compact);
}

QByteArray fieldsJson()
{
    return QByteArrayLiteral(
            R"({"title":"t","body":"b","tags":["x"],"status":"draft","cover":""})");
}

QByteArray changeJson(const QByteArray &extra = {})
{
    return QByteArrayLiteral(R"({"op_id":"op-1","guid":")") + guidA.toLatin1()
            + QByteArrayLiteral(R"(","base_rev":0,"deleted":false,"fields":)") + fieldsJson()
            + extra + '}';
}

QByteArray syncJson(const QByteArray &change)
{
    return QByteArrayLiteral(R"({"cursor":"","limit":10,"changes":[)") + change + "]}";
}

} // namespace

class tst_Codec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void syncRequestRoundTrips();
    void syncResponseRoundTrips();
    void syncMessagesAreTheTextQJsonDocumentWrites();
    void aLoneSurrogateIsWrittenAsQJsonDocumentWritesIt_data();
    void aLoneSurrogateIsWrittenAsQJsonDocumentWritesIt();
    void smallMessagesRoundTrip();
    void errorBodyRoundTripsAndMapsUnknownCodes();
    void tombstoneMayOmitFields();
    void epochIsOptionalAndOnlySentWhenKnown();
    void syncRequestRejectsMalformedInput_data();
    void syncRequestRejectsMalformedInput();
    void documentLimitsAreEnforced_data();
    void documentLimitsAreEnforced();
    void responsesMayExceedTheRequestLimit();
    void validateFieldsEnforcesContentLimits_data();
    void validateFieldsEnforcesContentLimits();
    void responseDecodingIsStrict_data();
    void responseDecodingIsStrict();
    void pulledChangeThatBreaksTheRulesIsSetAside_data();
    void pulledChangeThatBreaksTheRulesIsSetAside();
    void pulledChangesListItselfMustBeWellFormed();
    void cursorsParse_data();
    void cursorsParse();
    void httpStatusesMatchCodes();
};

void tst_Codec::syncRequestRoundTrips()
{
    SyncRequest request;
    request.cursor = QStringLiteral("42");
    request.epoch = QStringLiteral("0123456789abcdef0123456789abcdef");
    request.limit = 100;
    request.changes.append(Change{QStringLiteral("op:1"), guidA, 7, false, sampleFields()});
    request.changes.append(Change{QStringLiteral("op.2"), guidB, 0, true, {}});
    const Result<SyncRequest> decoded = decodeSyncRequest(encode(request));
    QVERIFY2(decoded, qPrintable(failure(decoded)));
    QCOMPARE(*decoded, request);
}

void tst_Codec::syncResponseRoundTrips()
{
    SyncResponse response;
    response.results.append(appliedWithMetadata(QStringLiteral("op-0"), 4));
    // A replayed op_id whose post has changed since: no metadata.
    response.results.append({QStringLiteral("op-1"), guidA, ItemStatus::Applied, 3, {}});
    response.results.append({QStringLiteral("op-2"), guidB, ItemStatus::Conflict, 2, {}});
    response.results.append({QStringLiteral("op-3"), guidB, ItemStatus::Rejected, 0,
                             Error{ErrorCode::TooLarge, QStringLiteral("title too long")}});
    response.conflicts.append(sampleRevision(2));
    model::Revision tombstone = sampleRevision(3);
    tombstone.deleted = true;
    response.changes = {sampleRevision(2), tombstone};
    response.cursor = QStringLiteral("3");
    response.more = true;
    response.epoch = QStringLiteral("fedcba9876543210fedcba9876543210");
    const Result<SyncResponse> decoded = decodeSyncResponse(encode(response));
    QVERIFY2(decoded, qPrintable(failure(decoded)));
    QCOMPARE(*decoded, response);
}

void tst_Codec::syncMessagesAreTheTextQJsonDocumentWrites()
{
    // The sync messages are written by JsonWriter, the rest by QJsonDocument. Random strings of
    // every kind of character (controls, quotes, backslashes, U+2028, DEL, astral planes; not
    // U+FEFF, which QJsonDocument's parser drops at the start of a string) and
    // numbers up to 2^53: each text must be what QJsonDocument writes for the same value tree
    // (its keys sorted, its escapes and numbers, to the byte), and decode to the same message.
    // NUL, which the decoders refuse, is still written as QJsonDocument writes it.
    model::PostFields withNul;
    withNul.body = QStringLiteral("a") + QChar(u'\0') + QStringLiteral("b");
    QCOMPARE(encode(withNul), compactQt(withNul.toJson()));
    QRandomGenerator random(20261206);
    const QList<char16_t> specials{u'"', u'\\', u'/', u'\n', u'\t',  u'\r', 0x08, 0x0c,  0x01,
                                   0x0b, 0x1b,  0x1f, 0x7f,  0x2028, u'é',  u'ß', 0x65e5};
    const auto text = [&](int length) {
        QString result;
        for (int i = 0; i < length; ++i) {
            const int kind = int(random.bounded(5));
            if (kind == 0) {
                result += QChar(specials.at(random.bounded(specials.size())));
            } else if (kind == 1) {
                result += QString::fromUcs4(U"\U0001F600\U0001D11E").mid(2 * random.bounded(2), 2);
            } else if (kind == 2) { // a run of plain ASCII, as in prose (written eight at a time)
                for (int run = int(random.bounded(24)); run > 0; --run)
                    result += QChar(char16_t(u'a' + random.bounded(26)));
            } else {
                result += QChar(char16_t(u' ' + random.bounded(95)));
            }
        }
        return result;
    };
    const auto revision = [&](qint64 rev) {
        model::Revision r = sampleRevision(rev);
        r.fields.title = text(int(random.bounded(20))).simplified(); // one line
        r.fields.body = text(int(random.bounded(400)));
        r.fields.tags = {QStringLiteral("tag ") + text(5)};
        r.createdBy = text(3);
        r.deleted = random.bounded(5) == 0;
        return r;
    };
    for (int round = 0; round < 50; ++round) {
        SyncRequest request;
        request.cursor = QString::number(random.bounded(1000000));
        request.epoch = round % 2 ? QStringLiteral("0123456789abcdef0123456789abcdef") : QString();
        request.limit = int(random.bounded(1000));
        for (int i = 0; i < 3; ++i) {
            model::Revision r = revision(i);
            if (r.deleted)
                r.fields = {}; // a delete carries no fields
            request.changes.append(Change{QStringLiteral("op-%1").arg(i), guidA,
                                          qint64(1) << (round + i), r.deleted, r.fields});
        }
        SyncResponse response;
        for (int i = 0; i < 3; ++i)
            response.changes.append(revision((qint64(1) << 53) - round - i));
        response.conflicts.append(revision(round + 1));
        response.results.append(appliedWithMetadata(QStringLiteral("op-a"), round));
        response.results.append({QStringLiteral("op-b"), guidB, ItemStatus::Rejected, 0,
                                 Error{ErrorCode::TooLarge, text(30)}});
        response.results.append({QStringLiteral("op-c"), guidB, ItemStatus::Conflict, 9, {}});
        response.cursor = QString::number(round);
        response.more = round % 3 == 0;
        response.epoch = request.epoch;

        for (const Change &change : std::as_const(request.changes)) // what op_ids hash
            QCOMPARE(encode(change.fields), compactQt(change.fields.toJson()));
        const QByteArray requestText = encode(request);
        QCOMPARE(qtText(requestText), requestText);
        // A push sends the fields its op_ids hashed, as they are: the same text.
        SyncRequest preEncoded = request;
        for (Change &change : preEncoded.changes)
            change.encodedFields = encode(change.fields);
        QCOMPARE(encode(preEncoded), requestText);
        const Result<SyncRequest> decodedRequest = decodeSyncRequest(requestText);
        QVERIFY2(decodedRequest, qPrintable(failure(decodedRequest)));
        QCOMPARE(*decodedRequest, request);
        const QByteArray responseText = encode(response);
        QCOMPARE(qtText(responseText), responseText);
        const Result<SyncResponse> decodedResponse = decodeSyncResponse(responseText);
        QVERIFY2(decodedResponse, qPrintable(failure(decodedResponse)));
        QCOMPARE(*decodedResponse, response);
        // Each revision's share of the answer, as the server's page budget counts it.
        qsizetype shares = 0;
        for (const model::Revision &change : std::as_const(response.changes))
            shares += encodedSize(change);
        SyncResponse withoutChanges = response;
        withoutChanges.changes.clear();
        QCOMPARE(encode(withoutChanges).size() + shares - 1, responseText.size());
    }
}

void tst_Codec::aLoneSurrogateIsWrittenAsQJsonDocumentWritesIt_data()
{
    QTest::addColumn<QString>("lone");
    const auto units = [](std::initializer_list<char16_t> list) {
        QString text;
        for (const char16_t unit : list)
            text.append(QChar(unit));
        return text;
    };
    QTest::newRow("high, then text") << units({0xd800});
    QTest::newRow("low") << units({0xdc00});
    QTest::newRow("two highs") << units({0xd83d, 0xd83d});
    QTest::newRow("low, then high") << units({0xdc00, 0xd800});
    QTest::newRow("a pair, then a high") << units({0xd83d, 0xde00, 0xd83d});
}

void tst_Codec::aLoneSurrogateIsWrittenAsQJsonDocumentWritesIt()
{
    // Never valid in a post (validateFields), but an encoder must not cut the text short.
    QFETCH(QString, lone);
    SyncResponse response;
    response.changes.append(sampleRevision(1));
    response.changes[0].fields.body = QStringLiteral("before ") + lone + QStringLiteral(" after");
    const QByteArray text = encode(response);
    const QJsonDocument document = QJsonDocument::fromJson(text);
    QVERIFY(document.isObject());
    QCOMPARE(qtText(text), text);
    const QString body = document.object()
                                 .value(QLatin1String("changes"))
                                 .toArray()
                                 .at(0)
                                 .toObject()
                                 .value(QLatin1String("fields"))
                                 .toObject()
                                 .value(QLatin1String("body"))
                                 .toString();
    QVERIFY2(body.endsWith(QLatin1String(" after")), qPrintable(body));
    QCOMPARE(encodedSize(response.changes.at(0)), text.size() - encode(SyncResponse()).size() + 1);
    // At the very end of a string.
    response.changes[0].fields.title = QStringLiteral("title ") + lone;
    const QByteArray ending = encode(response);
    QCOMPARE(qtText(ending), ending);
}

void tst_Codec::smallMessagesRoundTrip()
{
    const LoginRequest login{QStringLiteral("ada"), QStringLiteral("pässword \"quoted\"")};
    QCOMPARE(*decodeLoginRequest(encode(login)), login);
    const LoginResponse session{QStringLiteral("abc-_"),
                                QDateTime(QDate(2027, 1, 1), QTime(0, 0, 0, 5), Qt::UTC)};
    QCOMPARE(*decodeLoginResponse(encode(session)), session);
    const BlogList blogs{{{1, QStringLiteral("Travel")}, {7, QStringLiteral("Food")}}};
    QCOMPARE(*decodeBlogList(encode(blogs)), blogs);
    const MissingBlobsRequest missing{{sha, QString(64, u'0')}};
    QCOMPARE(*decodeMissingBlobsRequest(encode(missing)), missing);
    const MissingBlobsResponse absent{{sha}};
    QCOMPARE(*decodeMissingBlobsResponse(encode(absent)), absent);
}

void tst_Codec::errorBodyRoundTripsAndMapsUnknownCodes()
{
    const ErrorBody body{Error{ErrorCode::ResyncRequired, QStringLiteral("pull from 0")}};
    const QByteArray json = encode(body);
    QVERIFY(json.contains("\"resync-required\""));
    QCOMPARE(*decodeErrorBody(json), body);
    const Result<ErrorBody> unknown =
            decodeErrorBody(R"({"error":{"code":"brand-new","message":"m"}})");
    QVERIFY(unknown);
    QCOMPARE(unknown->error.code, ErrorCode::ServerError);
}

void tst_Codec::tombstoneMayOmitFields()
{
    const QByteArray json =
            syncJson(QByteArrayLiteral(R"({"op_id":"d","guid":")") + guidA.toLatin1()
                     + QByteArrayLiteral(R"(","base_rev":3,"deleted":true})"));
    const Result<SyncRequest> decoded = decodeSyncRequest(json);
    QVERIFY2(decoded, qPrintable(failure(decoded)));
    QVERIFY(decoded->changes.at(0).deleted);
    QCOMPARE(decoded->changes.at(0).baseRev, 3);
}

void tst_Codec::epochIsOptionalAndOnlySentWhenKnown()
{
    // A client without an epoch sends none, so servers from before epochs accept its requests.
    const QByteArray request = encode(SyncRequest{});
    QVERIFY(!request.contains("epoch"));
    const Result<SyncRequest> decodedRequest = decodeSyncRequest(request);
    QVERIFY2(decodedRequest, qPrintable(failure(decodedRequest)));
    QVERIFY(decodedRequest->epoch.isEmpty());
    // An answer without one (a server from before epochs) decodes with an empty epoch.
    SyncResponse response;
    response.cursor = QStringLiteral("0");
    const QByteArray answer = encode(response);
    QVERIFY(!answer.contains("epoch"));
    const Result<SyncResponse> decodedAnswer = decodeSyncResponse(answer);
    QVERIFY2(decodedAnswer, qPrintable(failure(decodedAnswer)));
    QVERIFY(decodedAnswer->epoch.isEmpty());
    QVERIFY(isValidEpoch(QStringLiteral("00112233445566778899aabbccddeeff")));
    for (const char *bad :
         {"", "00112233445566778899AABBCCDDEEFF", "00112233445566778899aabbccddeef",
          "00112233445566778899aabbccddeeff0", "00112233445566778899aabbccddeeg0"})
        QVERIFY2(!isValidEpoch(QString::fromLatin1(bad)), bad);
}

void tst_Codec::syncRequestRejectsMalformedInput_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("messagePart");
    const QByteArray guid = guidA.toLatin1();
    QTest::newRow("not json") << QByteArray("{nope") << "invalid JSON";
    QTest::newRow("empty") << QByteArray() << "invalid JSON";
    QTest::newRow("array at top") << QByteArray("[]") << "expected a JSON object";
    QTest::newRow("unknown top field")
            << QByteArray(R"({"cursor":"","admin":true})") << "admin: unknown field";
    QTest::newRow("unknown field with control characters")
            << QByteArray(R"({"a\u0000\u0017\ud800b":1})") << "a???b: unknown field";
    QTest::newRow("cursor number") << QByteArray(R"({"cursor":5})") << "cursor: expected a string";
    QTest::newRow("cursor text") << QByteArray(R"({"cursor":"abc"})") << "cursor: not a cursor";
    QTest::newRow("negative cursor") << QByteArray(R"({"cursor":"-1"})") << "not a cursor";
    QTest::newRow("empty epoch") << QByteArray(R"({"epoch":""})")
                                 << "epoch: expected 32 lower-case hexadecimal digits";
    QTest::newRow("epoch null") << QByteArray(R"({"epoch":null})")
                                << "epoch: expected a string, got null";
    QTest::newRow("epoch number") << QByteArray(R"({"epoch":12})") << "epoch: expected a string";
    QTest::newRow("epoch upper-case")
            << QByteArray(R"({"epoch":"0123456789ABCDEF0123456789ABCDEF"})")
            << "epoch: expected 32 lower-case hexadecimal digits";
    QTest::newRow("epoch too long")
            << QByteArray(R"({"epoch":"0123456789abcdef0123456789abcdef0"})")
            << "epoch: expected 32 lower-case hexadecimal digits";
    QTest::newRow("limit fraction")
            << QByteArray(R"({"limit":1.5})") << "limit: expected an integer";
    QTest::newRow("limit negative") << QByteArray(R"({"limit":-1})") << "limit: out of range";
    QTest::newRow("limit string") << QByteArray(R"({"limit":"10"})")
                                  << "limit: expected an integer";
    QTest::newRow("changes object")
            << QByteArray(R"({"changes":{}})") << "changes: expected an array";
    QTest::newRow("change not object") << syncJson("1") << "changes[0]: expected an object";
    QTest::newRow("bad guid") << syncJson(changeJson().replace(guid, "not-a-guid"))
                              << "changes[0].guid: not a lower-case UUID";
    QTest::newRow("upper-case guid")
            << syncJson(changeJson().replace(guid, guid.toUpper())) << "not a lower-case UUID";
    QTest::newRow("braced guid") << syncJson(
            changeJson().replace(guid, QByteArray('{' + guid + '}')))
                                 << "changes[0].guid";
    QTest::newRow("missing op_id") << syncJson(changeJson().replace(R"("op_id":"op-1",)", ""))
                                   << "changes[0].op_id: missing";
    QTest::newRow("bad op_id") << syncJson(changeJson().replace("op-1", "op 1"))
                               << "changes[0].op_id: expected";
    QTest::newRow("base_rev string")
            << syncJson(changeJson().replace(R"("base_rev":0)", R"("base_rev":"0")"))
            << "changes[0].base_rev: expected an integer";
    QTest::newRow("base_rev negative")
            << syncJson(changeJson().replace(R"("base_rev":0)", R"("base_rev":-2)"))
            << "base_rev: out of range";
    QTest::newRow("base_rev huge")
            << syncJson(changeJson().replace(R"("base_rev":0)", R"("base_rev":1e300)"))
            << "base_rev: out of range";
    QTest::newRow("deleted string")
            << syncJson(changeJson().replace(R"("deleted":false)", R"("deleted":"no")"))
            << "changes[0].deleted: expected a boolean";
    QTest::newRow("server metadata sent")
            << syncJson(changeJson(R"(,"rev":5)")) << "changes[0].rev: unknown field";
    QTest::newRow("missing fields")
            << syncJson(changeJson().replace(QByteArray(",\"fields\":" + fieldsJson()), ""))
            << "changes[0].fields: missing";
    QTest::newRow("unknown field in fields")
            << syncJson(changeJson().replace(R"("cover":"")", R"("cover":"","author":"x")"))
            << "changes[0].fields.author: unknown field";
    QTest::newRow("title null") << syncJson(
            changeJson().replace(R"("title":"t")", R"("title":null)"))
                                << "changes[0].fields.title: expected a string, got null";
    QTest::newRow("tag number") << syncJson(changeJson().replace(R"(["x"])", "[1]"))
                                << "changes[0].fields.tags[0]: expected a string";
    QTest::newRow("nul in title") << syncJson(
            changeJson().replace(R"("title":"t")", R"("title":"a\u0000b")"))
                                  << "changes[0].fields.title: contains a NUL character";
    QTest::newRow("lone surrogate in tag")
            << syncJson(changeJson().replace(R"(["x"])", R"(["\ud800"])"))
            << "changes[0].fields.tags[0]: contains a NUL character or invalid UTF-16";
    QTest::newRow("bad status") << syncJson(changeJson().replace(R"("draft")", R"("secret")"))
                                << "status: expected";
    QTest::newRow("cover too long") << syncJson(changeJson().replace(
            R"("cover":"")", QByteArray("\"cover\":\"" + QByteArray(65, 'a') + '"')))
                                    << "cover: longer than 64";
}

void tst_Codec::syncRequestRejectsMalformedInput()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, messagePart);
    const Result<SyncRequest> decoded = decodeSyncRequest(json);
    QVERIFY(!decoded);
    QVERIFY2(decoded.error().message.contains(messagePart), qPrintable(decoded.error().message));
    QVERIFY(decoded.error().code == ErrorCode::Malformed
            || decoded.error().code == ErrorCode::TooLarge);
}

void tst_Codec::documentLimitsAreEnforced_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("messagePart");
    Limits small;
    QTest::newRow("size") << QByteArray(R"({"cursor":")" + QByteArray(2000, '1') + R"("})")
                          << int(ErrorCode::TooLarge) << "exceeds the limit of 1000 bytes";
    QTest::newRow("depth") << QByteArray(R"({"a":[[[[[[[[[]]]]]]]]]})") << int(ErrorCode::Malformed)
                           << "nested deeper than 8";
    QTest::newRow("depth hidden in string is fine")
            << QByteArray(R"({"cursor":"[[[[[[[[[[[[", "x":1})") << int(ErrorCode::Malformed)
            << "x: unknown field";
    QByteArray many = "{\"changes\":[";
    for (int i = 0; i < 4; ++i)
        many += (i ? "," : "")
                + changeJson().replace("op-1", QByteArray("op-" + QByteArray::number(i)));
    many += "]}";
    QTest::newRow("changes per push")
            << many << int(ErrorCode::TooLarge) << "changes: more than 3 items";
    QTest::newRow("cursor length") << QByteArray(R"({"cursor":")" + QByteArray(40, '1') + R"("})")
                                   << int(ErrorCode::TooLarge) << "cursor: longer than 32";
    QTest::newRow("op_id length") << syncJson(changeJson().replace("op-1", QByteArray(65, 'o')))
                                  << int(ErrorCode::TooLarge) << "op_id: longer than 64";
}

void tst_Codec::documentLimitsAreEnforced()
{
    QFETCH(QByteArray, json);
    QFETCH(int, code);
    QFETCH(QString, messagePart);
    Limits limits;
    limits.maxDocumentBytes = 1000;
    limits.maxChangesPerPush = 3;
    if (json.size() > 1000 && code == int(ErrorCode::TooLarge) && !messagePart.contains("bytes"))
        limits.maxDocumentBytes = json.size();
    const Result<SyncRequest> decoded = decodeSyncRequest(json, limits);
    QVERIFY(!decoded);
    QCOMPARE(int(decoded.error().code), code);
    QVERIFY2(decoded.error().message.contains(messagePart), qPrintable(decoded.error().message));
}

void tst_Codec::responsesMayExceedTheRequestLimit()
{
    SyncResponse response;
    response.changes = {sampleRevision(1), sampleRevision(2)};
    response.cursor = QStringLiteral("2");
    const QByteArray json = encode(response);
    // encodedSize() accounts for each revision's share of the answer; the rest is the envelope.
    const qsizetype envelope = json.size() - 2 * encodedSize(response.changes.at(0));
    QVERIFY2(envelope > 0 && envelope < 100, qPrintable(QString::number(envelope)));
    Limits limits;
    limits.maxDocumentBytes = 100;
    limits.maxResponseBytes = json.size();
    QVERIFY(decodeSyncResponse(json, limits));
    QCOMPARE(decodeSyncRequest(json, limits).error().code, ErrorCode::TooLarge);
    limits.maxResponseBytes = json.size() - 1;
    QCOMPARE(decodeSyncResponse(json, limits).error().code, ErrorCode::TooLarge);
}

void tst_Codec::validateFieldsEnforcesContentLimits_data()
{
    QTest::addColumn<model::PostFields>("fields");
    QTest::addColumn<int>("code");
    const Limits limits;
    model::PostFields fields;
    QTest::newRow("empty post is fine") << fields << int(ErrorCode::None);
    fields.title = QString(limits.maxTitleLength, u't');
    QTest::newRow("title at limit") << fields << int(ErrorCode::None);
    fields.title += u't';
    QTest::newRow("title over limit") << fields << int(ErrorCode::TooLarge);
    fields = {};
    fields.body = QString(limits.maxBodyLength + 1, u'b');
    QTest::newRow("body over limit") << fields << int(ErrorCode::TooLarge);
    fields = {};
    for (int i = 0; i <= limits.maxTags; ++i)
        fields.tags.append(QString::number(i));
    QTest::newRow("too many tags") << fields << int(ErrorCode::TooLarge);
    fields = {};
    fields.tags = {QString(limits.maxTagLength + 1, u'x')};
    QTest::newRow("tag too long") << fields << int(ErrorCode::TooLarge);
    fields.tags = {QString()};
    QTest::newRow("empty tag") << fields << int(ErrorCode::InvalidArgument);
    fields.tags = {QStringLiteral("a"), QStringLiteral("a")};
    QTest::newRow("duplicate tag") << fields << int(ErrorCode::InvalidArgument);
    fields = {};
    fields.cover = QString(64, u'A');
    QTest::newRow("upper-case cover") << fields << int(ErrorCode::InvalidArgument);
    fields.cover = QString(63, u'a');
    QTest::newRow("short cover") << fields << int(ErrorCode::InvalidArgument);
}

void tst_Codec::validateFieldsEnforcesContentLimits()
{
    QFETCH(model::PostFields, fields);
    QFETCH(int, code);
    const Result<void> valid = validateFields(fields, Limits());
    QCOMPARE(int(valid ? ErrorCode::None : valid.error().code), code);
}

void tst_Codec::responseDecodingIsStrict_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("messagePart");
    SyncResponse response;
    response.results.append({QStringLiteral("op"), guidA, ItemStatus::Applied, 1, {}});
    response.changes.append(sampleRevision(1));
    response.cursor = QStringLiteral("1");
    const QByteArray good = encode(response);
    QVERIFY(decodeSyncResponse(good));
    QTest::newRow("unknown status")
            << QByteArray(good).replace("\"applied\"", "\"maybe\"") << "results[0].status";
    SyncResponse conflicted = response;
    conflicted.conflicts.append(sampleRevision(1));
    conflicted.changes.clear();
    QTest::newRow("bad time in a conflict")
            << encode(conflicted).replace("2026-11-26T09:30:01.250Z", "yesterday")
            << "conflicts[0].modified_at: not an ISO 8601 time";
    QTest::newRow("missing more") << QByteArray(good).replace(",\"more\":false", "")
                                  << "more: missing";
    QTest::newRow("bad epoch") << QByteArray(good).replace(",\"more\":false",
                                                           ",\"more\":false,\"epoch\":\"x\"")
                               << "epoch: expected 32 lower-case hexadecimal digits";
    QTest::newRow("error on applied") << QByteArray(good).replace(
            "\"status\":\"applied\"",
            "\"status\":\"applied\",\"error\":{\"code\":\"x\",\"message\":\"\"}")
                                      << "only allowed with status rejected";
    QTest::newRow("rejected without error")
            << QByteArray(good).replace("\"applied\"", "\"rejected\"")
            << "results[0].error: missing";
    SyncResponse applied;
    applied.results.append(appliedWithMetadata(QStringLiteral("op"), 1));
    applied.cursor = QStringLiteral("1");
    const QByteArray meta = encode(applied);
    QVERIFY(decodeSyncResponse(meta));
    QTest::newRow("metadata on a conflict")
            << QByteArray(meta).replace("\"applied\"", "\"conflict\"")
            << "results[0]: created_by, modified_by and modified_at are only allowed with status "
               "applied";
    QTest::newRow("metadata incomplete") << QByteArray(meta).replace("\"modified_by\":\"bob\",", "")
                                         << "results[0].modified_by: missing";
    QTest::newRow("created_by not a string")
            << QByteArray(meta).replace("\"created_by\":\"ada\"", "\"created_by\":7")
            << "results[0].created_by: expected a string, got a number";
    QTest::newRow("modified_by null")
            << QByteArray(meta).replace("\"modified_by\":\"bob\"", "\"modified_by\":null")
            << "results[0].modified_by: expected a string, got null";
    QTest::newRow("result modified_at not a time")
            << QByteArray(meta).replace("2026-11-26T09:30:01.250Z", "soon")
            << "results[0].modified_at: not an ISO 8601 time";
    QTest::newRow("unknown field in a result") << QByteArray(meta).replace(
            "\"created_by\":\"ada\"", "\"created_by\":\"ada\",\"author\":\"ada\"")
                                               << "results[0].author: unknown field";
    QTest::newRow("hash in missing list")
            << QByteArray(R"({"missing":["abc"]})") << "missing[0]: not a lower-case SHA-256";
}

void tst_Codec::responseDecodingIsStrict()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, messagePart);
    const bool missingList = json.startsWith("{\"missing\"");
    const Error error = missingList ? decodeMissingBlobsResponse(json).error()
                                    : decodeSyncResponse(json).error();
    QVERIFY(error.code != ErrorCode::None);
    QVERIFY2(error.message.contains(messagePart), qPrintable(error.message));
}

void tst_Codec::pulledChangeThatBreaksTheRulesIsSetAside_data()
{
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<QByteArray>("to");
    QTest::addColumn<QString>("messagePart");
    const QByteArray title = QStringLiteral("\"title\":\"Grüße\"").toUtf8();
    QTest::newRow("tombstone with an over-long title")
            << title << "\"title\":\"" + QByteArray(1001, 'x') + '"'
            << "changes[1].fields.title: longer than 1000 characters";
    QTest::newRow("tombstone with duplicate tags")
            << QByteArray("[\"travel\",\"food\"]") << QByteArray("[\"food\",\"food\"]")
            << "changes[1].fields.tags[1]: duplicate tag";
    QTest::newRow("tombstone with a bad cover")
            << QByteArray("\"cover\":\"") + sha.toLatin1() << QByteArray("\"cover\":\"../etc")
            << "changes[1].fields.cover";
    QTest::newRow("bad time") << QByteArray("2026-11-26T09:30:01.250Z") << QByteArray("yesterday")
                              << "changes[1].modified_at: not an ISO 8601 time";
    QTest::newRow("title of the wrong type")
            << title << QByteArray("\"title\":7")
            << "changes[1].fields.title: expected a string, got a number";
    QTest::newRow("unknown field")
            << QByteArray("\"deleted\":true") << QByteArray("\"deleted\":true,\"x\":1")
            << "changes[1].x: unknown field";
}

// A page with a valid change, then the one under test (a tombstone), then another valid one:
// the bad one is reported with its guid and rev, the other two decode.
void tst_Codec::pulledChangeThatBreaksTheRulesIsSetAside()
{
    QFETCH(QByteArray, from);
    QFETCH(QByteArray, to);
    QFETCH(QString, messagePart);
    model::Revision bad = sampleRevision(2);
    bad.guid = guidB;
    bad.deleted = true;
    SyncResponse response;
    response.changes = {sampleRevision(1), bad, sampleRevision(3)};
    response.changes[2].guid = QStringLiteral("11111111-2222-4333-8444-555555555555");
    response.cursor = QStringLiteral("3");
    const auto element = [](const model::Revision &revision) {
        SyncResponse one;
        one.changes = {revision};
        const QByteArray json = encode(one);
        const qsizetype start = json.indexOf("\"changes\":[") + 11;
        return json.mid(start, json.indexOf("],\"conflicts\"") - start);
    };
    QByteArray badChange = element(bad);
    QVERIFY2(badChange.contains(from), badChange.constData());
    badChange.replace(from, to);
    const QByteArray page = "{\"changes\":[" + element(response.changes[0]) + ',' + badChange + ','
            + element(response.changes[2])
            + "],\"conflicts\":[],\"cursor\":\"3\",\"more\":false,\"results\":[]}";

    const Result<SyncResponse> decoded = decodeSyncResponse(page);
    QVERIFY2(decoded, qPrintable(failure(decoded)));
    QCOMPARE(decoded->changes.size(), 2);
    QCOMPARE(decoded->changes[0], response.changes[0]);
    QCOMPARE(decoded->changes[1], response.changes[2]);
    QCOMPARE(decoded->cursor, QStringLiteral("3"));
    QCOMPARE(decoded->invalidChanges.size(), 1);
    const InvalidChange &invalid = decoded->invalidChanges.first();
    QCOMPARE(invalid.guid, guidB);
    QCOMPARE(invalid.rev, 2);
    QVERIFY(invalid.error.code == ErrorCode::Malformed || invalid.error.code == ErrorCode::TooLarge
            || invalid.error.code == ErrorCode::InvalidArgument);
    QVERIFY2(invalid.error.message.contains(messagePart), qPrintable(invalid.error.message));
}

// Only the elements are tolerated: a broken envelope still fails the whole answer, and an
// element without a valid guid is reported without one.
void tst_Codec::pulledChangesListItselfMustBeWellFormed()
{
    QCOMPARE(decodeSyncResponse(R"({"results":[],"conflicts":[],"changes":{},"cursor":"1",)"
                                R"("more":false})")
                     .error()
                     .code,
             ErrorCode::Malformed);
    QCOMPARE(decodeSyncResponse(R"({"results":[],"conflicts":[],"cursor":"1","more":false})")
                     .error()
                     .code,
             ErrorCode::Malformed);
    const Result<SyncResponse> decoded = decodeSyncResponse(
            R"({"results":[],"conflicts":[],"changes":[7,{"guid":"X","rev":0.5}],"cursor":"1",)"
            R"("more":false})");
    QVERIFY2(decoded, qPrintable(failure(decoded)));
    QCOMPARE(decoded->invalidChanges.size(), 2);
    QCOMPARE(decoded->invalidChanges[0].guid, QString());
    QCOMPARE(decoded->invalidChanges[0].error.message,
             QStringLiteral("changes[0]: expected an object"));
    QCOMPARE(decoded->invalidChanges[1].guid, QString());
    QCOMPARE(decoded->invalidChanges[1].rev, 0);
}

void tst_Codec::cursorsParse_data()
{
    QTest::addColumn<QString>("cursor");
    QTest::addColumn<qint64>("value");
    QTest::newRow("empty is start") << QString() << qint64(0);
    QTest::newRow("zero") << QStringLiteral("0") << qint64(0);
    QTest::newRow("number") << QStringLiteral("12345") << qint64(12345);
    QTest::newRow("fifteen digits") << QStringLiteral("999999999999999") << qint64(999999999999999);
    QTest::newRow("sixteen digits") << QStringLiteral("1000000000000000") << qint64(-1);
    QTest::newRow("sign") << QStringLiteral("+1") << qint64(-1);
    QTest::newRow("space") << QStringLiteral(" 1") << qint64(-1);
    QTest::newRow("arabic digits") << QStringLiteral("\u0661") << qint64(-1);
}

void tst_Codec::cursorsParse()
{
    QFETCH(QString, cursor);
    QFETCH(qint64, value);
    QCOMPARE(parseCursor(cursor).value_or(-1), value);
    if (value >= 0)
        QCOMPARE(parseCursor(cursorForRevision(value)).value_or(-1), value);
}

void tst_Codec::httpStatusesMatchCodes()
{
    QCOMPARE(httpStatus(ErrorCode::Malformed), 400);
    QCOMPARE(httpStatus(ErrorCode::Unauthorized), 401);
    QCOMPARE(httpStatus(ErrorCode::NotFound), 404);
    QCOMPARE(httpStatus(ErrorCode::ResyncRequired), 409);
    QCOMPARE(httpStatus(ErrorCode::TooLarge), 413);
    QCOMPARE(httpStatus(ErrorCode::RateLimited), 429);
    QCOMPARE(httpStatus(ErrorCode::ServerUnavailable), 503);
    QCOMPARE(errorCodeFromWire(wireCode(ErrorCode::ResyncRequired)), ErrorCode::ResyncRequired);
    // The server's own database errors are the server's: a client never takes them for its
    // local disk, and retries them like any server error.
    QCOMPARE(httpStatus(ErrorCode::DatabaseFull), 503);
    QCOMPARE(errorCodeFromWire(wireCode(ErrorCode::DatabaseFull)), ErrorCode::ServerError);
    QCOMPARE(errorCodeFromWire(wireCode(ErrorCode::DatabaseReadOnly)), ErrorCode::ServerError);
}

QTEST_GUILESS_MAIN(tst_Codec)
#include "tst_codec.moc"
