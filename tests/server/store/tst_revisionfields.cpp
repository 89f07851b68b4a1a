// How the server store keeps a revision's fields (server/store/revisionfields.h): short JSON as it
// is, longer JSON as a zstd frame, zlib rows of earlier servers still read, and damaged or crafted
// rows read as nothing, without allocating what their headers claim.
#include "server/store/revisionfields.h"

#include <QJsonDocument>
#include <QTest>
#include <QtEndian>

using namespace inkwell;
using namespace inkwell::server::store;

namespace {

model::PostFields prose(int paragraphs)
{
    model::PostFields fields;
    fields.title = QStringLiteral("Über den Fluss");
    for (int i = 0; i < paragraphs; ++i)
        fields.body += QStringLiteral("Absatz %1: the ferry left at dawn, \"late\" as always; "
                                      "die Straße nach Köln war lang.\n\n")
                               .arg(i);
    fields.tags = {QStringLiteral("travel"), QStringLiteral("river")};
    fields.state = model::PublishState::Published;
    return fields;
}

QByteArray jsonOf(const model::PostFields &fields)
{
    return QJsonDocument(fields.toJson()).toJson(QJsonDocument::Compact);
}

// A zstd frame header alone (magic, a descriptor with an 8-byte content size, that size): what a
// damaged or crafted row could start with.
QByteArray zstdHeaderClaiming(quint64 contentSize)
{
    QByteArray frame(4 + 1 + 8, '\0');
    qToLittleEndian<quint32>(0xFD2FB528u, frame.data());
    frame[4] = char(0xE0); // content size field of 8 bytes, single segment
    qToLittleEndian<quint64>(contentSize, frame.data() + 5);
    return frame + QByteArray(64, 'x');
}

} // namespace

class tst_RevisionFields : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shortFieldsStayPlain();
    void longFieldsAreAZstdFrameThatReadsBack();
    void zlibRowsOfEarlierServersStillRead();
    void damagedRowsReadAsNothing_data();
    void damagedRowsReadAsNothing();
};

void tst_RevisionFields::shortFieldsStayPlain()
{
    const QByteArray json = jsonOf(prose(1));
    QVERIFY(json.size() < 512);
    const StoredFields stored = storedFields(json);
    QCOMPARE(stored.encoding, 0);
    QCOMPARE(stored.bytes, json);
    QCOMPARE(fieldsFromStored(stored.encoding, stored.bytes), std::optional(prose(1)));
}

void tst_RevisionFields::longFieldsAreAZstdFrameThatReadsBack()
{
    for (int paragraphs : {10, 40, 4000}) {
        const QByteArray json = jsonOf(prose(paragraphs));
        const StoredFields stored = storedFields(json);
        QCOMPARE(stored.encoding, 2);
        QVERIFY2(stored.bytes.size() * 2 < json.size(),
                 qPrintable(QStringLiteral("%1 of %2 bytes")
                                    .arg(stored.bytes.size())
                                    .arg(json.size())));
        QCOMPARE(qFromLittleEndian<quint32>(stored.bytes.constData()), 0xFD2FB528u);
        QCOMPARE(fieldsFromStored(stored.encoding, stored.bytes), std::optional(prose(paragraphs)));
    }
}

void tst_RevisionFields::zlibRowsOfEarlierServersStillRead()
{
    const QByteArray json = jsonOf(prose(40));
    QCOMPARE(fieldsFromStored(1, qCompress(json, 1)), std::optional(prose(40)));
    QCOMPARE(fieldsFromStored(0, json), std::optional(prose(40)));
}

void tst_RevisionFields::damagedRowsReadAsNothing_data()
{
    QTest::addColumn<int>("encoding");
    QTest::addColumn<QByteArray>("bytes");
    const QByteArray frame = storedFields(jsonOf(prose(40))).bytes;
    QTest::newRow("zstd cut short") << 2 << frame.left(frame.size() / 2);
    QTest::newRow("zstd last byte changed")
            << 2 << frame.left(frame.size() - 1) + char(frame.back() ^ 0x5a);
    QTest::newRow("zstd claiming 1 TiB") << 2 << zstdHeaderClaiming(quint64(1) << 40);
    QTest::newRow("zstd claiming 65 MiB") << 2 << zstdHeaderClaiming(quint64(65) * 1024 * 1024);
    QTest::newRow("zstd claiming nothing") << 2 << zstdHeaderClaiming(0);
    QTest::newRow("not zstd") << 2 << QByteArray("{\"title\":\"plain JSON\"}");
    QTest::newRow("empty zstd") << 2 << QByteArray();
    QByteArray zlibClaiming4GiB(4, char(0xff));
    zlibClaiming4GiB += QByteArray(64, 'x');
    QTest::newRow("zlib claiming 4 GiB") << 1 << zlibClaiming4GiB;
    QTest::newRow("zlib garbage") << 1 << QByteArray("\x00\x00\x01\x00garbage", 11);
    QTest::newRow("zlib too short") << 1 << QByteArray("\x00\x01", 2);
    QTest::newRow("unknown encoding") << 3 << storedFields(jsonOf(prose(40))).bytes;
    QTest::newRow("plain, not JSON") << 0 << QByteArray("not json");
    QTest::newRow("plain, JSON array") << 0 << QByteArray("[1,2]");
}

void tst_RevisionFields::damagedRowsReadAsNothing()
{
    QFETCH(int, encoding);
    QFETCH(QByteArray, bytes);
    QVERIFY(!fieldsFromStored(encoding, bytes).has_value());
}

QTEST_GUILESS_MAIN(tst_RevisionFields)
#include "tst_revisionfields.moc"
