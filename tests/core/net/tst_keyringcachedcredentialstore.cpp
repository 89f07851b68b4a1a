// The kernel keyring's copy of a token in front of the keychain (a fake one here; the CLI's
// end-to-end test tst_synccli runs it with the real Secret Service).
#include "support/credentialtestutil.h"
#include "support/fakecredentialstore.h"

#include "net/keyringcachedcredentialstore.h"

#include <QFile>
#include <QProcess>
#include <QTest>
#include <QUuid>

using namespace inkwell;
using namespace inkwell::net;
using namespace inkwell::test;

namespace {

const QUrl kServer(QStringLiteral("http://127.0.0.1:8080"));
const QString kUser = QStringLiteral("ana");
const char kChildVariable[] = "INKWELL_KEYRING_TEST_CHILD_TOKEN";
constexpr std::chrono::seconds kLifetime(600);

// The line of /proc/keys for the live copy of service's token: "<id> <flags> <usage> <timeout>
// <perm> <uid> <gid> user inkwell:<service>:<account>: <size>"; empty when there is none. A copy
// that was dropped stays listed, flagged i(nvalidated), until the kernel collects it.
QList<QByteArray> procKeysLine(const QString &service)
{
    QFile keys(QStringLiteral("/proc/keys"));
    if (!keys.open(QIODevice::ReadOnly))
        return {};
    const QByteArray needle = "inkwell:" + service.toUtf8() + ':';
    for (const QByteArray &line : keys.readAll().split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (line.contains(needle) && fields.size() > 1 && !fields.at(1).contains('i'))
            return fields;
    }
    return {};
}

} // namespace

class TestKeyringCachedCredentialStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void aReadTokenIsKeptForTheNextStore();
    void anotherProcessOfTheUserReadsTheCopy();
    void theCopyExpiresAndOnlyTheOwnerMaySeeIt();
    void writingReplacesTheCopy();
    void aFailedWriteLeavesNoOlderCopy();
    void removingDropsTheCopyAndTheKeychainEntry();
    void forgettingDropsOnlyTheCopy();
    void missingTokensAndErrorsAreNotKept();
    void accountsAndServicesAreApart();
    void aLifetimeOfZeroKeepsNothing();

private:
    // A store over a fresh fake keychain; keychain() is that fake.
    std::unique_ptr<KeyringCachedCredentialStore> makeStore(
            std::chrono::seconds lifetime = kLifetime, const QString &service = {});
    FakeCredentialStore *keychain() const { return m_keychain; }

    FakeCredentialStore *m_keychain = nullptr;
    // A service name of each test's own, so tests never see each other's (or a user's) copies.
    QString m_service;
};

std::unique_ptr<KeyringCachedCredentialStore> TestKeyringCachedCredentialStore::makeStore(
        std::chrono::seconds lifetime, const QString &service)
{
    auto fake = std::make_unique<FakeCredentialStore>();
    m_keychain = fake.get();
    return std::make_unique<KeyringCachedCredentialStore>(
            std::move(fake), service.isEmpty() ? m_service : service, lifetime);
}

void TestKeyringCachedCredentialStore::init()
{
    if (!qEnvironmentVariableIsSet(kChildVariable) && !KeyringCachedCredentialStore::isAvailable())
        QSKIP("the kernel keeps no keys for this process (a container's seccomp filter?)");
    m_service = QStringLiteral("test ") + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

void TestKeyringCachedCredentialStore::cleanup()
{
    for (const QString &user : {kUser, QStringLiteral("bo")})
        KeyringCachedCredentialStore::forget(m_service, kServer, user);
    QVERIFY(procKeysLine(m_service).isEmpty());
}

void TestKeyringCachedCredentialStore::aReadTokenIsKeptForTheNextStore()
{
    auto first = makeStore();
    FakeCredentialStore *firstKeychain = keychain();
    QVERIFY(writeNow(*firstKeychain, kServer, kUser, QStringLiteral("tökén-1"), this)->hasValue());
    QCOMPARE(readNow(*first, kServer, kUser, this)->value(), QStringLiteral("tökén-1"));
    QCOMPARE(firstKeychain->callCount(), 2); // the write above and one read

    // A later command's store, over a keychain that would not know the token: the copy answers.
    auto second = makeStore();
    QCOMPARE(readNow(*second, kServer, kUser, this)->value(), QStringLiteral("tökén-1"));
    QCOMPARE(keychain()->callCount(), 0);
}

// Run again in a child process, which reads the copy left by its parent (same user).
void TestKeyringCachedCredentialStore::anotherProcessOfTheUserReadsTheCopy()
{
    if (qEnvironmentVariableIsSet(kChildVariable)) {
        m_service = qEnvironmentVariable("INKWELL_KEYRING_TEST_SERVICE");
        auto store = makeStore();
        const auto token = readNow(*store, kServer, kUser, this);
        QVERIFY(token && token->hasValue());
        QCOMPARE(token->value(), qEnvironmentVariable(kChildVariable));
        QCOMPARE(keychain()->callCount(), 0);
        m_service.clear(); // the parent cleans up
        return;
    }
    auto store = makeStore();
    QVERIFY(writeNow(*store, kServer, kUser, QStringLiteral("from the parent"), this)->hasValue());

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QString::fromLatin1(kChildVariable), QStringLiteral("from the parent"));
    environment.insert(QStringLiteral("INKWELL_KEYRING_TEST_SERVICE"), m_service);
    QProcess child;
    child.setProcessEnvironment(environment);
    child.setProcessChannelMode(QProcess::MergedChannels);
    child.start(QCoreApplication::applicationFilePath(),
                {QStringLiteral("anotherProcessOfTheUserReadsTheCopy")});
    QVERIFY(child.waitForFinished(30000));
    QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0,
             child.readAll().constData());
}

void TestKeyringCachedCredentialStore::theCopyExpiresAndOnlyTheOwnerMaySeeIt()
{
    auto store = makeStore(std::chrono::seconds(300));
    QVERIFY(writeNow(*store, kServer, kUser, QStringLiteral("t"), this)->hasValue());
    const QList<QByteArray> line = procKeysLine(m_service);
    QVERIFY2(line.size() >= 9, line.join(' ').constData());
    // The timeout column counts down from 5 minutes ("perm" would be a copy that never expires).
    QVERIFY2(line.at(3) == "5m" || line.at(3) == "4m", line.at(3).constData());
    // Permissions: possessor all, user view/read/write/search/setattr, group and others nothing.
    bool ok = false;
    const uint permissions = line.at(4).toUInt(&ok, 16);
    QVERIFY(ok);
    QCOMPARE(permissions & 0x0000ffffu, 0u);
    QCOMPARE(permissions & 0x003f0000u, 0x002f0000u);
}

void TestKeyringCachedCredentialStore::writingReplacesTheCopy()
{
    auto store = makeStore();
    QVERIFY(writeNow(*store, kServer, kUser, QStringLiteral("first"), this)->hasValue());
    QCOMPARE(keychain()->tokens().value(CredentialStore::accountKey(kServer, kUser)),
             QStringLiteral("first"));
    QVERIFY(writeNow(*store, kServer, kUser, QStringLiteral("second"), this)->hasValue());
    auto later = makeStore();
    QCOMPARE(readNow(*later, kServer, kUser, this)->value(), QStringLiteral("second"));
    QCOMPARE(keychain()->callCount(), 0);
}

void TestKeyringCachedCredentialStore::aFailedWriteLeavesNoOlderCopy()
{
    auto store = makeStore();
    QVERIFY(writeNow(*store, kServer, kUser, QStringLiteral("old"), this)->hasValue());
    keychain()->setAvailability(FakeCredentialStore::Availability::Unavailable);
    QCOMPARE(writeNow(*store, kServer, kUser, QStringLiteral("new"), this)->error().code,
             ErrorCode::KeychainUnavailable);
    // Neither the old token nor the unsaved new one is handed out from the copy.
    auto later = makeStore();
    QCOMPARE(readNow(*later, kServer, kUser, this)->error().code, ErrorCode::NotFound);
    QCOMPARE(keychain()->callCount(), 1);
}

void TestKeyringCachedCredentialStore::removingDropsTheCopyAndTheKeychainEntry()
{
    auto store = makeStore();
    FakeCredentialStore *fake = keychain();
    QVERIFY(writeNow(*store, kServer, kUser, QStringLiteral("t"), this)->hasValue());
    QVERIFY(removeNow(*store, kServer, kUser, this)->hasValue());
    QVERIFY(fake->tokens().isEmpty());
    QVERIFY(procKeysLine(m_service).isEmpty());
    QCOMPARE(readNow(*store, kServer, kUser, this)->error().code, ErrorCode::NotFound);
    QVERIFY(removeNow(*store, kServer, kUser, this)->hasValue()); // removing nothing succeeds
}

void TestKeyringCachedCredentialStore::forgettingDropsOnlyTheCopy()
{
    auto store = makeStore();
    FakeCredentialStore *fake = keychain();
    QVERIFY(writeNow(*store, kServer, kUser, QStringLiteral("t"), this)->hasValue());
    KeyringCachedCredentialStore::forget(m_service, kServer, kUser);
    const int calls = fake->callCount();
    QCOMPARE(readNow(*store, kServer, kUser, this)->value(), QStringLiteral("t"));
    QCOMPARE(fake->callCount(), calls + 1); // asked the keychain again, and kept a copy
    QVERIFY(!procKeysLine(m_service).isEmpty());
}

void TestKeyringCachedCredentialStore::missingTokensAndErrorsAreNotKept()
{
    auto store = makeStore();
    QCOMPARE(readNow(*store, kServer, kUser, this)->error().code, ErrorCode::NotFound);
    keychain()->setAvailability(FakeCredentialStore::Availability::Unavailable);
    QCOMPARE(readNow(*store, kServer, kUser, this)->error().code, ErrorCode::KeychainUnavailable);
    QVERIFY(procKeysLine(m_service).isEmpty());
    QCOMPARE(keychain()->callCount(), 2);
}

void TestKeyringCachedCredentialStore::accountsAndServicesAreApart()
{
    auto store = makeStore();
    QVERIFY(writeNow(*store, kServer, kUser, QStringLiteral("ana's"), this)->hasValue());
    auto later = makeStore();
    QCOMPARE(readNow(*later, kServer, QStringLiteral("bo"), this)->error().code,
             ErrorCode::NotFound);
    QCOMPARE(readNow(*later, QUrl(QStringLiteral("http://127.0.0.1:8081")), kUser, this)
                     ->error()
                     .code,
             ErrorCode::NotFound);
    const QString otherService = m_service + QStringLiteral(" other");
    auto other = makeStore(kLifetime, otherService);
    QCOMPARE(readNow(*other, kServer, kUser, this)->error().code, ErrorCode::NotFound);
    QCOMPARE(keychain()->callCount(), 1);
    KeyringCachedCredentialStore::forget(otherService, kServer, kUser);
}

void TestKeyringCachedCredentialStore::aLifetimeOfZeroKeepsNothing()
{
    auto store = makeStore(std::chrono::seconds(0));
    QVERIFY(writeNow(*store, kServer, kUser, QStringLiteral("t"), this)->hasValue());
    QVERIFY(procKeysLine(m_service).isEmpty());
    QCOMPARE(readNow(*store, kServer, kUser, this)->value(), QStringLiteral("t"));
    QCOMPARE(keychain()->callCount(), 2);

    qputenv("INKWELL_TOKEN_CACHE_SECONDS", "0");
    QCOMPARE(KeyringCachedCredentialStore::lifetimeFromEnvironment().count(), 0);
    qputenv("INKWELL_TOKEN_CACHE_SECONDS", "not a number");
    QCOMPARE(KeyringCachedCredentialStore::lifetimeFromEnvironment().count(), 15 * 60);
    qunsetenv("INKWELL_TOKEN_CACHE_SECONDS");
    QCOMPARE(KeyringCachedCredentialStore::lifetimeFromEnvironment().count(), 15 * 60);
}

QTEST_GUILESS_MAIN(TestKeyringCachedCredentialStore)
#include "tst_keyringcachedcredentialstore.moc"
