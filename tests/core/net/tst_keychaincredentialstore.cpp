#include "support/credentialtestutil.h"
#include "support/tempdir.h"

#include "net/keychaincredentialstore.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTest>
#include <QUuid>

using namespace inkwell;
using namespace inkwell::net;
using namespace inkwell::test;

namespace {

const QUrl kServer(QStringLiteral("http://127.0.0.1:8080"));
const char kChildVariable[] = "INKWELL_KEYCHAIN_TEST_CHILD";

bool isChild()
{
    return qEnvironmentVariableIsSet(kChildVariable);
}

// The real Secret Service comes from scripts/test-env.sh (dbus-run-session + gnome-keyring).
bool hasSessionBus()
{
    return qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS");
}

} // namespace

class TestKeychainCredentialStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writeReadOverwriteRemove();
    void missingTokenIsNotFound();
    void withoutKeychainStoringIsUnavailable_data();
    void withoutKeychainStoringIsUnavailable();

private:
    bool skipWithoutKeychain();
    // A service name of its own so runs never see each other's (or a user's) entries.
    const QString m_service =
            QStringLiteral("Inkwell test ") + QUuid::createUuid().toString(QUuid::WithoutBraces);
};

bool TestKeychainCredentialStore::skipWithoutKeychain()
{
    if (hasSessionBus() && !isChild())
        return false;
    if (postgresRequired()) // set by `make test` and CI, which always run inside test-env.sh
        qFatal("no D-Bus session: run the keychain tests under scripts/test-env.sh");
    return true;
}

void TestKeychainCredentialStore::writeReadOverwriteRemove()
{
    if (skipWithoutKeychain())
        QSKIP("no D-Bus session; run under scripts/test-env.sh");
    KeychainCredentialStore store(m_service);
    const QString user = QStringLiteral("ana");
    auto written = writeNow(store, kServer, user, QStringLiteral("first-token"), this);
    QVERIFY(written);
    QVERIFY2(written->hasValue(), qPrintable(written->error().message));
    QCOMPARE(readNow(store, kServer, user, this)->value(), QStringLiteral("first-token"));

    written = writeNow(store, kServer, user, QStringLiteral("second-tökén"), this);
    QVERIFY(written && written->hasValue());
    QCOMPARE(readNow(store, kServer, user, this)->value(), QStringLiteral("second-tökén"));
    // Another user on the same server is a different entry.
    QCOMPARE(readNow(store, kServer, QStringLiteral("bo"), this)->error().code,
             ErrorCode::NotFound);

    const auto removed = removeNow(store, kServer, user, this);
    QVERIFY(removed && removed->hasValue());
    QCOMPARE(readNow(store, kServer, user, this)->error().code, ErrorCode::NotFound);
    QVERIFY(removeNow(store, kServer, user, this)->hasValue()); // removing nothing succeeds
}

void TestKeychainCredentialStore::missingTokenIsNotFound()
{
    if (skipWithoutKeychain())
        QSKIP("no D-Bus session; run under scripts/test-env.sh");
    KeychainCredentialStore store(m_service);
    const auto token = readNow(store, kServer, QStringLiteral("nobody"), this);
    QVERIFY(token);
    QCOMPARE(token->error().code, ErrorCode::NotFound);
}

// Runs this test function again in a child process without a usable keychain: with no D-Bus
// session at all, and with a D-Bus session whose Secret Service has no unlocked collection. Storing
// a token must fail with KeychainUnavailable (quickly, without hanging); reading may also say
// NotFound there, but never succeeds.
void TestKeychainCredentialStore::withoutKeychainStoringIsUnavailable_data()
{
    QTest::addColumn<bool>("withSessionBus");
    QTest::newRow("no D-Bus session") << false;
    QTest::newRow("D-Bus without an unlocked keyring") << true;
}

void TestKeychainCredentialStore::withoutKeychainStoringIsUnavailable()
{
    if (isChild()) {
        KeychainCredentialStore store(m_service);
        const auto written =
                writeNow(store, kServer, QStringLiteral("ana"), QStringLiteral("t"), this);
        QVERIFY(written);
        QCOMPARE(written->error().code, ErrorCode::KeychainUnavailable);
        QVERIFY(!written->error().message.isEmpty());
        const auto token = readNow(store, kServer, QStringLiteral("ana"), this);
        QVERIFY(token);
        QVERIFY2(token->error().code == ErrorCode::KeychainUnavailable
                         || token->error().code == ErrorCode::NotFound,
                 qPrintable(errorCodeName(token->error().code)));
        return;
    }
    QFETCH(bool, withSessionBus);
    const QString dbusRunSession =
            QStandardPaths::findExecutable(QStringLiteral("dbus-run-session"));
    if (withSessionBus && dbusRunSession.isEmpty())
        QSKIP("dbus-run-session is not installed");

    TempDir home; // the child never touches a real keyring folder
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY"})
        environment.remove(QString::fromLatin1(name));
    environment.insert(QStringLiteral("HOME"), home.path());
    environment.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.path()); // no bus socket here
    environment.insert(QString::fromLatin1(kChildVariable), QStringLiteral("1"));
    QStringList arguments{QCoreApplication::applicationFilePath(),
                          QStringLiteral("withoutKeychainStoringIsUnavailable")};
    QProcess child;
    child.setProcessEnvironment(environment);
    child.setProcessChannelMode(QProcess::MergedChannels);
    if (withSessionBus)
        child.start(dbusRunSession, QStringList{QStringLiteral("--")} + arguments);
    else
        child.start(arguments.takeFirst(), arguments);
    QVERIFY(child.waitForFinished(60000));
    const QByteArray output = child.readAll();
    QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0,
             output.constData());
}

QTEST_GUILESS_MAIN(TestKeychainCredentialStore)
#include "tst_keychaincredentialstore.moc"
