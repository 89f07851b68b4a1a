// login and blogs: the commands that talk to the server outside of sync.
#include "cli.h"
#include "options.h"

#include "net/credentialstore.h"
#include "net/serveraddress.h"
#include "net/transport.h"
#include "protocol/codec.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>

#include <memory>

namespace inkwell::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("inkwell-cli", text);
}

QUrl endpoint(const QUrl &server, const QString &path)
{
    return sync::SyncAccount{server, {}, {}}.endpoint(path);
}

// GET /api/v1/blogs, remembers every blog in the profile and prints the list.
void fetchBlogs(Cli &cli, const QUrl &server, const QString &token)
{
    net::Request request;
    request.url = endpoint(server, QStringLiteral("/api/v1/blogs"));
    request.bearerToken = token;
    cli.transport()->send(request, &cli, [&cli](const net::Response &response) {
        if (!response.isOk())
            return cli.fail(response.error);
        auto list = protocol::decodeBlogList(response.body);
        if (!list)
            return cli.fail(list.error());
        QList<qint64> ids;
        QJsonArray json;
        for (const protocol::BlogSummary &blog : std::as_const(list->blogs)) {
            ids.append(blog.id);
            json.append(QJsonObject{{QStringLiteral("id"), blog.id},
                                    {QStringLiteral("name"), blog.name}});
            if (cli.format() == Cli::Format::Text)
                cli.print(QString::number(blog.id) + u'\t' + blog.name);
        }
        if (cli.format() == Cli::Format::Json)
            cli.printJson(json);
        cli.profile().setBlogs(ids);
        cli.finish(ExitCode::Ok);
    });
}

} // namespace

void runLogin(Cli &cli, const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption insecure(QStringLiteral("insecure-token-file"));
    const QCommandLineOption allowHttp(QStringLiteral("allow-http"));
    parser.addOptions({insecure, allowHttp});
    if (!parseArguments(cli, parser, arguments, 2))
        return;
    const QString address = parser.positionalArguments().at(0);
    const auto plainHttp =
            parser.isSet(allowHttp) ? net::PlainHttp::Allowed : net::PlainHttp::LoopbackOnly;
    const Result<QUrl> parsed = net::parseServerAddress(address, plainHttp);
    if (!parsed) {
        const bool onlyHttp = net::parseServerAddress(address, net::PlainHttp::Allowed).hasValue();
        return cli.usage(tr("URL: %1").arg(parsed.error().message)
                         + (onlyHttp ? tr(" (--allow-http)") : QString()));
    }
    const QUrl server = *parsed;
    const QString user = parser.positionalArguments().at(1);
    if (const QString warning = net::unencryptedWarning(server); !warning.isEmpty())
        cli.warn(tr("warning: %1").arg(warning));
    QTextStream in(stdin);
    const QString password = in.readLine();
    const auto storage =
            parser.isSet(insecure) ? Profile::TokenStorage::File : Profile::TokenStorage::Keychain;
    if (storage == Profile::TokenStorage::File)
        cli.warn(tr("warning: the session token is stored unencrypted in the profile folder "
                    "(readable only by you); anyone who can read it can act as you."));
    if (auto opened = cli.profile().openStore(); !opened)
        return cli.fail(opened.error());

    net::Request request;
    request.method = net::Method::Post;
    request.url = endpoint(server, QStringLiteral("/api/v1/session"));
    request.body = protocol::encode(protocol::LoginRequest{user, password});
    request.contentType = "application/json";
    cli.transport()->send(
            request, &cli, [&cli, server, user, storage](const net::Response &response) {
                if (!response.isOk())
                    return cli.fail(response.error);
                auto login = protocol::decodeLoginResponse(response.body);
                if (!login)
                    return cli.fail(login.error());
                std::shared_ptr<net::CredentialStore> credentials =
                        cli.profile().credentialStore(storage);
                const QString token = login->token;
                credentials->writeToken(server, user, token, &cli,
                                        [&cli, credentials, server, user, storage,
                                         token](const Result<void> &written) {
                                            if (!written)
                                                return cli.fail(written.error());
                                            cli.profile().setAccount(server, user, storage);
                                            cli.warn(tr("Signed in as %1.").arg(user));
                                            fetchBlogs(cli, server, token);
                                        });
            });
}

void runBlogs(Cli &cli, const QStringList &arguments)
{
    QCommandLineParser parser;
    if (!parseArguments(cli, parser, arguments, 0))
        return;
    cli.profile().account(&cli, [&cli](const Result<sync::SyncAccount> &account) {
        if (!account)
            return cli.fail(account.error());
        fetchBlogs(cli, account->server, account->token);
    });
}

} // namespace inkwell::cli
