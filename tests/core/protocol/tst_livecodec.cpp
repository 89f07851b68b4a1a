#include "protocol/live.h"

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

} // namespace

class tst_LiveCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void capabilitiesRoundTrip();
    void liveStateRoundTrips();
    void presenceUpdateRoundTrips();
    void presenceUpdateWireForm();
    void rejectsMalformedInput_data();
    void rejectsMalformedInput();
};

void tst_LiveCodec::capabilitiesRoundTrip()
{
    const Capabilities capabilities{{QStringLiteral("history"), QStringLiteral("live"),
                                     QStringLiteral("presence"), QStringLiteral("future")}};
    const Result<Capabilities> decoded = decodeCapabilities(encode(capabilities));
    QVERIFY2(decoded, qPrintable(failure(decoded)));
    QCOMPARE(*decoded, capabilities);
    QVERIFY(decoded->has(QString::fromLatin1(kFeatureLive)));
    QVERIFY(!decoded->has(QStringLiteral("websocket")));
}

void tst_LiveCodec::liveStateRoundTrips()
{
    const LiveState state{
            42,
            QStringLiteral("p-17"),
            {PresenceEntry{guid, QStringLiteral("Anna"), QStringLiteral("editing"), 30},
             PresenceEntry{guid, QStringLiteral("bob"), QStringLiteral("editing"), 0}}};
    const Result<LiveState> decoded = decodeLiveState(encode(state));
    QVERIFY2(decoded, qPrintable(failure(decoded)));
    QCOMPARE(*decoded, state);

    const LiveState empty{0, QStringLiteral("0"), {}};
    const Result<LiveState> decodedEmpty = decodeLiveState(encode(empty));
    QVERIFY2(decodedEmpty, qPrintable(failure(decodedEmpty)));
    QCOMPARE(*decodedEmpty, empty);
}

void tst_LiveCodec::presenceUpdateRoundTrips()
{
    const PresenceUpdate editing{guid, QStringLiteral("editing")};
    const Result<PresenceUpdate> decoded = decodePresenceUpdate(encode(editing));
    QVERIFY2(decoded, qPrintable(failure(decoded)));
    QCOMPARE(*decoded, editing);

    const PresenceUpdate closed{QString(), QStringLiteral("editing")};
    const Result<PresenceUpdate> decodedClosed = decodePresenceUpdate(encode(closed));
    QVERIFY2(decodedClosed, qPrintable(failure(decodedClosed)));
    QVERIFY(decodedClosed->guid.isEmpty());
}

void tst_LiveCodec::presenceUpdateWireForm()
{
    QCOMPARE(encode(PresenceUpdate{}), QByteArray(R"({"guid":null})"));
    const Result<PresenceUpdate> withoutState =
            decodePresenceUpdate(QByteArray(R"({"guid":")" + guid.toUtf8() + R"("})"));
    QVERIFY2(withoutState, qPrintable(failure(withoutState)));
    QCOMPARE(withoutState->state, QStringLiteral("editing"));
}

void tst_LiveCodec::rejectsMalformedInput_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");
    const QByteArray entry = R"({"guid":")" + guid.toUtf8()
            + R"(","user":"anna","state":"editing","seconds_left":12})";
    QTest::newRow("capabilities: unknown field")
            << "capabilities" << QByteArray(R"({"features":[],"x":1})") << "x: unknown field";
    QTest::newRow("capabilities: not strings")
            << "capabilities" << QByteArray(R"({"features":[1]})") << "features[0]";
    QTest::newRow("capabilities: missing") << "capabilities" << QByteArray("{}") << "features";
    QTest::newRow("live: unknown field")
            << "live" << QByteArray(R"({"rev":1,"presence_token":"t","presence":[],"x":1})")
            << "x: unknown field";
    QTest::newRow("live: unknown field in an entry")
            << "live"
            << QByteArray(R"({"rev":1,"presence_token":"t","presence":[)"
                          + QByteArray(entry).replace("}", R"(,"cursor":3})") + "]}")
            << "presence[0].cursor: unknown field";
    QTest::newRow("live: negative rev")
            << "live" << QByteArray(R"({"rev":-1,"presence_token":"t","presence":[]})") << "rev";
    QTest::newRow("live: missing token")
            << "live" << QByteArray(R"({"rev":1,"presence":[]})") << "presence_token";
    QTest::newRow("live: bad guid")
            << "live"
            << QByteArray(R"({"rev":1,"presence_token":"t","presence":[)"
                          + QByteArray(entry).replace(guid.toUtf8(), "x") + "]}")
            << "presence[0].guid";
    QTest::newRow("live: seconds beyond the ttl")
            << "live"
            << QByteArray(R"({"rev":1,"presence_token":"t","presence":[)"
                          + QByteArray(entry).replace("12", "3600") + "]}")
            << "presence[0].seconds_left";
    QTest::newRow("presence: unknown field")
            << "presence" << QByteArray(R"({"guid":null,"lock":true})") << "lock: unknown field";
    QTest::newRow("presence: missing guid")
            << "presence" << QByteArray(R"({"state":"editing"})") << "guid";
    QTest::newRow("presence: guid a number") << "presence" << QByteArray(R"({"guid":5})") << "guid";
    QTest::newRow("presence: bad guid")
            << "presence" << QByteArray(R"({"guid":"ABC"})") << "guid: not a lower-case UUID";
    QTest::newRow("presence: unknown state")
            << "presence" << QByteArray(R"({"guid":")" + guid.toUtf8() + R"(","state":"locking"})")
            << "state: unknown state";
    QTest::newRow("presence: not json") << "presence" << QByteArray("{") << "invalid JSON";
    QTest::newRow("presence: oversized")
            << "presence"
            << QByteArray(R"({"guid":")" + QByteArray(17 * 1024 * 1024, 'a') + R"("})")
            << "exceeds the limit";
}

void tst_LiveCodec::rejectsMalformedInput()
{
    QFETCH(QString, kind);
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    Error error;
    if (kind == QLatin1String("capabilities")) {
        const Result<Capabilities> decoded = decodeCapabilities(json);
        QVERIFY(!decoded);
        error = decoded.error();
    } else if (kind == QLatin1String("live")) {
        const Result<LiveState> decoded = decodeLiveState(json);
        QVERIFY(!decoded);
        error = decoded.error();
    } else {
        const Result<PresenceUpdate> decoded = decodePresenceUpdate(json);
        QVERIFY(!decoded);
        error = decoded.error();
    }
    QVERIFY2(error.message.contains(message), qPrintable(error.message));
}

QTEST_GUILESS_MAIN(tst_LiveCodec)
#include "tst_livecodec.moc"
