#include "net/keychaincredentialstore.h"

#include <QTimer>

namespace inkwell::net {

KeychainCredentialStore::KeychainCredentialStore(QString service)
    : m_service(std::move(service)) { }

KeychainCredentialStore::~KeychainCredentialStore() = default;

void KeychainCredentialStore::readToken(const QUrl &, const QString &, QObject *context,
                                        ReadCallback done)
{
    QTimer::singleShot(0, context, [done = std::move(done)] {
        done(Result<QString>(ErrorCode::KeychainUnavailable, QStringLiteral("not implemented")));
    });
}

void KeychainCredentialStore::writeToken(const QUrl &, const QString &, const QString &,
                                         QObject *context, WriteCallback done)
{
    QTimer::singleShot(0, context, [done = std::move(done)] {
        done(Result<void>(ErrorCode::KeychainUnavailable, QStringLiteral("not implemented")));
    });
}

void KeychainCredentialStore::removeToken(const QUrl &, const QString &, QObject *context,
                                          WriteCallback done)
{
    QTimer::singleShot(0, context, [done = std::move(done)] {
        done(Result<void>(ErrorCode::KeychainUnavailable, QStringLiteral("not implemented")));
    });
}

} // namespace inkwell::net
