#include "support/credentialtestutil.h"
#include "support/tempdir.h"

#include "net/filecredentialstore.h"

#include <QFile>
#include <QTest>

using namespace inkwell;
using namespace inkwell::net;
using namespace inkwell::test;

namespace {

const QUrl kServer(QStringLiteral("https://blog.example.org/"));
const QUrl kOtherServer(QStringLiteral("https://other.example.org"));

} // namespace

class TestFileCredentialStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void storesTokenWithOwnerOnlyPermissions();
    void tokenSurvivesReopen();
    void keepsAccountsApart();
    void overwriteAndRemove();
    void missingTokenIsNotFound();
    void damagedFileIsReportedAndKeptAside();
    void createsTheProfileFolder();
    void accountKeyIgnoresTrailingSlashAndUserInfo();
};

void TestFileCredentialStore::storesTokenWithOwnerOnlyPermissions()
{
    TempDir dir;
    FileCredentialStore store(dir.filePath(QStringLiteral("token.json")));
    const auto written =
            writeNow(store, kServer, QStringLiteral("ana"), QStringLiteral("t0k3n"), this);
    QVERIFY(written && written->hasValue());
    QCOMPARE(QFile::permissions(store.filePath()),
             QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser);
    QVERIFY(!QFile::exists(store.filePath() + QStringLiteral(".damaged")));
}

void TestFileCredentialStore::tokenSurvivesReopen()
{
    TempDir dir;
    const QString path = dir.filePath(QStringLiteral("token.json"));
    {
        FileCredentialStore store(path);
        QVERIFY(writeNow(store, kServer, QStringLiteral("ana"), QStringLiteral("ä-token"), this)
                        ->hasValue());
    }
    FileCredentialStore reopened(path);
    const auto token = readNow(reopened, kServer, QStringLiteral("ana"), this);
    QVERIFY(token && token->hasValue());
    QCOMPARE(token->value(), QStringLiteral("ä-token"));
}

void TestFileCredentialStore::keepsAccountsApart()
{
    TempDir dir;
    FileCredentialStore store(dir.filePath(QStringLiteral("token.json")));
    QVERIFY(writeNow(store, kServer, QStringLiteral("ana"), QStringLiteral("a"), this)->hasValue());
    QVERIFY(writeNow(store, kServer, QStringLiteral("bo"), QStringLiteral("b"), this)->hasValue());
    QVERIFY(writeNow(store, kOtherServer, QStringLiteral("ana"), QStringLiteral("c"), this)
                    ->hasValue());
    QCOMPARE(readNow(store, kServer, QStringLiteral("ana"), this)->value(), QStringLiteral("a"));
    QCOMPARE(readNow(store, kServer, QStringLiteral("bo"), this)->value(), QStringLiteral("b"));
    QCOMPARE(readNow(store, kOtherServer, QStringLiteral("ana"), this)->value(),
             QStringLiteral("c"));
}

void TestFileCredentialStore::overwriteAndRemove()
{
    TempDir dir;
    FileCredentialStore store(dir.filePath(QStringLiteral("token.json")));
    QVERIFY(writeNow(store, kServer, QStringLiteral("ana"), QStringLiteral("old"), this)
                    ->hasValue());
    QVERIFY(writeNow(store, kServer, QStringLiteral("ana"), QStringLiteral("new"), this)
                    ->hasValue());
    QCOMPARE(readNow(store, kServer, QStringLiteral("ana"), this)->value(), QStringLiteral("new"));
    QVERIFY(removeNow(store, kServer, QStringLiteral("ana"), this)->hasValue());
    QCOMPARE(readNow(store, kServer, QStringLiteral("ana"), this)->error().code,
             ErrorCode::NotFound);
    QVERIFY(removeNow(store, kServer, QStringLiteral("ana"), this)
                    ->hasValue()); // already gone: fine
}

void TestFileCredentialStore::missingTokenIsNotFound()
{
    TempDir dir;
    FileCredentialStore store(dir.filePath(QStringLiteral("token.json")));
    const auto token = readNow(store, kServer, QStringLiteral("ana"), this);
    QVERIFY(token);
    QCOMPARE(token->error().code, ErrorCode::NotFound);
    QVERIFY(!QFile::exists(store.filePath()));
}

void TestFileCredentialStore::damagedFileIsReportedAndKeptAside()
{
    TempDir dir;
    const QString path = dir.filePath(QStringLiteral("token.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{not json");
    file.close();
    FileCredentialStore store(path);
    const auto token = readNow(store, kServer, QStringLiteral("ana"), this);
    QCOMPARE(token->error().code, ErrorCode::Malformed);
    QVERIFY(token->error().message.contains(path));

    QVERIFY(writeNow(store, kServer, QStringLiteral("ana"), QStringLiteral("fresh"), this)
                    ->hasValue());
    QCOMPARE(readNow(store, kServer, QStringLiteral("ana"), this)->value(),
             QStringLiteral("fresh"));
    QFile aside(path + QStringLiteral(".damaged"));
    QVERIFY(aside.open(QIODevice::ReadOnly));
    QCOMPARE(aside.readAll(), QByteArray("{not json"));
}

void TestFileCredentialStore::createsTheProfileFolder()
{
    TempDir dir;
    FileCredentialStore store(dir.filePath(QStringLiteral("new/profile/token.json")));
    QVERIFY(writeNow(store, kServer, QStringLiteral("ana"), QStringLiteral("t"), this)->hasValue());
    QCOMPARE(readNow(store, kServer, QStringLiteral("ana"), this)->value(), QStringLiteral("t"));
}

void TestFileCredentialStore::accountKeyIgnoresTrailingSlashAndUserInfo()
{
    QCOMPARE(CredentialStore::accountKey(QUrl(QStringLiteral("https://x.org/")),
                                         QStringLiteral("a")),
             CredentialStore::accountKey(QUrl(QStringLiteral("https://x.org")),
                                         QStringLiteral("a")));
    QCOMPARE(CredentialStore::accountKey(QUrl(QStringLiteral("https://u:pw@x.org")),
                                         QStringLiteral("a")),
             CredentialStore::accountKey(QUrl(QStringLiteral("https://x.org")),
                                         QStringLiteral("a")));
    QVERIFY(CredentialStore::accountKey(QUrl(QStringLiteral("https://x.org")), QStringLiteral("a"))
            != CredentialStore::accountKey(QUrl(QStringLiteral("https://x.org:8443")),
                                           QStringLiteral("a")));
}

QTEST_GUILESS_MAIN(TestFileCredentialStore)
#include "tst_filecredentialstore.moc"
