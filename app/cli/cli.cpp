#include "cli.h"

#include "net/threadedtransport.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <cstdio>

namespace inkwell::cli {

Cli::Cli(const QString &profileDirectory, Format format, QObject *parent)
    : QObject(parent), m_profile(profileDirectory), m_format(format)
{ }

Cli::~Cli()
{
    // A command's objects are children of this one (a sync engine and its requests): they use
    // the transport and the profile's store, so they go before those members do (~QObject would
    // delete them after).
    qDeleteAll(findChildren<QObject *>(Qt::FindDirectChildrenOnly));
}

net::Transport *Cli::transport()
{
    if (!m_transport)
        m_transport = std::make_unique<net::ThreadedTransport>();
    return m_transport.get();
}

void Cli::print(const QString &line) const
{
    std::fputs(qUtf8Printable(line + u'\n'), stdout);
    std::fflush(stdout);
}

void Cli::printJson(const QJsonValue &value) const
{
    const QByteArray text = value.isArray() ? QJsonDocument(value.toArray()).toJson()
                                            : QJsonDocument(value.toObject()).toJson();
    std::fwrite(text.constData(), 1, size_t(text.size()), stdout);
    std::fflush(stdout);
}

void Cli::warn(const QString &line) const
{
    std::fputs(qUtf8Printable(line + u'\n'), stderr);
}

void Cli::finish(ExitCode code)
{
    if (m_finished)
        return;
    m_finished = true;
    QTimer::singleShot(0, this, [code] { QCoreApplication::exit(int(code)); });
}

void Cli::fail(const Error &error)
{
    if (error.code == ErrorCode::Unauthorized)
        profile().forgetCachedToken();
    if (m_format == Format::Json) {
        printJson(QJsonObject{{QStringLiteral("error"),
                               QJsonObject{{QStringLiteral("code"), errorCodeName(error.code)},
                                           {QStringLiteral("message"), errorText(error.code)},
                                           {QStringLiteral("detail"), error.message}}}});
    }
    warn(QCoreApplication::translate("inkwell-cli", "error: %1 (%2)")
                 .arg(errorText(error.code), error.message));
    finish(exitCodeFor(error.code));
}

void Cli::usage(const QString &message)
{
    warn(message);
    warn(QCoreApplication::translate("inkwell-cli", "Run `inkwell-cli --help` for usage."));
    finish(ExitCode::Usage);
}

bool Cli::run(const QString &command, const QStringList &arguments)
{
    using Runner = void (*)(Cli &, const QStringList &);
    static const QList<QPair<QString, Runner>> commands = {
            {QStringLiteral("login"), runLogin},     {QStringLiteral("blogs"), runBlogs},
            {QStringLiteral("blog"), runBlog},       {QStringLiteral("logout"), runLogout},
            {QStringLiteral("new"), runNew},         {QStringLiteral("edit"), runEdit},
            {QStringLiteral("rm"), runRemove},       {QStringLiteral("ls"), runList},
            {QStringLiteral("show"), runShow},       {QStringLiteral("attach"), runAttach},
            {QStringLiteral("sync"), runSync},       {QStringLiteral("status"), runStatus},
            {QStringLiteral("watch"), runWatch},     {QStringLiteral("conflicts"), runConflicts},
            {QStringLiteral("resolve"), runResolve}, {QStringLiteral("history"), runHistory},
            {QStringLiteral("restore"), runRestore}, {QStringLiteral("export"), runExport},
    };
    for (const auto &[name, runner] : commands) {
        if (name == command) {
            runner(*this, arguments);
            return true;
        }
    }
    return false;
}

QString usageText()
{
    return QCoreApplication::translate("inkwell-cli",
                                       R"(Usage: inkwell-cli [--profile DIR] [--json] COMMAND [ARGS]
       inkwell-cli --help | --version

Commands:
  login URL USER [--insecure-token-file] [--allow-http]   sign in (password on stdin)
  logout                                   sign out (the server forgets the session)
  blogs                                    list the account's blogs (* marks the default)
  blog [use BLOG]                          show or set the default blog (id or name)
  new --title T --body B [--tag X]... [--blog BLOG]   create a post, print its guid
  edit GUID [--title T] [--body B | --body-file F] [--status draft|published]
       [--tag X]... | [--no-tags]  [--cover FILE | --no-cover]   change a post
  rm GUID                                  delete a post
  ls                                       list posts
  show GUID                                show one post
  attach GUID FILE                         add an image to a post's body
  sync                                     push local edits and pull the server's
  status                                   account and sync state
  watch                                    stay connected: apply and print each arriving change
  conflicts                                list posts waiting for a decision
  conflicts show GUID                      the numbered fields and hunks to decide
  resolve GUID --mine | --theirs | --keep-both | --merged FILE | --pick 1=mine,2=theirs,...
          [--expect-rev N]                 settle a conflict
  history GUID [--blog ID]                 list a post's revisions on the server, newest first
  restore GUID --rev N [--blog ID]         make revision N the post's content (a local edit)
  export DIR [--blog BLOG] [--base-url URL] [--templates DIR]
                                           write the blog's published posts as a static site

Exit codes: 0 ok, 1 failure, 2 usage, 3 not found, 4 not signed in, 5 server unreachable,
6 conflicts remain, 7 local data error, 8 keychain error (see docs/cli.md).)");
}

} // namespace inkwell::cli
