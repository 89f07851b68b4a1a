#include "net/keychaincredentialstore.h"

#include "net/logging.h"
#include <QCoreApplication>

#include <qt6keychain/keychain.h>

namespace inkwell::net {

namespace {

// QtKeychain 0.13 reports a missing D-Bus session or an absent/locked Secret Service collection
// as NoBackendAvailable (5) or OtherError (7); both mean "no usable keychain here".
Error keychainError(const QKeychain::Job *job)
{
    const QString detail = job->errorString();
    switch (job->error()) {
    case QKeychain::NoBackendAvailable:
    case QKeychain::OtherError:
        return {ErrorCode::KeychainUnavailable,
                QCoreApplication::translate("inkwell::net::KeychainCredentialStore",
                                            "No system keychain is available (%1). The sign-in "
                                            "can be kept in a private file in the profile "
                                            "instead.")
                        .arg(detail)};
    case QKeychain::EntryNotFound:
        return {ErrorCode::NotFound, detail};
    default:
        return {ErrorCode::Keychain, detail};
    }
}

// Runs job and calls handle(job) on context's thread when it finishes; the job deletes itself.
template<typename Handler>
void run(QKeychain::Job *job, const QString &key, QObject *context, Handler handle)
{
    job->setAutoDelete(true);
    job->setKey(key);
    QObject::connect(job, &QKeychain::Job::finished, context,
                     [handle = std::move(handle)](QKeychain::Job *finished) { handle(finished); });
    job->start();
}

} // namespace

KeychainCredentialStore::KeychainCredentialStore(QString service)
    : m_service(std::move(service)) { }

KeychainCredentialStore::~KeychainCredentialStore() = default;

void KeychainCredentialStore::readToken(const QUrl &server, const QString &user, QObject *context,
                                        ReadCallback done)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    run(job, accountKey(server, user), context, [done = std::move(done)](QKeychain::Job *finished) {
        if (finished->error() != QKeychain::NoError) {
            const Error error = keychainError(finished);
            if (error.code != ErrorCode::NotFound)
                qCWarning(lcNet) << "keychain read failed:" << error.message;
            done(Result<QString>(error));
            return;
        }
        done(Result<QString>(static_cast<QKeychain::ReadPasswordJob *>(finished)->textData()));
    });
}

void KeychainCredentialStore::writeToken(const QUrl &server, const QString &user,
                                         const QString &token, QObject *context, WriteCallback done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setTextData(token);
    run(job, accountKey(server, user), context, [done = std::move(done)](QKeychain::Job *finished) {
        if (finished->error() != QKeychain::NoError) {
            const Error error = keychainError(finished);
            qCWarning(lcNet) << "keychain write failed:" << error.message;
            done(Result<void>(error));
            return;
        }
        done(Result<void>());
    });
}

void KeychainCredentialStore::removeToken(const QUrl &server, const QString &user, QObject *context,
                                          WriteCallback done)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    run(job, accountKey(server, user), context, [done = std::move(done)](QKeychain::Job *finished) {
        const QKeychain::Error code = finished->error();
        if (code == QKeychain::NoError || code == QKeychain::EntryNotFound) {
            done(Result<void>());
            return;
        }
        const Error error = keychainError(finished);
        qCWarning(lcNet) << "keychain remove failed:" << error.message;
        done(Result<void>(error));
    });
}

} // namespace inkwell::net
