#pragma once

#include "net/credentialstore.h"

#include <QObject>
#include <QTest>

#include <optional>

namespace inkwell::test {

// Waits (bounded) for one asynchronous CredentialStore call and returns its result.
inline std::optional<Result<QString>> readNow(net::CredentialStore &store, const QUrl &server,
                                              const QString &user, QObject *context)
{
    std::optional<Result<QString>> result;
    store.readToken(server, user, context, [&](const Result<QString> &r) { result = r; });
    (void)QTest::qWaitFor([&] { return result.has_value(); }, 10000);
    return result;
}

inline std::optional<Result<void>> writeNow(net::CredentialStore &store, const QUrl &server,
                                            const QString &user, const QString &token,
                                            QObject *context)
{
    std::optional<Result<void>> result;
    store.writeToken(server, user, token, context, [&](const Result<void> &r) { result = r; });
    (void)QTest::qWaitFor([&] { return result.has_value(); }, 10000);
    return result;
}

inline std::optional<Result<void>> removeNow(net::CredentialStore &store, const QUrl &server,
                                             const QString &user, QObject *context)
{
    std::optional<Result<void>> result;
    store.removeToken(server, user, context, [&](const Result<void> &r) { result = r; });
    (void)QTest::qWaitFor([&] { return result.has_value(); }, 10000);
    return result;
}

} // namespace inkwell::test
