#include "serverfixture.h"

namespace inkwell::test {

ServerLauncher::Backend e2eBackend()
{
    return qEnvironmentVariable("INKWELL_E2E_BACKEND") == QLatin1String("postgres")
            ? ServerLauncher::Backend::Postgres
            : ServerLauncher::Backend::Sqlite;
}

std::unique_ptr<ServerFixture> ServerFixture::create(QString *why,
                                                     const QStringList &serveArguments)
{
    auto fixture = std::make_unique<ServerFixture>();
    fixture->server = std::make_unique<ServerLauncher>(e2eBackend());
    if (!fixture->server->isAvailable()) {
        *why = fixture->server->errorString();
        return nullptr;
    }
    fixture->server->setServeArguments(serveArguments);
    if (!fixture->server->addUser(QStringLiteral("alice"), QStringLiteral("alicepass1"))) {
        *why = QStringLiteral("cannot create the account alice");
        return nullptr;
    }
    fixture->blogId = fixture->server->addBlog(QStringLiteral("Travel"), QStringLiteral("alice"));
    if (fixture->blogId <= 0) {
        *why = QStringLiteral("cannot create a blog");
        return nullptr;
    }
    if (!fixture->server->start()) {
        *why = fixture->server->errorString();
        return nullptr;
    }
    fixture->client = std::make_unique<ApiClient>(fixture->server->baseUrl());
    if (!fixture->client->login(QStringLiteral("alice"), QStringLiteral("alicepass1"))) {
        *why = QStringLiteral("login failed: %1 %2")
                       .arg(fixture->client->lastReply().status)
                       .arg(QString::fromUtf8(fixture->client->lastReply().body));
        return nullptr;
    }
    return fixture;
}

std::unique_ptr<ApiClient> ServerFixture::clientFor(const QString &user,
                                                    const QString &password) const
{
    auto other = std::make_unique<ApiClient>(server->baseUrl());
    if (!other->login(user, password))
        return nullptr;
    return other;
}

} // namespace inkwell::test
