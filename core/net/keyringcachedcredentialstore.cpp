#include "net/keyringcachedcredentialstore.h"

#include "net/logging.h"

#include <QMetaObject>
#include <QObject>

#include <keyutils.h>

#include <cstdlib>
#include <cstring>
#include <optional>

namespace inkwell::net {

namespace {

constexpr char kKeyType[] = "user";
constexpr auto kDefaultLifetime = std::chrono::minutes(15); // as long as sudo remembers a password

// The owner's processes may find, read, replace and expire the copy; nobody else may see it.
constexpr key_perm_t kPermissions = KEY_POS_ALL | KEY_USR_VIEW | KEY_USR_READ | KEY_USR_SEARCH
        | KEY_USR_WRITE | KEY_USR_SETATTR;

key_serial_t find(const QByteArray &description)
{
    const long id = keyctl_search(KEY_SPEC_USER_KEYRING, kKeyType, description.constData(), 0);
    return id < 0 ? key_serial_t(-1) : key_serial_t(id);
}

std::optional<QString> cached(const QByteArray &description)
{
    const key_serial_t id = find(description);
    if (id < 0)
        return std::nullopt;
    void *buffer = nullptr;
    const int size = keyctl_read_alloc(id, &buffer);
    if (size < 0)
        return std::nullopt;
    QString token = QString::fromUtf8(static_cast<const char *>(buffer), size);
    explicit_bzero(buffer, size_t(size));
    std::free(buffer);
    return token;
}

void remember(const QByteArray &description, const QString &token, std::chrono::seconds lifetime)
{
    QByteArray payload = token.toUtf8();
    const key_serial_t id = add_key(kKeyType, description.constData(), payload.constData(),
                                    size_t(payload.size()), KEY_SPEC_USER_KEYRING);
    explicit_bzero(payload.data(), size_t(payload.size()));
    if (id < 0) {
        qCDebug(lcNet) << "token not cached in the kernel keyring:" << std::strerror(errno);
        return;
    }
    if (keyctl_setperm(id, kPermissions) < 0
        || keyctl_set_timeout(id, unsigned(lifetime.count())) < 0) {
        qCDebug(lcNet) << "cached token dropped:" << std::strerror(errno);
        keyctl_invalidate(id);
    }
}

QByteArray description(const QString &service, const QUrl &server, const QString &user)
{
    return "inkwell:" + service.toUtf8() + ':' + CredentialStore::accountKey(server, user).toUtf8();
}

void drop(const QByteArray &description)
{
    if (const key_serial_t id = find(description); id >= 0)
        keyctl_invalidate(id);
}

} // namespace

KeyringCachedCredentialStore::KeyringCachedCredentialStore(
        std::unique_ptr<CredentialStore> keychain, QString service, std::chrono::seconds lifetime)
    : m_keychain(std::move(keychain)), m_service(std::move(service)), m_lifetime(lifetime)
{ }

KeyringCachedCredentialStore::~KeyringCachedCredentialStore() = default;

bool KeyringCachedCredentialStore::isAvailable()
{
    return keyctl_get_keyring_ID(KEY_SPEC_USER_KEYRING, 1) >= 0;
}

std::chrono::seconds KeyringCachedCredentialStore::lifetimeFromEnvironment()
{
    bool ok = false;
    const int seconds = qEnvironmentVariableIntValue("INKWELL_TOKEN_CACHE_SECONDS", &ok);
    if (!ok || seconds < 0)
        return kDefaultLifetime;
    return std::chrono::seconds(seconds);
}

void KeyringCachedCredentialStore::readToken(const QUrl &server, const QString &user,
                                             QObject *context, ReadCallback done)
{
    if (m_lifetime.count() <= 0)
        return m_keychain->readToken(server, user, context, std::move(done));
    const QByteArray key = description(m_service, server, user);
    if (std::optional<QString> token = cached(key)) {
        QMetaObject::invokeMethod(
                context, [done = std::move(done), token = *token] { done(token); },
                Qt::QueuedConnection);
        return;
    }
    m_keychain->readToken(
            server, user, context,
            [key, lifetime = m_lifetime, done = std::move(done)](const Result<QString> &token) {
                if (token)
                    remember(key, *token, lifetime);
                done(token);
            });
}

void KeyringCachedCredentialStore::writeToken(const QUrl &server, const QString &user,
                                              const QString &token, QObject *context,
                                              WriteCallback done)
{
    const QByteArray key = description(m_service, server, user);
    // An older copy must not outlive a failed write.
    drop(key);
    m_keychain->writeToken(server, user, token, context,
                           [key, token, lifetime = m_lifetime,
                            done = std::move(done)](const Result<void> &written) {
                               if (written && lifetime.count() > 0)
                                   remember(key, token, lifetime);
                               done(written);
                           });
}

void KeyringCachedCredentialStore::removeToken(const QUrl &server, const QString &user,
                                               QObject *context, WriteCallback done)
{
    forget(m_service, server, user);
    m_keychain->removeToken(server, user, context, std::move(done));
}

void KeyringCachedCredentialStore::forget(const QString &service, const QUrl &server,
                                          const QString &user)
{
    drop(description(service, server, user));
}

} // namespace inkwell::net
