#include "profile.h"

#include "net/filecredentialstore.h"
#include "net/keychaincredentialstore.h"
#include "store/localstore.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>

namespace inkwell::cli {

namespace {
const QString ServerKey = QStringLiteral("account/server");
const QString UserKey = QStringLiteral("account/user");
const QString StorageKey = QStringLiteral("account/token-storage");
const QString BlogsKey = QStringLiteral("account/blogs");
} // namespace

Profile::Profile(QString directory)
    : m_directory(std::move(directory)),
      m_settings(std::make_unique<QSettings>(
              QDir(m_directory).filePath(QStringLiteral("settings.ini")), QSettings::IniFormat))
{ }

Profile::~Profile() = default;

QString Profile::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
            + QStringLiteral("/inkwell-cli");
}

Result<store::LocalStore *> Profile::openStore()
{
    if (m_store)
        return m_store.get();
    if (!QDir().mkpath(m_directory))
        return Error{ErrorCode::DatabaseOpen, QStringLiteral("cannot create ") + m_directory};
    QFile::setPermissions(m_directory,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    auto store = std::make_unique<store::LocalStore>(
            QDir(m_directory).filePath(QStringLiteral("inkwell.db")));
    if (auto opened = store->open(); !opened)
        return opened.error();
    m_store = std::move(store);
    return m_store.get();
}

QUrl Profile::server() const
{
    return QUrl(m_settings->value(ServerKey).toString());
}

QString Profile::user() const
{
    return m_settings->value(UserKey).toString();
}

QList<qint64> Profile::blogs() const
{
    QList<qint64> blogs;
    const QStringList stored = m_settings->value(BlogsKey).toStringList();
    for (const QString &id : stored)
        blogs.append(id.toLongLong());
    return blogs;
}

qint64 Profile::defaultBlog() const
{
    const auto all = blogs();
    return all.isEmpty() ? 0 : all.constFirst();
}

Profile::TokenStorage Profile::tokenStorage() const
{
    return m_settings->value(StorageKey).toString() == QLatin1String("file")
            ? TokenStorage::File
            : TokenStorage::Keychain;
}

void Profile::setAccount(const QUrl &server, const QString &user, TokenStorage storage)
{
    m_settings->setValue(ServerKey, server.toString());
    m_settings->setValue(UserKey, user);
    m_settings->setValue(StorageKey,
                         storage == TokenStorage::File ? QStringLiteral("file")
                                                       : QStringLiteral("keychain"));
    m_settings->sync();
}

void Profile::setBlogs(const QList<qint64> &blogs)
{
    QStringList ids;
    for (qint64 id : blogs)
        ids.append(QString::number(id));
    m_settings->setValue(BlogsKey, ids);
    m_settings->sync();
}

std::unique_ptr<net::CredentialStore> Profile::credentialStore(TokenStorage storage) const
{
    if (storage == TokenStorage::File)
        return std::make_unique<net::FileCredentialStore>(
                QDir(m_directory).filePath(QStringLiteral("token.json")));
    return std::make_unique<net::KeychainCredentialStore>(QStringLiteral("Inkwell CLI"));
}

void Profile::account(QObject *context, std::function<void(const Result<sync::SyncAccount> &)> done)
{
    if (!isSignedIn()) {
        done(Error{ErrorCode::Unauthorized, QStringLiteral("not signed in: run `login` first")});
        return;
    }
    m_credentials = credentialStore(tokenStorage());
    const QUrl url = server();
    const QList<qint64> ids = blogs();
    m_credentials->readToken(url, user(), context, [url, ids, done](const Result<QString> &token) {
        if (!token) {
            done(token.error());
            return;
        }
        done(sync::SyncAccount{url, *token, ids});
    });
}

} // namespace inkwell::cli
