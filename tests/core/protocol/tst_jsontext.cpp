// A key twice in one object (which QJsonDocument lets pass, keeping the last) and invalid UTF-8
// in a string (which its parser refuses) are Malformed (400), for requests and answers alike.
#include "protocol/codec.h"
#include "protocol/wireerror.h"

#include <QTest>

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

} // namespace

class tst_JsonText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void duplicateKeysAreMalformed_data();
    void duplicateKeysAreMalformed();
    void sameKeyInDifferentObjectsIsFine();
    void objectOfTooManyKeysIsMalformed();
    void invalidUtf8IsMalformed_data();
    void invalidUtf8IsMalformed();
    void invalidUtf8InAKeyIsMalformed();
    void validNonAsciiDecodes_data();
    void validNonAsciiDecodes();
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

QTEST_GUILESS_MAIN(tst_JsonText)
#include "tst_jsontext.moc"
