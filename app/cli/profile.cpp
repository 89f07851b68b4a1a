#include "profile.h"

#include "account/blogchoice.h"
#include "net/filecredentialstore.h"
#include "net/keychaincredentialstore.h"
#include "net/keyringcachedcredentialstore.h"
#include "store/localstore.h"
#include "store/postrepository.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>

#include <optional>

namespace inkwell::cli {

namespace {
const QString ServerKey = QStringLiteral("account/server");
const QString UserKey = QStringLiteral("account/user");
const QString StorageKey = QStringLiteral("account/token-storage");
const QString BlogsKey = QStringLiteral("account/blogs");
const QString BlogNamesKey = QStringLiteral("account/blog-names");
const QString DefaultBlogKey = QStringLiteral("account/default-blog");
} // namespace

Profile::Profile(QString directory)
    : m_directory(std::move(directory)),
      m_settings(std::make_unique<QSettings>(
              QDir(m_directory).filePath(QStringLiteral("settings.ini")), QSettings::IniFormat)),
      m_blogs(std::make_unique<account::BlogChoice>())
{
    const QStringList ids = m_settings->value(BlogsKey).toStringList();
    const QStringList names = m_settings->value(BlogNamesKey).toStringList();
    QList<protocol::BlogSummary> blogs;
    for (qsizetype i = 0; i < ids.size(); ++i) {
        const qint64 id = ids.at(i).toLongLong();
        if (id > 0)
            blogs.append({id, i < names.size() ? names.at(i) : ids.at(i)});
    }
    m_blogs->setBlogs(blogs, m_settings->value(DefaultBlogKey).toLongLong());
}

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
    return m_blogs->ids();
}

qint64 Profile::defaultBlog() const
{
    return isSignedIn() ? m_blogs->current() : 0;
}

Result<qint64> Profile::blogFor(const QString &option) const
{
    if (option.isEmpty())
        return defaultBlog();
    auto found = m_blogs->find(option);
    if (!found && found.error().code == ErrorCode::NotFound)
        return Error{ErrorCode::NotFound,
                     found.error().message + QStringLiteral(" (`inkwell-cli blogs` lists them)")};
    return found;
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

void Profile::clearAccount()
{
    m_settings->remove(ServerKey);
    m_settings->remove(UserKey);
    m_settings->sync();
}

void Profile::setBlogs(const QList<protocol::BlogSummary> &blogs)
{
    m_blogs->setBlogs(blogs, m_settings->value(DefaultBlogKey).toLongLong());
    QStringList ids;
    QStringList names;
    for (const protocol::BlogSummary &blog : blogs) {
        ids.append(QString::number(blog.id));
        names.append(blog.name);
    }
    m_settings->setValue(BlogsKey, ids);
    m_settings->setValue(BlogNamesKey, names);
    m_settings->setValue(DefaultBlogKey, m_blogs->current());
    m_settings->sync();
}

Result<qint64> Profile::setDefaultBlog(const QString &blog)
{
    auto found = blogFor(blog);
    if (!found)
        return found;
    m_blogs->choose(*found);
    m_settings->setValue(DefaultBlogKey, *found);
    m_settings->sync();
    return found;
}

Result<QStringList> Profile::adoptLocalPosts()
{
    const QString target = isSignedIn() ? m_blogs->adoptionTarget() : QString();
    if (target.isEmpty())
        return QStringList();
    auto store = openStore();
    if (!store)
        return store.error();
    return (*store)->posts().adoptLocalPosts(target);
}

std::unique_ptr<net::CredentialStore> Profile::credentialStore(TokenStorage storage) const
{
    if (storage == TokenStorage::File)
        return std::make_unique<net::FileCredentialStore>(
                QDir(m_directory).filePath(QStringLiteral("token.json")));
    return std::make_unique<net::KeyringCachedCredentialStore>(
            std::make_unique<net::KeychainCredentialStore>(keychainService()), keychainService(),
            net::KeyringCachedCredentialStore::lifetimeFromEnvironment());
}

void Profile::forgetCachedToken() const
{
    if (isSignedIn() && tokenStorage() == TokenStorage::Keychain)
        net::KeyringCachedCredentialStore::forget(keychainService(), server(), user());
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

void Profile::openStoreWithAccount(QObject *context,
                                   std::function<void(const Result<StoreAndAccount> &)> done)
{
    struct Waiting
    {
        std::optional<Result<sync::SyncAccount>> account;
        bool storeOpen = false;
        bool answered = false;
    };
    auto waiting = std::make_shared<Waiting>();
    auto answer = [this, waiting, done] {
        if (waiting->answered || !waiting->account || !waiting->storeOpen)
            return;
        waiting->answered = true;
        if (!*waiting->account)
            return done(waiting->account->error());
        done(StoreAndAccount{m_store.get(), **waiting->account});
    };
    // Asked first: the keychain's answer comes over D-Bus while this thread opens the store.
    account(context, [waiting, answer](const Result<sync::SyncAccount> &account) {
        waiting->account = account;
        answer();
    });
    if (auto opened = openStore(); !opened) {
        waiting->answered = true;
        return done(opened.error());
    }
    waiting->storeOpen = true;
    answer();
}

} // namespace inkwell::cli
