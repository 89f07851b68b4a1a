#pragma once

#include "model/result.h"
#include "server/api/serverconfig.h"

#include <QString>

#include <memory>

namespace inkwell::server {

namespace store {
class ServerStore;
struct SiteBlog;
struct SiteSettings;
} // namespace store

// The administrative operations behind `inkwell-server user add|blog add|member add|token
// revoke`. Each validates its input and returns a Result with a message fit for the terminal.
class Admin
{
public:
    explicit Admin(std::shared_ptr<store::ServerStore> store, ServerConfig config = {});
    ~Admin();

    // Creates an account. Names: 1-64 of [A-Za-z0-9._@-]; passwords: 8-1024 characters.
    // Returns the account id; fails with Conflict if the name is taken.
    Result<qint64> addUser(const QString &name, const QString &password) const;
    // Creates a blog owned (as first member) by an existing account; returns the blog id.
    Result<qint64> addBlog(const QString &name, const QString &ownerName) const;
    // Makes an existing account a member of an existing blog (no-op if it already is).
    Result<void> addMember(qint64 blogId, const QString &userName) const;
    // Changes the public site settings of an existing blog (`blog set`); descriptions are at
    // most 1,000 characters. Returns the blog as it is now.
    Result<store::SiteBlog> setBlogSite(qint64 blogId, const store::SiteSettings &settings) const;
    // Gives a post that was published a new slug on the public site (`post slug`); its old
    // slugs redirect to it. NotFound for an unknown blog, InvalidArgument for a bad guid or slug.
    Result<void> renamePostSlug(qint64 blogId, const QString &guid, const QString &slug) const;
    // Revokes every token of the account not revoked yet; returns how many that were.
    Result<int> revokeTokens(const QString &userName) const;

private:
    std::shared_ptr<store::ServerStore> m_store;
    ServerConfig m_config;
};

} // namespace inkwell::server
