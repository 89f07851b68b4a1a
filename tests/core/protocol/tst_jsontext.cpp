// A key twice in one object (which JSON parsers let pass, keeping the last) and invalid UTF-8
// in a string are Malformed (400), for requests and answers alike; and the parse with simdjson
// gives the values QJsonDocument gives, both as Qt values (parseObject) and as the decoders read
// them straight from simdjson's DOM (JsonDocument).
#include "protocol/codec.h"
#include "protocol/jsonreader.h"
#include "protocol/jsontext.h"
#include "protocol/wireerror.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

#include <cmath>
#include <functional>

using namespace inkwell;
using namespace inkwell::protocol;

namespace {

const QByteArray guid = "6f1c2b9e-8a4d-4c3e-9b2a-1d2e3f4a5b6c";

QByteArray request(const QByteArray &title, const QByteArray &extraField = {})
{
    return R"({"cursor":"","changes":[{"op_id":"op-1","guid":")" + guid
            + R"(","base_rev":0,"fields":{"title":")" + title
            + R"(","body":"b","tags":[],"status":"draft","cover":""}, "deleted":false)" + extraField
            + "}]}";
}

// The error of a decode, or none (ErrorCode::None) when it succeeded.
template<typename T>
Error errorOf(const Result<T> &result)
{
    return result ? Error{} : result.error();
}

// Seeded random JSON values: strings of any characters (escapes, control characters,
// non-ASCII, surrogate pairs), numbers of every kind, nesting up to five levels.
class RandomJson
{
public:
    enum class Keys { AnyText, Few }; // object keys: random strings, or k0 to k3

    RandomJson(QRandomGenerator &random, Keys keys) : m_random(random), m_keys(keys) { }

    QString string()
    {
        QString text;
        for (int i = 0, n = int(m_random.bounded(40)); i < n; ++i) {
            switch (m_random.bounded(4)) {
            case 0:
                text += QChar(char16_t(m_random.bounded(0x20, 0x7f)));
                break;
            case 1:
                text += QChar(char16_t(m_random.bounded(0, 0x20))); // escaped by the encoder
                break;
            case 2:
                text += QChar(char16_t(m_random.bounded(0xa0, 0xd800)));
                break;
            default:
                text += QString::fromUcs4(U"\U0001F600\U0001D11E")
                                .mid(int(m_random.bounded(2)) * 2, 2);
            }
        }
        return text;
    }

    QJsonValue value(int depth)
    {
        switch (m_random.bounded(depth > 3 ? 4 : 6)) {
        case 0:
            return string();
        case 1:
            return QJsonValue(qint64(m_random.generate64()) >> m_random.bounded(64));
        case 2:
            return m_random.generateDouble() * std::pow(10.0, m_random.bounded(-20, 20));
        case 3:
            return m_random.bounded(2) == 0 ? QJsonValue(bool(m_random.bounded(2)))
                                            : QJsonValue(QJsonValue::Null);
        case 4: {
            QJsonArray array;
            for (int i = 0, n = int(m_random.bounded(5)); i < n; ++i)
                array.append(value(depth + 1));
            return array;
        }
        default: {
            QJsonObject object;
            for (int i = 0, n = int(m_random.bounded(5)); i < n; ++i) {
                const QString key = m_keys == Keys::AnyText
                        ? string()
                        : QStringLiteral("k%1").arg(m_random.bounded(4));
                object.insert(key, value(depth + 1));
            }
            return object;
        }
        }
    }

private:
    QRandomGenerator &m_random;
    Keys m_keys;
};

// Compares everything a decoder can ask of two values (every accessor, whatever the type, as
// QJsonValue answers for a value of another type); `reference` is Qt's reading of the document.
void compareReadings(const detail::JsonValue &read, const QJsonValue &reference,
                     const QString &path)
{
    const detail::JsonValue expected(reference);
    QCOMPARE(read.type(), expected.type());
    QCOMPARE(read.toString(), expected.toString());
    QCOMPARE(read.toDouble(), expected.toDouble());
    QCOMPARE(read.toBool(), expected.toBool());
    const detail::JsonArray array = read.toArray();
    QCOMPARE(array.size(), reference.toArray().size());
    qsizetype visited = 0;
    array.forEach([&](const detail::JsonValue &element, qsizetype i) {
        [&] { QCOMPARE(i, visited); }();
        compareReadings(element, reference.toArray().at(i),
                        path + u'[' + QString::number(i) + u']');
        ++visited;
        return !QTest::currentTestFailed();
    });
    QCOMPARE(visited, array.size());
    const detail::JsonObject object = read.toObject();
    const QJsonObject qtObject = reference.toObject();
    for (auto it = qtObject.constBegin(); it != qtObject.constEnd(); ++it) {
        const std::string key = it.key().toStdString();
        const std::optional<detail::JsonValue> value = object.value(key);
        QVERIFY2(value, qPrintable(path + QStringLiteral(": no key ") + it.key()));
        compareReadings(*value, it.value(), path + u'.' + it.key());
        if (QTest::currentTestFailed())
            return;
    }
    QVERIFY(!object.contains("no such key"));
    // Documents written by QJsonDocument have their keys in QJsonObject's order.
    QCOMPARE(object.unknownKey({}), detail::JsonObject(qtObject).unknownKey({}));
    QCOMPARE(object.unknownKey({"k0", "k1"}),
             detail::JsonObject(qtObject).unknownKey({"k0", "k1"}));
}

// The document's reading by the decoders against QJsonDocument's.
void compareDocumentReading(const QByteArray &json)
{
    detail::JsonDocument document;
    Error error;
    QVERIFY2(document.parse(json, 1 << 22, Limits{}, &error), qPrintable(error.message));
    const QJsonObject expected = QJsonDocument::fromJson(json).object();
    // The root as a value: through an object of one key, as the decoders meet nested objects.
    const QByteArray wrapped = "{\"root\":" + json + '}';
    detail::JsonDocument outer;
    QVERIFY2(outer.parse(wrapped, 1 << 22, Limits{}, &error), qPrintable(error.message));
    const std::optional<detail::JsonValue> root = outer.root().value("root");
    QVERIFY(root);
    compareReadings(*root, expected, QStringLiteral("root"));
    QCOMPARE(document.root().unknownKey({}), detail::JsonObject(expected).unknownKey({}));
}

} // namespace

class tst_JsonText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void duplicateKeysAreMalformed_data();
    void duplicateKeysAreMalformed();
    void sameKeyInDifferentObjectsIsFine();
    void objectOfTooManyKeysIsMalformed();
    void valuesAreCountedBeforeTheParse_data();
    void valuesAreCountedBeforeTheParse();
    void documentOfTooManyValuesIsRefusedUnparsed();
    void invalidUtf8IsMalformed_data();
    void invalidUtf8IsMalformed();
    void invalidUtf8InAKeyIsMalformed();
    void validNonAsciiDecodes_data();
    void validNonAsciiDecodes();
    void parsedAsQtParsesIt_data();
    void parsedAsQtParsesIt();
    void randomDocumentsParseAsQtParsesThem();
    void readersSeeWhatQtSees_data();
    void readersSeeWhatQtSees();
};

void tst_JsonText::duplicateKeysAreMalformed_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("top level") << QByteArray(R"({"cursor":"","cursor":"5"})");
    QTest::newRow("in a change") << request("t", R"(,"deleted":true)");
    QTest::newRow("escaped the same")
            << QByteArray(R"({"cursor":"","changes":[],"\u0063ursor":"5"})");
    QTest::newRow("escaped non-ASCII and raw UTF-8")
            << QStringLiteral(R"({"cursor":"","\u00e4\n":1,"ä\n":2})").toUtf8();
    QTest::newRow("among many keys")
            << QByteArray(R"({"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10,)"
                          R"("k":11,"c":12})");
    QTest::newRow("nested in an array")
            << QByteArray(R"({"changes":[{"op_id":"a"},{"op_id":"a","op_id":"b"}]})");
}

void tst_JsonText::duplicateKeysAreMalformed()
{
    QFETCH(QByteArray, json);
    const Error request = errorOf(decodeSyncRequest(json));
    QCOMPARE(request.code, ErrorCode::Malformed);
    QVERIFY2(request.message.contains(u"duplicate key"), qPrintable(request.message));
    QCOMPARE(httpStatus(request.code), 400);
    // Answers go through the same reading.
    const Error answer = errorOf(decodeSyncResponse(json));
    QCOMPARE(answer.code, ErrorCode::Malformed);
    QVERIFY2(answer.message.contains(u"duplicate key"), qPrintable(answer.message));
}

void tst_JsonText::sameKeyInDifferentObjectsIsFine()
{
    const QByteArray json = R"({"changes":[{"op_id":"a","guid":")" + guid
            + R"(","base_rev":0,"deleted":true},{"op_id":"b","guid":")" + guid
            + R"(","base_rev":0,"deleted":true}]})";
    const Result<SyncRequest> decoded = decodeSyncRequest(json);
    QVERIFY2(decoded, decoded ? "" : qPrintable(decoded.error().message));
    QCOMPARE(decoded->changes.size(), 2);
}

// Every object of the protocol has at most 8 keys; a bound keeps the duplicate check linear.
void tst_JsonText::objectOfTooManyKeysIsMalformed()
{
    QByteArray json = "{\"cursor\":\"\"";
    for (int i = 0; i < 63; ++i)
        json += ",\"k" + QByteArray::number(i) + "\":1";
    const Error unknown = errorOf(decodeSyncRequest(json + '}'));
    QVERIFY2(unknown.message.contains(u"unknown field"), qPrintable(unknown.message));
    const Error error = errorOf(decodeSyncRequest(json + ",\"k63\":1}"));
    QCOMPARE(error.code, ErrorCode::Malformed);
    QCOMPARE(error.message, QStringLiteral("more than 64 keys in the object at offset 0"));
}

// Every value counts once: containers, strings that are no keys, numbers and literals (however
// many characters they have), at any depth.
void tst_JsonText::valuesAreCountedBeforeTheParse_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("values");
    QTest::newRow("empty object") << QByteArray("{}") << 1;
    QTest::newRow("keys are no values") << QByteArray(R"({"a":1,"b":"x"})") << 3;
    QTest::newRow("long numbers and literals")
            << QByteArray(R"({"a":[12345,-6.5e3,true,null]})") << 6;
    QTest::newRow("strings in arrays") << QByteArray(R"({"a":["k","l",{"m":"n"}]})") << 6;
    QTest::newRow("whitespace") << QByteArray("{ \"a\" : [ 1 , 2 ] ,\n\t\"b\" : { } }") << 5;
}

void tst_JsonText::valuesAreCountedBeforeTheParse()
{
    QFETCH(QByteArray, json);
    QFETCH(int, values);
    Limits limits;
    limits.maxValuesPerDocument = values;
    Error error;
    QVERIFY2(detail::checkJsonText(json, limits, &error), qPrintable(error.message));
    limits.maxValuesPerDocument = values - 1;
    QVERIFY(!detail::checkJsonText(json, limits, &error));
    QCOMPARE(error.code, ErrorCode::Malformed);
    QCOMPARE(error.message, QStringLiteral("more than %1 values in the document").arg(values - 1));
}

// A request of the largest size made of small values (what costs a parser the most memory per
// byte) is refused by the count, with the default limits, before any parser sees it.
void tst_JsonText::documentOfTooManyValuesIsRefusedUnparsed()
{
    QByteArray json = "{\"cursor\":\"\",\"changes\":[";
    while (json.size() < Limits{}.maxDocumentBytes - 16)
        json += "[1,1,1,1,1,1,1,1],";
    json.chop(1);
    json += "]}";
    const Error error = errorOf(decodeSyncRequest(json));
    QCOMPARE(error.code, ErrorCode::Malformed);
    QCOMPARE(error.message, QStringLiteral("more than 1000000 values in the document"));
}

void tst_JsonText::invalidUtf8IsMalformed_data()
{
    QTest::addColumn<QByteArray>("title");
    QTest::newRow("lone continuation byte") << QByteArray("a\x80z");
    QTest::newRow("bad second byte") << QByteArray("\xC3\x28");
    QTest::newRow("overlong slash") << QByteArray("\xC0\xAF");
    QTest::newRow("overlong three bytes") << QByteArray("\xE0\x80\xAF");
    QTest::newRow("UTF-16 surrogate") << QByteArray("\xED\xA0\x80");
    QTest::newRow("past U+10FFFF") << QByteArray("\xF4\x90\x80\x80");
    QTest::newRow("cut off before the quote") << QByteArray("ok\xE2\x82");
    QTest::newRow("Latin-1") << QByteArray("Gr\xFC\xDF"
                                           "e");
}

void tst_JsonText::invalidUtf8IsMalformed()
{
    QFETCH(QByteArray, title);
    const Error error = errorOf(decodeSyncRequest(request(title)));
    QCOMPARE(error.code, ErrorCode::Malformed);
    QVERIFY2(error.message.contains(u"invalid UTF8 string"), qPrintable(error.message));
    QCOMPARE(errorOf(decodeSyncResponse(request(title))).code, ErrorCode::Malformed);
}

void tst_JsonText::invalidUtf8InAKeyIsMalformed()
{
    const Error error = errorOf(decodeSyncRequest("{\"cur\xFFsor\":\"\"}"));
    QCOMPARE(error.code, ErrorCode::Malformed);
    QVERIFY2(error.message.contains(u"invalid UTF8 string"), qPrintable(error.message));
}

void tst_JsonText::validNonAsciiDecodes_data()
{
    QTest::addColumn<QString>("title");
    QTest::newRow("Latin") << QStringLiteral("Grüße aus Köln");
    QTest::newRow("CJK") << QStringLiteral("日本語のタイトル");
    QTest::newRow("emoji (4 bytes)") << QStringLiteral("Fertig \U0001F389");
    QTest::newRow("U+FFFD itself") << QStringLiteral("\uFFFD");
    QTest::newRow("last code point") << QStringLiteral("\U0010FFFF");
    QTest::newRow("escaped quote before non-ASCII") << QStringLiteral("\"ä\"");
}

void tst_JsonText::validNonAsciiDecodes()
{
    QFETCH(QString, title);
    SyncRequest sync;
    sync.changes.append({QStringLiteral("op-1"), QString::fromLatin1(guid), 0, false, {}});
    sync.changes[0].fields.title = title;
    const Result<SyncRequest> decoded = decodeSyncRequest(encode(sync));
    QVERIFY2(decoded, decoded ? "" : qPrintable(decoded.error().message));
    QCOMPARE(decoded->changes[0].fields.title, title);
    // The same as raw UTF-8 written by hand (not through QJsonDocument).
    QString escaped = title;
    escaped.replace(u'"', QStringLiteral("\\\""));
    const Result<SyncRequest> raw = decodeSyncRequest(request(escaped.toUtf8()));
    QVERIFY2(raw, raw ? "" : qPrintable(raw.error().message));
    QCOMPARE(raw->changes[0].fields.title, title);
}

// parseObject() reads with simdjson and falls back to QJsonDocument only for what simdjson
// refuses; the values must be those QJsonDocument gives, whichever parser read them.
void tst_JsonText::parsedAsQtParsesIt_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("empty") << QByteArray("{}");
    QTest::newRow("prose with escapes")
            << QByteArray(R"({"body":"# Title\n\nA \"quoted\" line,\ttab\\ and \/slash.\r\n"})");
    QTest::newRow("unicode") << QByteArray(
            "{\"t\":\"Gr\xC3\xBC\xC3\x9F \xE2\x82\xAC \xF0\x9F\x98\x80\"}");
    QTest::newRow("escaped unicode and a surrogate pair")
            << QByteArray(R"({"t":"\u00e9\u20ac\ud83d\ude00\u0041"})");
    QTest::newRow("numbers") << QByteArray(
            R"({"a":0,"b":-1,"c":9007199254740993,"d":-9223372036854775808,)"
            R"("e":18446744073709551615,"f":1.5,"g":-2.5e-3,"h":1E10,"i":1.0})");
    QTest::newRow("nested") << QByteArray(R"({"a":[1,[2,[3,{"b":null}]],true,false,""],"c":{}})");
    // What simdjson refuses and QJsonDocument takes: the fallback keeps the old reading.
    QTest::newRow("lone surrogate") << QByteArray(R"({"t":"a\ud800b"})");
    QTest::newRow("raw control character") << QByteArray("{\"t\":\"a\x01b\"}");
    QTest::newRow("number beyond 64 bits") << QByteArray(R"({"n":123456789012345678901234567890})");
}

void tst_JsonText::parsedAsQtParsesIt()
{
    QFETCH(QByteArray, json);
    Error error;
    const auto parsed = detail::parseObject(json, 1 << 20, Limits{}, &error);
    QVERIFY2(parsed, qPrintable(error.message));
    const QJsonObject expected = QJsonDocument::fromJson(json).object();
    QCOMPARE(*parsed, expected);
    QCOMPARE(QJsonDocument(*parsed).toJson(), QJsonDocument(expected).toJson());
}

// Seeded random documents: strings of any characters (escapes, control characters, non-ASCII,
// surrogate pairs), numbers of every kind, nesting.
void tst_JsonText::randomDocumentsParseAsQtParsesThem()
{
    QRandomGenerator random(16);
    RandomJson json(random, RandomJson::Keys::AnyText);
    for (int round = 0; round < 300; ++round) {
        QJsonObject document;
        for (int i = 0, n = int(random.bounded(1, 8)); i < n; ++i)
            document.insert(QStringLiteral("k%1").arg(i), json.value(0));
        const QByteArray text = QJsonDocument(document).toJson(
                random.bounded(2) ? QJsonDocument::Compact : QJsonDocument::Indented);
        Error error;
        const auto parsed = detail::parseObject(text, 1 << 22, Limits{}, &error);
        QVERIFY2(parsed, qPrintable(error.message + QStringLiteral(" in ") + text.left(200)));
        QCOMPARE(*parsed, QJsonDocument::fromJson(text).object());
    }
}

// The decoders read simdjson's DOM directly (detail::JsonValue); what they see must be what they
// saw of Qt's values before, for the documents simdjson reads and for those it leaves to
// QJsonDocument.
void tst_JsonText::readersSeeWhatQtSees_data()
{
    parsedAsQtParsesIt_data();
}

void tst_JsonText::readersSeeWhatQtSees()
{
    QFETCH(QByteArray, json);
    compareDocumentReading(json);
    if (QTest::currentTestFailed())
        return;
    // And seeded random documents of every kind of value; their keys k0 to k3 make unknownKey()
    // name one.
    if (QByteArray(QTest::currentDataTag()) != "nested")
        return;
    QRandomGenerator random(17);
    RandomJson values(random, RandomJson::Keys::Few);
    for (int round = 0; round < 200 && !QTest::currentTestFailed(); ++round) {
        QJsonObject document;
        for (int i = 0, n = int(random.bounded(1, 8)); i < n; ++i)
            document.insert(QStringLiteral("k%1").arg(i), values.value(0));
        compareDocumentReading(QJsonDocument(document).toJson(QJsonDocument::Compact));
    }
}

QTEST_GUILESS_MAIN(tst_JsonText)
#include "tst_jsontext.moc"
