#include "server/api/admin.h"

#include "protocol/validation.h"
#include "server/auth/passwordhasher.h"
#include "server/store/serverstore.h"

#include <QRegularExpression>

namespace inkwell::server {

namespace {

Result<qint64> accountId(const store::ServerStore &store, const QString &name)
{
    const Result<std::optional<store::Account>> account = store.accountByName(name);
    if (!account)
        return account.error();
    if (!*account)
        return Error{ErrorCode::NotFound, QStringLiteral("no user named \"%1\"").arg(name)};
    return (*account)->id;
}

} // namespace

Admin::Admin(std::shared_ptr<store::ServerStore> store, ServerConfig config)
    : m_store(std::move(store)), m_config(std::move(config))
{ }

Admin::~Admin() = default;

Result<qint64> Admin::addUser(const QString &name, const QString &password) const
{
    static const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9._@-]{1,64}$"));
    if (!allowed.match(name).hasMatch())
        return Error{ErrorCode::InvalidArgument,
                     QStringLiteral("user names are 1-64 characters of A-Z a-z 0-9 . _ @ -")};
    if (password.size() < 8 || password.size() > 1024)
        return Error{ErrorCode::InvalidArgument,
                     QStringLiteral("passwords must be 8 to 1024 characters long")};
    const auth::PasswordHasher hasher(1);
    const Result<QByteArray> hash = hasher.hash(password);
    if (!hash)
        return hash.error();
    return m_store->createAccount(name, *hash);
}

Result<qint64> Admin::addBlog(const QString &name, const QString &ownerName) const
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty() || trimmed.size() > m_config.protocolLimits().maxNameLength)
        return Error{ErrorCode::InvalidArgument,
                     QStringLiteral("blog names are 1-%1 characters")
                             .arg(m_config.protocolLimits().maxNameLength)};
    const Result<qint64> owner = accountId(*m_store, ownerName);
    if (!owner)
        return owner.error();
    return m_store->createBlog(trimmed, *owner);
}

Result<void> Admin::addMember(qint64 blogId, const QString &userName) const
{
    const Result<qint64> account = accountId(*m_store, userName);
    if (!account)
        return account.error();
    const Result<qint64> blog = m_store->lastRevision(blogId);
    if (!blog)
        return Error{blog.error().code == ErrorCode::NotFound ? ErrorCode::NotFound
                                                              : blog.error().code,
                     blog.error().code == ErrorCode::NotFound
                             ? QStringLiteral("no blog with id %1").arg(blogId)
                             : blog.error().message};
    return m_store->addMember(blogId, *account);
}

Result<store::SiteBlog> Admin::setBlogSite(qint64 blogId, const store::SiteSettings &settings) const
{
    constexpr qsizetype maxDescription = 1000;
    if (settings.description && settings.description->size() > maxDescription)
        return Error{ErrorCode::InvalidArgument,
                     QStringLiteral("descriptions are at most %1 characters").arg(maxDescription)};
    Result<store::SiteBlog> blog = m_store->setSiteSettings(blogId, settings);
    if (!blog && blog.error().code == ErrorCode::NotFound)
        return Error{ErrorCode::NotFound, QStringLiteral("no blog with id %1").arg(blogId)};
    return blog;
}

Result<void> Admin::renamePostSlug(qint64 blogId, const QString &guid, const QString &slug) const
{
    if (!protocol::isValidGuid(guid))
        return Error{ErrorCode::InvalidArgument,
                     QStringLiteral("\"%1\" is not a post id").arg(guid)};
    const Result<std::optional<QString>> current = m_store->sitePostSlug(blogId, guid);
    if (!current)
        return current.error();
    if (!*current)
        return Error{ErrorCode::NotFound,
                     QStringLiteral("blog %1 shows no post %2 on its site").arg(blogId).arg(guid)};
    return m_store->renamePostSlug(blogId, guid, slug);
}

Result<int> Admin::revokeTokens(const QString &userName) const
{
    const Result<qint64> account = accountId(*m_store, userName);
    if (!account)
        return account.error();
    return m_store->revokeTokensOf(*account);
}

} // namespace inkwell::server
