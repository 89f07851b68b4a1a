#pragma once

#include "net/credentialstore.h"

#include <chrono>
#include <memory>

namespace inkwell::net {

// A CredentialStore in front of the system keychain that remembers a token for a while in the
// Linux kernel's key retention service (the user keyring, as systemd keeps passwords it has asked
// for and Kerberos keeps tickets), so that a script running many `inkwell-cli` commands asks the
// keychain once instead of on every run. The keychain stays where the token lives: every write goes
// there first, a removal drops the cached copy before the keychain's, and a cached copy expires
// after `lifetime` (the kernel removes it). The copy is kernel memory, never on disk, readable only
// by processes of the same user, like the keychain's own entries once it is unlocked.
//
// When the kernel refuses keys (a seccomp filter in a container, the user's key quota), every call
// goes to the keychain as if there were no cache.
class KeyringCachedCredentialStore final : public CredentialStore
{
public:
    // service names the cached entries apart from other applications' ("Inkwell CLI").
    KeyringCachedCredentialStore(std::unique_ptr<CredentialStore> keychain, QString service,
                                 std::chrono::seconds lifetime);
    ~KeyringCachedCredentialStore() override;

    void readToken(const QUrl &server, const QString &user, QObject *context,
                   ReadCallback done) override;
    void writeToken(const QUrl &server, const QString &user, const QString &token, QObject *context,
                    WriteCallback done) override;
    void removeToken(const QUrl &server, const QString &user, QObject *context,
                     WriteCallback done) override;

    // Drops the cached copy only, for the store of that service name (the server refused the
    // token: the next run asks the keychain).
    static void forget(const QString &service, const QUrl &server, const QString &user);

    // Whether the kernel keeps keys for this process (false in a container that forbids it).
    static bool isAvailable();
    // How long a copy is kept unless INKWELL_TOKEN_CACHE_SECONDS says otherwise (0: no cache).
    static std::chrono::seconds lifetimeFromEnvironment();

private:
    std::unique_ptr<CredentialStore> m_keychain;
    QString m_service;
    std::chrono::seconds m_lifetime;
};

} // namespace inkwell::net
