#include "net/filecredentialstore.h"

#include <QTimer>

namespace inkwell::net {

FileCredentialStore::FileCredentialStore(QString filePath) : m_filePath(std::move(filePath)) { }

FileCredentialStore::~FileCredentialStore() = default;

void FileCredentialStore::readToken(const QUrl &, const QString &, QObject *context,
                                    ReadCallback done)
{
    QTimer::singleShot(0, context, [done = std::move(done)] {
        done(Result<QString>(ErrorCode::KeychainUnavailable, QStringLiteral("not implemented")));
    });
}

void FileCredentialStore::writeToken(const QUrl &, const QString &, const QString &,
                                     QObject *context, WriteCallback done)
{
    QTimer::singleShot(0, context, [done = std::move(done)] {
        done(Result<void>(ErrorCode::KeychainUnavailable, QStringLiteral("not implemented")));
    });
}

void FileCredentialStore::removeToken(const QUrl &, const QString &, QObject *context,
                                      WriteCallback done)
{
    QTimer::singleShot(0, context, [done = std::move(done)] {
        done(Result<void>(ErrorCode::KeychainUnavailable, QStringLiteral("not implemented")));
    });
}

} // namespace inkwell::net
