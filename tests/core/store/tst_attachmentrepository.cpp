#include "model/attachment.h"
#include "store/attachmentrepository.h"
#include "store/localstore.h"
#include "storetestutil.h"
#include "support/tempdir.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace inkwell;
using namespace inkwell::store;
using model::Attachment;

namespace {

// The 8-byte PNG signature and an IHDR chunk header: enough for MIME sniffing.
QByteArray pngBytes(char fill)
{
    return QByteArray::fromHex("89504e470d0a1a0a0000000d49484452") + QByteArray(4096, fill);
}

} // namespace

class TestAttachmentRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void storesEqualBytesOnce();
    void readsBackDataAndMetadata();
    void sniffsMimeTypeWhenNotGiven();
    void addVerifiedRefusesWrongHashAndStoresNothing_data();
    void addVerifiedRefusesWrongHashAndStoresNothing();
    void addVerifiedStoresMatchingData();
    void missingListsAbsentHashesInOrder();
    void unknownHashIsNotFound();

private:
    test::TempDir m_dir;
    std::unique_ptr<LocalStore> m_store;
    int m_next = 0;
};

void TestAttachmentRepository::init()
{
    m_store = std::make_unique<LocalStore>(m_dir.filePath(QStringLiteral("a%1.db").arg(m_next++)));
    QVERIFY(m_store->open());
}

void TestAttachmentRepository::cleanup()
{
    m_store.reset();
}

void TestAttachmentRepository::storesEqualBytesOnce()
{
    QSignalSpy added(m_store.get(), &LocalStore::attachmentsAdded);
    const QByteArray bytes = pngBytes('a');
    auto first = m_store->attachments().add(bytes, QStringLiteral("image/png"));
    auto second = m_store->attachments().add(bytes, QStringLiteral("image/png"));
    QVERIFY(first);
    QVERIFY(second);
    QCOMPARE(first->sha256, Attachment::hashOf(bytes));
    QCOMPARE(second->sha256, first->sha256);
    QCOMPARE(added.count(), 1);
    QCOMPARE(added.at(0).at(0).toStringList(), QStringList{first->sha256});
    QCOMPARE(test::rawExec(m_store->path(), {QStringLiteral("SELECT count(*) FROM attachments")})
                     .toInt(),
             1);
    QVERIFY(m_store->attachments().add(pngBytes('b')));
    QCOMPARE(test::rawExec(m_store->path(), {QStringLiteral("SELECT count(*) FROM attachments")})
                     .toInt(),
             2);
}

void TestAttachmentRepository::readsBackDataAndMetadata()
{
    const QByteArray bytes = pngBytes('r');
    auto stored = m_store->attachments().add(bytes, QStringLiteral("image/png"));
    auto read = m_store->attachments().attachment(stored->sha256);
    QVERIFY(read);
    QCOMPARE(read->data, bytes);
    QCOMPARE(read->size, bytes.size());
    QCOMPARE(read->mimeType, QStringLiteral("image/png"));
    QCOMPARE(*read, *stored);
    auto metadata = m_store->attachments().metadata(stored->sha256);
    QVERIFY(metadata);
    QVERIFY(metadata->data.isEmpty());
    QCOMPARE(metadata->size, bytes.size());
    QCOMPARE(metadata->sha256, stored->sha256);
}

void TestAttachmentRepository::sniffsMimeTypeWhenNotGiven()
{
    auto stored = m_store->attachments().add(pngBytes('s'));
    QCOMPARE(stored->mimeType, QStringLiteral("image/png"));
    QCOMPARE(m_store->attachments().metadata(stored->sha256)->mimeType,
             QStringLiteral("image/png"));
}

void TestAttachmentRepository::addVerifiedRefusesWrongHashAndStoresNothing_data()
{
    QTest::addColumn<QString>("claimedHash");
    QTest::addColumn<qint64>("claimedSize");
    QTest::addColumn<int>("error");
    const QByteArray bytes = pngBytes('v');
    QTest::newRow("hash of other bytes")
            << Attachment::hashOf("other") << qint64(0) << int(ErrorCode::HashMismatch);
    QTest::newRow("wrong size") << Attachment::hashOf(bytes) << qint64(3)
                                << int(ErrorCode::HashMismatch);
    QTest::newRow("upper-case hash")
            << Attachment::hashOf(bytes).toUpper() << qint64(0) << int(ErrorCode::InvalidArgument);
    QTest::newRow("not a hash") << QStringLiteral("../x") << qint64(0)
                                << int(ErrorCode::InvalidArgument);
}

void TestAttachmentRepository::addVerifiedRefusesWrongHashAndStoresNothing()
{
    QFETCH(QString, claimedHash);
    QFETCH(qint64, claimedSize);
    QFETCH(int, error);
    Attachment downloaded;
    downloaded.sha256 = claimedHash;
    downloaded.size = claimedSize;
    downloaded.mimeType = QStringLiteral("image/png");
    downloaded.data = pngBytes('v');
    auto stored = m_store->attachments().addVerified(downloaded);
    QVERIFY(!stored);
    QCOMPARE(int(stored.error().code), error);
    QCOMPARE(test::rawExec(m_store->path(), {QStringLiteral("SELECT count(*) FROM attachments")})
                     .toInt(),
             0);
}

void TestAttachmentRepository::addVerifiedStoresMatchingData()
{
    Attachment downloaded;
    downloaded.data = pngBytes('m');
    downloaded.sha256 = Attachment::hashOf(downloaded.data);
    downloaded.mimeType = QStringLiteral("image/png");
    auto stored = m_store->attachments().addVerified(downloaded);
    QVERIFY(stored);
    QCOMPARE(stored->size, downloaded.data.size());
    QCOMPARE(m_store->attachments().attachment(downloaded.sha256)->data, downloaded.data);
}

void TestAttachmentRepository::missingListsAbsentHashesInOrder()
{
    const QString a = m_store->attachments().add(pngBytes('1'))->sha256;
    const QString absent1 = Attachment::hashOf("absent 1");
    const QString absent2 = Attachment::hashOf("absent 2");
    auto missing = m_store->attachments().missing({absent2, a, absent1});
    QVERIFY(missing);
    QCOMPARE(*missing, (QStringList{absent2, absent1}));
    QCOMPARE(*m_store->attachments().missing({}), QStringList());
}

void TestAttachmentRepository::unknownHashIsNotFound()
{
    const QString unknown = Attachment::hashOf("unknown");
    QCOMPARE(m_store->attachments().attachment(unknown).error().code, ErrorCode::NotFound);
    QCOMPARE(m_store->attachments().metadata(unknown).error().code, ErrorCode::NotFound);
}

QTEST_GUILESS_MAIN(TestAttachmentRepository)
#include "tst_attachmentrepository.moc"
