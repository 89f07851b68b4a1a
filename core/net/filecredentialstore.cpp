#include "net/filecredentialstore.h"

#include "net/logging.h"
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryFile>
#include <QTimer>

#include <cstdio>

namespace inkwell::net {

namespace {

constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
const QLatin1String kTokensKey("tokens");

// The tokens in the file by account key; an empty object when the file does not exist yet.
Result<QJsonObject> readTokens(const QString &filePath)
{
    QFile file(filePath);
    if (!file.exists())
        return QJsonObject();
    if (!file.open(QIODevice::ReadOnly))
        return Result<QJsonObject>(ErrorCode::Keychain, file.errorString() + u": " + filePath);
    if ((file.permissions() & ~(kOwnerOnly | QFileDevice::ReadUser | QFileDevice::WriteUser))
        != 0) {
        qCWarning(lcNet) << "token file was readable by others; restricting it:" << filePath;
        file.setPermissions(kOwnerOnly);
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        return Result<QJsonObject>(ErrorCode::Malformed,
                                   QStringLiteral("token file is damaged: ") + filePath);
    }
    return document.object().value(kTokensKey).toObject();
}

// Replaces the file atomically; the new file is created with mode 0600 before any byte is written.
Result<void> writeTokens(const QString &filePath, const QJsonObject &tokens)
{
    const QFileInfo info(filePath);
    if (!QDir().mkpath(info.absolutePath()))
        return Result<void>(ErrorCode::Keychain,
                            QStringLiteral("cannot create ") + info.absolutePath());
    QTemporaryFile temporary(info.absoluteFilePath() + QStringLiteral(".XXXXXX"));
    if (!temporary.open()) // QTemporaryFile creates files with owner-only permissions
        return Result<void>(ErrorCode::Keychain, temporary.errorString());
    const QJsonObject document{{QStringLiteral("version"), 1}, {kTokensKey, tokens}};
    const QByteArray bytes = QJsonDocument(document).toJson(QJsonDocument::Indented);
    if (!temporary.setPermissions(kOwnerOnly) || temporary.write(bytes) != bytes.size()
        || !temporary.flush()) {
        return Result<void>(ErrorCode::Keychain, temporary.errorString());
    }
    temporary.close();
    if (std::rename(QFile::encodeName(temporary.fileName()).constData(),
                    QFile::encodeName(info.absoluteFilePath()).constData())
        != 0) {
        return Result<void>(ErrorCode::Keychain, QStringLiteral("cannot replace ") + filePath);
    }
    temporary.setAutoRemove(false);
    return {};
}

// Moves a damaged file aside (never deletes it) so a new sign-in can be stored.
void setDamagedFileAside(const QString &filePath)
{
    const QString aside = filePath + QStringLiteral(".damaged");
    QFile::remove(aside);
    QFile::rename(filePath, aside);
    qCWarning(lcNet) << "damaged token file moved to" << aside;
}

template<typename Value, typename Callback>
void deliver(QObject *context, Callback done, Value result)
{
    QTimer::singleShot(0, context,
                       [done = std::move(done), result = std::move(result)] { done(result); });
}

} // namespace

FileCredentialStore::FileCredentialStore(QString filePath) : m_filePath(std::move(filePath)) { }

FileCredentialStore::~FileCredentialStore() = default;

void FileCredentialStore::readToken(const QUrl &server, const QString &user, QObject *context,
                                    ReadCallback done)
{
    const Result<QJsonObject> tokens = readTokens(m_filePath);
    Result<QString> result(ErrorCode::NotFound, QStringLiteral("no token stored"));
    if (!tokens)
        result = tokens.error();
    else if (const QJsonValue token = tokens->value(accountKey(server, user)); token.isString())
        result = token.toString();
    deliver(context, std::move(done), result);
}

void FileCredentialStore::writeToken(const QUrl &server, const QString &user, const QString &token,
                                     QObject *context, WriteCallback done)
{
    Result<QJsonObject> tokens = readTokens(m_filePath);
    if (!tokens && tokens.error().code == ErrorCode::Malformed) {
        setDamagedFileAside(m_filePath);
        tokens = QJsonObject();
    }
    Result<void> result;
    if (!tokens) {
        result = tokens.error();
    } else {
        tokens->insert(accountKey(server, user), token);
        result = writeTokens(m_filePath, tokens.value());
    }
    deliver(context, std::move(done), result);
}

void FileCredentialStore::removeToken(const QUrl &server, const QString &user, QObject *context,
                                      WriteCallback done)
{
    Result<QJsonObject> tokens = readTokens(m_filePath);
    Result<void> result;
    if (!tokens) {
        result = tokens.error();
    } else if (tokens->contains(accountKey(server, user))) {
        tokens->remove(accountKey(server, user));
        result = writeTokens(m_filePath, tokens.value());
    }
    deliver(context, std::move(done), result);
}

} // namespace inkwell::net
