#include "server/auth/authenticator.h"
#include "server/auth/loginthrottle.h"
#include "server/auth/passwordhasher.h"
#include "server/auth/tokens.h"
#include "server/store/serverstore.h"
#include "server/store/testdatabase.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace inkwell;
using namespace inkwell::server;
using namespace std::chrono_literals;

namespace {

template<typename T>
QString failure(const Result<T> &result)
{
    return result ? QString() : result.error().message;
}

// A settable UTC clock shared with the authenticator under test.
struct TestClock
{
    std::shared_ptr<QDateTime> now =
            std::make_shared<QDateTime>(QDate(2026, 6, 1), QTime(12, 0), Qt::UTC);
    std::function<QDateTime()> function() const
    {
        return [now = now] { return *now; };
    }
    void advance(qint64 seconds) { *now = now->addSecs(seconds); }
};

} // namespace

class tst_Auth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void hashesAreArgon2idWithTheAgreedCost();
    void verifyAcceptsOnlyTheRightPassword();
    void verifyRejectsMalformedHashes_data();
    void verifyRejectsMalformedHashes();
    void hashingIsBoundedButConcurrent();
    void tokensAreRandomAndStoredHashed();
    void tokenShapeIsChecked_data();
    void tokenShapeIsChecked();
    void loginIssuesAWorkingToken();
    void wrongPasswordAndUnknownUserLookAlike();
    void bearerHeaderIsValidated_data();
    void bearerHeaderIsValidated();
    void expiredTokenIsRefused();
    void loggedOutAndRevokedTokensAreRefused();
    void dummyHashIsMadeAtConstruction();
    void knownAndUnknownUsersGetTheSame503WhenHashingIsBusy();
    void attemptsThatFindNoHashingSlotAreNotCounted();
    void parallelWrongLoginsVerifyNoMoreThanTheThreshold_data();
    void parallelWrongLoginsVerifyNoMoreThanTheThreshold();
    void pairIsThrottledAfterTenFailuresWithGrowingDelay();
    void failuresElsewhereDoNotLockTheOwnerOut();
    void guessingFromManyAddressesIsThrottledPerUser();
    void addressIsThrottledAcrossUserNames();
    void throttleForgetsOldFailures();

private:
    // An authenticator on the test's store and clock with `slots` hashing slots and `wait`.
    std::unique_ptr<auth::Authenticator> authenticator(int slots,
                                                       std::chrono::milliseconds wait) const;

    std::shared_ptr<store::ServerStore> m_store;
    TestClock m_clock;
    std::unique_ptr<auth::Authenticator> m_auth;
    qint64 m_account = 0;
};

void tst_Auth::init()
{
    m_store = store::ServerStore::open(QStringLiteral("sqlite::memory:")).value();
    m_clock = TestClock();
    auth::AuthConfig config;
    config.clock = m_clock.function();
    m_auth = std::make_unique<auth::Authenticator>(m_store, config);
    const QByteArray hash = m_auth->hasher().hash(QStringLiteral("correct horse")).value();
    m_account = m_store->createAccount(QStringLiteral("ada"), hash).value();
}

void tst_Auth::cleanup()
{
    m_auth.reset();
    m_store.reset();
}

std::unique_ptr<auth::Authenticator> tst_Auth::authenticator(int slots,
                                                             std::chrono::milliseconds wait) const
{
    auth::AuthConfig config;
    config.clock = m_clock.function();
    config.maxConcurrentHashes = slots;
    config.hashWait = wait;
    return std::make_unique<auth::Authenticator>(m_store, config);
}

void tst_Auth::hashesAreArgon2idWithTheAgreedCost()
{
    const Result<QByteArray> hash = m_auth->hasher().hash(QStringLiteral("pässword"));
    QVERIFY2(hash, qPrintable(failure(hash)));
    QVERIFY2(hash->startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash->constData());
    // Salted: the same password hashes differently every time.
    QVERIFY(*m_auth->hasher().hash(QStringLiteral("pässword")) != *hash);
}

void tst_Auth::verifyAcceptsOnlyTheRightPassword()
{
    const QByteArray hash = m_auth->hasher().hash(QStringLiteral("pässword")).value();
    QVERIFY(m_auth->hasher().verify(hash, QStringLiteral("pässword")).value());
    QVERIFY(!m_auth->hasher().verify(hash, QStringLiteral("password")).value());
    QVERIFY(!m_auth->hasher().verify(hash, QString()).value());
}

void tst_Auth::verifyRejectsMalformedHashes_data()
{
    QTest::addColumn<QByteArray>("hash");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("garbage") << QByteArray("not a hash");
    QTest::newRow("too long") << QByteArray(1000, '$');
    QTest::newRow("embedded nul") << QByteArray("$argon2id$\0x", 12);
}

void tst_Auth::verifyRejectsMalformedHashes()
{
    QFETCH(QByteArray, hash);
    const Result<bool> verified = m_auth->hasher().verify(hash, QStringLiteral("x"));
    QVERIFY(verified);
    QVERIFY(!*verified);
}

void tst_Auth::hashingIsBoundedButConcurrent()
{
    const auth::PasswordHasher hasher(2);
    std::atomic<int> ok{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i)
        threads.emplace_back([&] { ok += hasher.hash(QStringLiteral("pw")) ? 1 : 0; });
    for (std::thread &t : threads)
        t.join();
    QCOMPARE(ok.load(), 4);
}

void tst_Auth::tokensAreRandomAndStoredHashed()
{
    QSet<QByteArray> seen;
    for (int i = 0; i < 50; ++i) {
        const QByteArray token = auth::newToken();
        QVERIFY(auth::isWellFormedToken(token));
        QCOMPARE(QByteArray::fromBase64(token, QByteArray::Base64UrlEncoding).size(), 32);
        seen.insert(token);
    }
    QCOMPARE(seen.size(), 50);
    const QByteArray token = auth::newToken();
    QCOMPARE(auth::tokenHash(token).size(), 32);
    QCOMPARE(auth::tokenHash(token), auth::tokenHash(token));
    QVERIFY(!auth::tokenHash(token).contains(token));
}

void tst_Auth::tokenShapeIsChecked_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<bool>("wellFormed");
    QTest::newRow("43 url-safe") << QByteArray(42, 'A') + '_' << true;
    QTest::newRow("short") << QByteArray(42, 'A') << false;
    QTest::newRow("long") << QByteArray(44, 'A') << false;
    QTest::newRow("plus") << QByteArray(42, 'A') + '+' << false;
    QTest::newRow("padding") << QByteArray(42, 'A') + '=' << false;
    QTest::newRow("space") << QByteArray(42, 'A') + ' ' << false;
}

void tst_Auth::tokenShapeIsChecked()
{
    QFETCH(QByteArray, token);
    QFETCH(bool, wellFormed);
    QCOMPARE(auth::isWellFormedToken(token), wellFormed);
}

void tst_Auth::loginIssuesAWorkingToken()
{
    int retryAfter = -1;
    const Result<auth::Session> session = m_auth->login(
            QStringLiteral("ada"), QStringLiteral("correct horse"), "10.0.0.1", &retryAfter);
    QVERIFY2(session, qPrintable(failure(session)));
    QCOMPARE(retryAfter, 0);
    QCOMPARE(session->expiresAt, m_clock.now->addDays(30));
    const Result<auth::Principal> principal = m_auth->authenticate("Bearer " + session->token);
    QVERIFY2(principal, qPrintable(failure(principal)));
    QCOMPARE(principal->accountId, m_account);
    QCOMPARE(principal->accountName, QStringLiteral("ada"));
    // Only the hash reaches the database.
    QVERIFY(m_store->tokenGrant(auth::tokenHash(session->token))->has_value());
    QVERIFY(!m_store->tokenGrant(session->token)->has_value());
}

void tst_Auth::wrongPasswordAndUnknownUserLookAlike()
{
    int retryAfter = 0;
    const auto wrong = m_auth->login("ada", "wrong horse", "10.0.0.1", &retryAfter);
    const auto unknown = m_auth->login("nobody", "correct horse", "10.0.0.1", &retryAfter);
    QVERIFY(!wrong);
    QVERIFY(!unknown);
    QCOMPARE(wrong.error(), unknown.error());
    QCOMPARE(wrong.error().code, ErrorCode::Unauthorized);
}

void tst_Auth::bearerHeaderIsValidated_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("reason");
    QTest::newRow("missing") << QByteArray() << "missing Authorization header";
    QTest::newRow("basic") << QByteArray("Basic YWRhOnB3") << "expected a Bearer token";
    QTest::newRow("lower-case scheme")
            << QByteArray("bearer ") + auth::newToken() << "expected a Bearer token";
    QTest::newRow("malformed") << QByteArray("Bearer abc") << "malformed token";
    QTest::newRow("unknown") << QByteArray("Bearer ") + auth::newToken() << "unknown token";
}

void tst_Auth::bearerHeaderIsValidated()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, reason);
    const Result<auth::Principal> principal = m_auth->authenticate(header);
    QVERIFY(!principal);
    QCOMPARE(principal.error().code, ErrorCode::Unauthorized);
    QCOMPARE(principal.error().message, reason);
}

void tst_Auth::expiredTokenIsRefused()
{
    int retryAfter = 0;
    const auth::Session session = m_auth->login("ada", "correct horse", {}, &retryAfter).value();
    m_clock.advance(30 * 24 * 3600 - 1);
    QVERIFY(m_auth->authenticate("Bearer " + session.token));
    m_clock.advance(1);
    QCOMPARE(m_auth->authenticate("Bearer " + session.token).error().message,
             QStringLiteral("token expired"));
}

void tst_Auth::loggedOutAndRevokedTokensAreRefused()
{
    int retryAfter = 0;
    const auth::Session first = m_auth->login("ada", "correct horse", {}, &retryAfter).value();
    const auth::Session second = m_auth->login("ada", "correct horse", {}, &retryAfter).value();
    const auth::Principal principal = m_auth->authenticate("Bearer " + first.token).value();
    QVERIFY(m_auth->logout(principal));
    QCOMPARE(m_auth->authenticate("Bearer " + first.token).error().message,
             QStringLiteral("token revoked"));
    QVERIFY(m_auth->authenticate("Bearer " + second.token));
    QCOMPARE(m_store->revokeTokensOf(m_account).value(), 1);
    QVERIFY(!m_auth->authenticate("Bearer " + second.token));
}

void tst_Auth::dummyHashIsMadeAtConstruction()
{
    const auth::PasswordHasher hasher(1, 0ms);
    const Result<auth::PasswordHasher::Slot> slot = hasher.acquireSlot();
    QVERIFY(slot);
    // There before any login, even with every slot taken, and as costly as a real hash.
    QVERIFY2(hasher.dummyHash().startsWith("$argon2id$v=19$m=19456,t=2,p=1$"),
             hasher.dummyHash().constData());
    QVERIFY(hasher.dummyHash() != m_auth->hasher().dummyHash()); // a random password

    // A first login for an unknown name while hashing is busy does not lose it: later ones
    // still do the work of a verification.
    const auto busy = authenticator(1, 0ms);
    int retryAfter = 0;
    {
        const auto held = busy->hasher().acquireSlot();
        QVERIFY(held);
        QCOMPARE(busy->login("nobody", "x", "10.0.0.1", &retryAfter).error().code,
                 ErrorCode::ServerUnavailable);
    }
    const qint64 before = busy->hasher().verifications();
    QCOMPARE(busy->login("nobody", "x", "10.0.0.1", &retryAfter).error().code,
             ErrorCode::Unauthorized);
    QCOMPARE(busy->hasher().verifications() - before, 1);
}

void tst_Auth::knownAndUnknownUsersGetTheSame503WhenHashingIsBusy()
{
    const auto busy = authenticator(2, 200ms);
    const auto first = busy->hasher().acquireSlot();
    const auto second = busy->hasher().acquireSlot();
    QVERIFY(first && second);
    const qint64 timeouts = busy->hasher().slotTimeouts();
    int retryAfter = 0;
    QElapsedTimer timer;
    timer.start();
    const auto known = busy->login("ada", "correct horse", "10.0.0.1", &retryAfter);
    const qint64 knownMs = timer.restart();
    const auto unknown = busy->login("nobody", "correct horse", "10.0.0.2", &retryAfter);
    const qint64 unknownMs = timer.elapsed();
    qInfo("503 after %lld ms (known user) and %lld ms (unknown user); the wait is 200 ms", knownMs,
          unknownMs);
    QVERIFY(!known);
    QVERIFY(!unknown);
    QCOMPARE(known.error().code, ErrorCode::ServerUnavailable);
    QCOMPARE(unknown.error(), known.error());
    // Each waited the whole hashWait for a slot.
    QCOMPARE(busy->hasher().slotTimeouts() - timeouts, 2);
    QCOMPARE(retryAfter, 0);
}

void tst_Auth::attemptsThatFindNoHashingSlotAreNotCounted()
{
    const auto busy = authenticator(1, 10ms);
    int retryAfter = 0;
    {
        const auto held = busy->hasher().acquireSlot();
        QVERIFY(held);
        for (int i = 0; i < 12; ++i) {
            QCOMPARE(busy->login("ada", "wrong", "10.0.0.1", &retryAfter).error().code,
                     ErrorCode::ServerUnavailable);
            QCOMPARE(busy->login("nobody", "wrong", "10.0.0.1", &retryAfter).error().code,
                     ErrorCode::ServerUnavailable);
        }
    }
    QVERIFY(busy->login("ada", "correct horse", "10.0.0.1", &retryAfter));
}

void tst_Auth::parallelWrongLoginsVerifyNoMoreThanTheThreshold_data()
{
    test::addBackendRows();
}

void tst_Auth::parallelWrongLoginsVerifyNoMoreThanTheThreshold()
{
    QFETCH(QString, backend);
    const test::TestDatabase db(backend);
    if (db.url().isEmpty()) {
        if (test::postgresRequired())
            QFAIL(qPrintable(db.skipReason()));
        QSKIP(qPrintable(db.skipReason()));
    }
    const auto store = store::ServerStore::open(db.url());
    QVERIFY2(store, qPrintable(failure(store)));
    // A second server process on the same database.
    const auto other = store::ServerStore::open(db.url());
    QVERIFY2(other, qPrintable(failure(other)));
    auth::AuthConfig config;
    config.clock = m_clock.function();
    const auth::Authenticator one(*store, config);
    const auth::Authenticator two(*other, config);
    QVERIFY((*store)->createAccount("ada", one.hasher().hash("correct horse").value()));
    constexpr int attempts = 24;
    std::atomic<int> unauthorized{0};
    std::atomic<int> throttled{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < attempts; ++i) {
        const auth::Authenticator &server = i % 2 ? two : one;
        threads.emplace_back([&] {
            int retryAfter = 0;
            const auto attempt = server.login("ada", "wrong", "10.0.0.1", &retryAfter);
            if (!attempt && attempt.error().code == ErrorCode::Unauthorized)
                ++unauthorized;
            else if (!attempt && attempt.error().code == ErrorCode::RateLimited && retryAfter > 0)
                ++throttled;
        });
    }
    for (std::thread &t : threads)
        t.join();
    const int threshold = config.failureThreshold;
    QCOMPARE(one.hasher().verifications() + two.hasher().verifications(), qint64(threshold));
    QCOMPARE(unauthorized.load(), threshold);
    QCOMPARE(throttled.load(), attempts - threshold);
}

void tst_Auth::pairIsThrottledAfterTenFailuresWithGrowingDelay()
{
    int retryAfter = 0;
    for (int i = 0; i < 10; ++i)
        QCOMPARE(m_auth->login("ada", "wrong", "10.0.1.1", &retryAfter).error().code,
                 ErrorCode::Unauthorized);
    // Even the right password is refused while throttled, without checking it.
    const qint64 verified = m_auth->hasher().verifications();
    auto attempt = m_auth->login("ada", "correct horse", "10.0.1.1", &retryAfter);
    QCOMPARE(attempt.error().code, ErrorCode::RateLimited);
    QCOMPARE(retryAfter, 2);
    QCOMPARE(m_auth->hasher().verifications(), verified);
    m_clock.advance(2);
    QCOMPARE(m_auth->login("ada", "wrong", "10.0.1.1", &retryAfter).error().code,
             ErrorCode::Unauthorized);
    QCOMPARE(m_auth->login("ada", "wrong", "10.0.1.1", &retryAfter).error().code,
             ErrorCode::RateLimited);
    QCOMPARE(retryAfter, 4);
    m_clock.advance(4);
    QVERIFY(m_auth->login("ada", "correct horse", "10.0.1.1", &retryAfter));
    // Another address is not held back by this one's failures.
    QCOMPARE(m_auth->login("ada", "wrong", "10.0.1.2", &retryAfter).error().code,
             ErrorCode::Unauthorized);
}

void tst_Auth::failuresElsewhereDoNotLockTheOwnerOut()
{
    int retryAfter = 0;
    QVERIFY(m_auth->login("ada", "correct horse", "198.51.100.7", &retryAfter));
    for (int i = 0; i < 10; ++i)
        QCOMPARE(m_auth->login("ada", "wrong", "203.0.113.9", &retryAfter).error().code,
                 ErrorCode::Unauthorized);
    // The attacker's address is throttled, even with the right password...
    QCOMPARE(m_auth->login("ada", "correct horse", "203.0.113.9", &retryAfter).error().code,
             ErrorCode::RateLimited);
    QVERIFY(retryAfter > 0);
    // ...while the owner signs in from their usual address, again and again.
    for (int i = 0; i < 3; ++i)
        QVERIFY(m_auth->login("ada", "correct horse", "198.51.100.7", &retryAfter));
}

void tst_Auth::guessingFromManyAddressesIsThrottledPerUser()
{
    int retryAfter = 0;
    QVERIFY(m_auth->login("ada", "correct horse", "198.51.100.7", &retryAfter));
    const int threshold = auth::AuthConfig().userFailureThreshold;
    for (int i = 0; i < threshold; ++i)
        QCOMPARE(m_auth->login("ada", "wrong",
                               QStringLiteral("203.0.%1.%2").arg(i / 200).arg(i % 200), &retryAfter)
                         .error()
                         .code,
                 ErrorCode::Unauthorized);
    // A new address is refused for this user name...
    QCOMPARE(m_auth->login("ada", "correct horse", "192.0.2.1", &retryAfter).error().code,
             ErrorCode::RateLimited);
    QCOMPARE(retryAfter, 2);
    // ...but not the address the owner signed in from.
    QVERIFY(m_auth->login("ada", "correct horse", "198.51.100.7", &retryAfter));
}

void tst_Auth::addressIsThrottledAcrossUserNames()
{
    int retryAfter = 0;
    for (int i = 0; i < 10; ++i)
        QVERIFY(!m_auth->login(QStringLiteral("user%1").arg(i), "x", "192.0.2.7", &retryAfter));
    QCOMPARE(m_auth->login("ada", "correct horse", "192.0.2.7", &retryAfter).error().code,
             ErrorCode::RateLimited);
    QVERIFY(retryAfter > 0);
    QVERIFY(m_auth->login("ada", "correct horse", "192.0.2.8", &retryAfter));
}

void tst_Auth::throttleForgetsOldFailures()
{
    int retryAfter = 0;
    for (int i = 0; i < 10; ++i)
        QVERIFY(!m_auth->login("ada", "wrong", "10.0.0.1", &retryAfter));
    QCOMPARE(m_auth->login("ada", "wrong", "10.0.0.1", &retryAfter).error().code,
             ErrorCode::RateLimited);
    m_clock.advance(900);
    // The count starts afresh: ten more failures before the next refusal.
    for (int i = 0; i < 10; ++i)
        QCOMPARE(m_auth->login("ada", "wrong", "10.0.0.1", &retryAfter).error().code,
                 ErrorCode::Unauthorized);
    QCOMPARE(m_auth->login("ada", "wrong", "10.0.0.1", &retryAfter).error().code,
             ErrorCode::RateLimited);
}

QTEST_GUILESS_MAIN(tst_Auth)
#include "tst_auth.moc"
