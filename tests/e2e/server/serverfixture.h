#pragma once

#include "apiclient.h"
#include "support/serverlauncher.h"

#include <memory>

namespace inkwell::test {

// The backend an end-to-end test binary runs against: INKWELL_E2E_BACKEND=postgres selects a
// fresh PostgreSQL database per test, anything else a fresh SQLite file.
ServerLauncher::Backend e2eBackend();

// A running server with an account "alice" (password alicepass1) owning the blog `blogId`, and
// a client logged in as alice. create() returns null (and sets `why`) if it cannot start.
struct ServerFixture
{
    std::unique_ptr<ServerLauncher> server;
    std::unique_ptr<ApiClient> client;
    qint64 blogId = 0;

    static std::unique_ptr<ServerFixture> create(QString *why,
                                                 const QStringList &serveArguments = {});
    // Another logged-in client; the account is created (and added to blogId) if asked.
    std::unique_ptr<ApiClient> clientFor(const QString &user, const QString &password) const;
};

} // namespace inkwell::test

// Starts the fixture or skips (PostgreSQL not configured) / fails the current test.
#define INKWELL_START_FIXTURE(fixture, ...) \
    do { \
        QString why_; \
        fixture = inkwell::test::ServerFixture::create(&why_ __VA_OPT__(, ) __VA_ARGS__); \
        if (!fixture) { \
            if (inkwell::test::e2eBackend() == inkwell::test::ServerLauncher::Backend::Postgres \
                && !inkwell::test::postgresRequired() \
                && inkwell::test::postgresAdminUrl().isEmpty()) \
                QSKIP("PostgreSQL not configured (run under scripts/test-env.sh)"); \
            QFAIL(qPrintable(why_)); \
        } \
    } while (false)
