// login, logout, blogs and blog: the commands about the account, outside of sync.
#include "cli.h"
#include "options.h"

#include "account/accountclient.h"
#include "account/blogchoice.h"
#include "net/credentialstore.h"
#include "net/serveraddress.h"
#include "net/transport.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>

#include <functional>
#include <memory>

namespace inkwell::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("inkwell-cli", text);
}

std::shared_ptr<account::AccountClient> accountClient(Cli &cli)
{
    return std::make_shared<account::AccountClient>(cli.transport());
}

using AccountWork = std::function<void(const sync::SyncAccount &,
                                       const std::shared_ptr<account::AccountClient> &)>;

// Runs work for a command without arguments, with the signed-in account and a client that
// lives as long as work's callbacks hold it.
void withAccount(Cli &cli, const QStringList &arguments, AccountWork work)
{
    QCommandLineParser parser;
    if (!parseArguments(cli, parser, arguments, 0))
        return;
    cli.profile().account(&cli, [&cli, work](const Result<sync::SyncAccount> &account) {
        if (!account)
            return cli.fail(account.error());
        work(*account, accountClient(cli));
    });
}

// Prints the profile's blogs, the default one marked ("*" in text, "default" in JSON).
void printBlogs(Cli &cli)
{
    const account::BlogChoice &choice = cli.profile().blogChoice();
    QJsonArray json;
    for (const protocol::BlogSummary &blog : choice.blogs()) {
        const bool isDefault = blog.id == choice.current();
        json.append(QJsonObject{{QStringLiteral("id"), blog.id},
                                {QStringLiteral("name"), blog.name},
                                {QStringLiteral("default"), isDefault}});
        if (cli.format() == Cli::Format::Text)
            cli.print(QString::number(blog.id) + u'\t' + blog.name
                      + (isDefault ? QStringLiteral("\t*") : QString()));
    }
    if (cli.format() == Cli::Format::Json)
        cli.printJson(json);
}

// Keeps blogs in the profile, moves posts written while signed out into the default blog and
// prints the list.
void acceptBlogs(Cli &cli, const QList<protocol::BlogSummary> &blogs)
{
    cli.profile().setBlogs(blogs);
    auto adopted = cli.profile().adoptLocalPosts();
    if (!adopted)
        return cli.fail(adopted.error());
    if (!adopted->isEmpty())
        cli.warn(tr("%1 post(s) written while signed out now belong to blog %2.")
                         .arg(adopted->size())
                         .arg(cli.profile().blogChoice().currentName()));
    printBlogs(cli);
    cli.finish(ExitCode::Ok);
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

    auto client = accountClient(cli);
    client->signIn(server, user, password, &cli,
                   [&cli, client, storage](const Result<account::AccountSession> &session) {
                       if (!session)
                           return cli.fail(session.error());
                       std::shared_ptr<net::CredentialStore> credentials =
                               cli.profile().credentialStore(storage);
                       const account::AccountSession signedIn = *session;
                       credentials->writeToken(
                               signedIn.server, signedIn.user, signedIn.token, &cli,
                               [&cli, credentials, signedIn, storage](const Result<void> &written) {
                                   if (!written)
                                       return cli.fail(written.error());
                                   cli.profile().setAccount(signedIn.server, signedIn.user,
                                                            storage);
                                   cli.warn(tr("Signed in as %1.").arg(signedIn.user));
                                   acceptBlogs(cli, signedIn.blogs);
                               });
                   });
}

void runLogout(Cli &cli, const QStringList &arguments)
{
    withAccount(cli, arguments, [&cli](const sync::SyncAccount &account, const auto &client) {
        client->signOut(account.server, account.token, &cli,
                        [&cli, client, server = account.server](const Result<void> &signedOut) {
                            if (!signedOut)
                                return cli.fail(signedOut.error()); // the token stays for a retry
                            std::shared_ptr<net::CredentialStore> credentials =
                                    cli.profile().credentialStore(cli.profile().tokenStorage());
                            credentials->removeToken(
                                    server, cli.profile().user(), &cli,
                                    [&cli, credentials](const Result<void> &removed) {
                                        if (!removed)
                                            return cli.fail(removed.error());
                                        cli.profile().clearAccount();
                                        cli.warn(tr("Signed out."));
                                        cli.finish(ExitCode::Ok);
                                    });
                        });
    });
}

void runBlogs(Cli &cli, const QStringList &arguments)
{
    withAccount(cli, arguments, [&cli](const sync::SyncAccount &account, const auto &client) {
        client->listBlogs(account.server, account.token, &cli,
                          [&cli, client](const Result<QList<protocol::BlogSummary>> &blogs) {
                              if (!blogs)
                                  return cli.fail(blogs.error());
                              acceptBlogs(cli, *blogs);
                          });
    });
}

void runBlog(Cli &cli, const QStringList &arguments)
{
    QCommandLineParser parser;
    if (!parseArguments(cli, parser, arguments, arguments.isEmpty() ? 0 : 2))
        return;
    if (!cli.profile().isSignedIn())
        return cli.fail(
                {ErrorCode::Unauthorized, QStringLiteral("not signed in: run `login` first")});
    if (!arguments.isEmpty()) {
        if (parser.positionalArguments().at(0) != u"use")
            return cli.usage(
                    tr("blog: unknown subcommand %1").arg(parser.positionalArguments().at(0)));
        auto chosen = cli.profile().setDefaultBlog(parser.positionalArguments().at(1));
        if (!chosen)
            return cli.fail(chosen.error());
    }
    const account::BlogChoice &choice = cli.profile().blogChoice();
    if (choice.current() == 0)
        return cli.fail({ErrorCode::NotFound, QStringLiteral("the account has no blog")});
    if (cli.format() == Cli::Format::Json)
        cli.printJson(QJsonObject{{QStringLiteral("id"), choice.current()},
                                  {QStringLiteral("name"), choice.currentName()}});
    else
        cli.print(QString::number(choice.current()) + u'\t' + choice.currentName());
    cli.finish(ExitCode::Ok);
}

} // namespace inkwell::cli
