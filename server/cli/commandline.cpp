#include "server/cli/commandline.h"

#include "protocol/live.h"
#include "server/api/admin.h"
#include "server/cli/serve.h"
#include "server/store/serverstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QStandardPaths>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <optional>

#include <termios.h>
#include <unistd.h>

namespace inkwell::server::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("inkwell-server", text);
}

void printError(const QString &message)
{
    std::fprintf(stderr, "inkwell-server: %s\n", qUtf8Printable(message));
}

void printLine(const QString &message)
{
    std::printf("%s\n", qUtf8Printable(message));
    std::fflush(stdout);
}

// One integer flag of `serve` and where its value goes in ServerConfig.
struct IntegerFlag
{
    QString name;
    QString description;
    std::function<void(ServerConfig &, qint64)> apply;
    qint64 defaultValue;
    qint64 minimum = 1; // 0 where 0 means "no limit"
};

QList<IntegerFlag> serveFlags()
{
    const ServerConfig d;
    return {
            {QStringLiteral("max-body-bytes"), tr("Largest request body (413 beyond)."),
             [](ServerConfig &c, qint64 v) { c.maxBodyBytes = v; }, d.maxBodyBytes},
            {QStringLiteral("max-blob-bytes"), tr("Largest blob upload (413 beyond)."),
             [](ServerConfig &c, qint64 v) { c.maxBlobBytes = v; }, d.maxBlobBytes},
            {QStringLiteral("max-header-bytes"), tr("Largest request line and headers (431)."),
             [](ServerConfig &c, qint64 v) { c.maxHeaderBytes = int(v); }, d.maxHeaderBytes},
            {QStringLiteral("max-changes-per-push"), tr("Most changes in one sync request."),
             [](ServerConfig &c, qint64 v) { c.maxChangesPerPush = int(v); }, d.maxChangesPerPush},
            {QStringLiteral("page-size"), tr("Most changes one pull returns."),
             [](ServerConfig &c, qint64 v) { c.pageSize = int(v); }, d.pageSize},
            {QStringLiteral("max-page-bytes"),
             tr("Bytes after which a pull page stops growing (it keeps one change)."),
             [](ServerConfig &c, qint64 v) { c.maxPageBytes = v; }, d.maxPageBytes},
            {QStringLiteral("read-timeout"), tr("Seconds to receive one request."),
             [](ServerConfig &c, qint64 v) { c.readTimeoutSeconds = int(v); },
             d.readTimeoutSeconds},
            {QStringLiteral("header-timeout"),
             tr("Seconds a new connection has to send its first request header."),
             [](ServerConfig &c, qint64 v) { c.headerTimeoutSeconds = int(v); },
             d.headerTimeoutSeconds},
            {QStringLiteral("idle-timeout"), tr("Seconds a kept-alive connection may idle."),
             [](ServerConfig &c, qint64 v) { c.idleTimeoutSeconds = int(v); },
             d.idleTimeoutSeconds},
            {QStringLiteral("max-connections"), tr("Most open connections (503 beyond)."),
             [](ServerConfig &c, qint64 v) { c.maxConnections = int(v); }, d.maxConnections},
            {QStringLiteral("max-connections-per-address"),
             tr("Most open connections from one address (503 beyond; off with "
                "--trust-forwarded-for)."),
             [](ServerConfig &c, qint64 v) { c.maxConnectionsPerAddress = int(v); },
             d.maxConnectionsPerAddress},
            {QStringLiteral("max-body-bytes-in-flight"),
             tr("Bytes of request bodies held at once, server-wide (503 beyond)."),
             [](ServerConfig &c, qint64 v) { c.maxBodyBytesInFlight = v; }, d.maxBodyBytesInFlight},
            {QStringLiteral("max-queued-logins"),
             tr("Logins waiting for a password-hashing thread (503 beyond)."),
             [](ServerConfig &c, qint64 v) { c.maxQueuedLogins = int(v); }, d.maxQueuedLogins},
            {QStringLiteral("max-parked-waiters"),
             tr("Live requests waiting for changes at once (503 beyond; each holds a "
                "connection, see --max-connections)."),
             [](ServerConfig &c, qint64 v) {
                 c.maxParkedWaiters = int(std::min<qint64>(v, 1000000));
             },
             d.maxParkedWaiters},
            {QStringLiteral("workers"), tr("Threads running requests (SQL, password hashing)."),
             [](ServerConfig &c, qint64 v) { c.workerThreads = int(v); }, d.workerThreads},
            {QStringLiteral("token-lifetime-days"), tr("Days a login token stays valid."),
             [](ServerConfig &c, qint64 v) { c.tokenLifetimeDays = int(v); }, d.tokenLifetimeDays},
            {QStringLiteral("op-retention-days"),
             tr("Days an applied op_id is kept for replays (see docs/operations.md)."),
             [](ServerConfig &c, qint64 v) { c.opRetentionDays = int(std::min<qint64>(v, 36500)); },
             d.opRetentionDays},
            {QStringLiteral("history-days"),
             tr("Days a post's earlier revisions are kept (0: forever; the newest stays)."),
             [](ServerConfig &c, qint64 v) { c.historyDays = int(std::min<qint64>(v, 36500)); },
             d.historyDays, 0},
            {QStringLiteral("history-keep"),
             tr("Most revisions kept per post (0: all; the newest stays)."),
             [](ServerConfig &c, qint64 v) { c.historyKeep = int(std::min<qint64>(v, 1000000)); },
             d.historyKeep, 0},
    };
}

const QString ioThreadsFlag = QStringLiteral("io-threads");
const QString siteTemplatesFlag = QStringLiteral("site-templates");
const QString trustForwardedForFlag = QStringLiteral("trust-forwarded-for");
// Seconds a presence entry lives (1..30): shorter only to test expiry, so not in --help.
const QString presenceTtlFlag = QStringLiteral("presence-ttl");

// sqlite:$XDG_DATA_HOME/inkwell-server/inkwell.sqlite; creates the folder only if asked.
QString defaultDatabaseUrl(bool createFolder)
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (createFolder)
        QDir().mkpath(folder);
    return QStringLiteral("sqlite:") + QDir(folder).filePath(QStringLiteral("inkwell.sqlite"));
}

// Reads one line (the password) from stdin without echo when stdin is a terminal.
std::optional<QString> readPassword()
{
    const bool terminal = isatty(STDIN_FILENO);
    termios saved{};
    if (terminal) {
        std::fprintf(stderr, "%s", qUtf8Printable(tr("Password: ")));
        tcgetattr(STDIN_FILENO, &saved);
        termios silent = saved;
        silent.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &silent);
    }
    QByteArray line;
    for (int c = std::getchar(); c != EOF && c != '\n' && line.size() <= 4096; c = std::getchar())
        line.append(char(c));
    if (terminal) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::fprintf(stderr, "\n");
    }
    if (line.endsWith('\r'))
        line.chop(1);
    if (line.isEmpty())
        return std::nullopt;
    return QString::fromUtf8(line);
}

int exitCodeFor(const Error &error)
{
    switch (error.code) {
    case ErrorCode::DatabaseOpen:
    case ErrorCode::DatabaseCorrupt:
    case ErrorCode::DatabaseReadOnly:
    case ErrorCode::DatabaseTooNew:
    case ErrorCode::DatabaseFull:
        return ExitDatabase;
    case ErrorCode::InvalidArgument:
        return ExitUsage;
    default:
        return ExitFailure;
    }
}

int fail(const Error &error)
{
    printError(error.message);
    return exitCodeFor(error);
}

// Opens the store for an admin command, or prints why not.
std::shared_ptr<store::ServerStore> openStore(const ServerConfig &config)
{
    auto store = store::ServerStore::open(config.databaseUrl, store::OpenMode::Migrate);
    if (!store) {
        printError(tr("cannot open the database: %1").arg(store.error().message));
        return nullptr;
    }
    return *store;
}

int userAdd(const Admin &admin, const QStringList &words, const QString &password)
{
    const auto id = admin.addUser(words[2], password);
    if (!id)
        return fail(id.error());
    printLine(tr("user %1 added").arg(words[2]));
    return ExitSuccess;
}

int blogAdd(const Admin &admin, const QStringList &words, const QString &owner)
{
    const auto id = admin.addBlog(words[2], owner);
    if (!id)
        return fail(id.error());
    printLine(QString::number(*id)); // only the id, for scripts
    return ExitSuccess;
}

int memberAdd(const Admin &admin, const QStringList &words)
{
    const auto added = admin.addMember(words[2].toLongLong(), words[3]);
    if (!added)
        return fail(added.error());
    printLine(tr("%1 is a member of blog %2").arg(words[3], words[2]));
    return ExitSuccess;
}

int blogSet(const Admin &admin, const QStringList &words, const store::SiteSettings &settings)
{
    const auto blog = admin.setBlogSite(words[2].toLongLong(), settings);
    if (!blog)
        return fail(blog.error());
    printLine(blog->isPublic ? tr("blog %1 is public at /b/%2/").arg(words[2], blog->slug)
                             : tr("blog %1 is private").arg(words[2]));
    return ExitSuccess;
}

int postSlug(const Admin &admin, const QStringList &words)
{
    const auto renamed = admin.renamePostSlug(words[2].toLongLong(), words[3], words[4]);
    if (!renamed)
        return fail(renamed.error());
    printLine(
            tr("post %1 is now at %2/; its old addresses redirect there").arg(words[3], words[4]));
    return ExitSuccess;
}

int tokenRevoke(const Admin &admin, const QStringList &words)
{
    const auto revoked = admin.revokeTokens(words[2]);
    if (!revoked)
        return fail(revoked.error());
    printLine(tr("%1 tokens revoked").arg(*revoked));
    return ExitSuccess;
}

// `backup PATH`: a consistent SQLite copy with a fresh epoch (restoring it is detected).
int backup(const store::ServerStore &store, const QString &path)
{
    if (store.driverName() != QLatin1String("QSQLITE")) {
        printError(tr("backup copies SQLite databases only. For PostgreSQL use pg_dump "
                      "(e.g. pg_dump --format=custom --file=inkwell.dump DB); after pg_restore, "
                      "run `inkwell-server restored --database URL` before serving again"));
        return ExitFailure;
    }
    const auto epoch = store.backupTo(path);
    if (!epoch)
        return fail(epoch.error());
    printLine(tr("backup written to %1 (epoch %2)").arg(path, *epoch));
    return ExitSuccess;
}

// `restored`: a fresh epoch for a database restored by other tools (pg_restore, a file copy).
int restored(const store::ServerStore &store)
{
    const auto epoch = store.renewEpoch();
    if (!epoch)
        return fail(epoch.error());
    printLine(
            tr("the database has the new epoch %1; clients resync on their next sync").arg(*epoch));
    return ExitSuccess;
}

// Checks the command and its arguments before anything touches the database.
std::optional<QString> usageError(const QStringList &words, const QString &owner,
                                  const std::optional<store::SiteSettings> &site)
{
    if (words.constFirst() == QLatin1String("backup"))
        return words.size() == 2 && !words[1].isEmpty()
                ? std::nullopt
                : std::optional(tr("usage: inkwell-server backup PATH"));
    if (words.constFirst() == QLatin1String("restored"))
        return words.size() == 1 ? std::nullopt
                                 : std::optional(tr("usage: inkwell-server restored"));
    const QString command = words.mid(0, 2).join(u' ');
    if (command == QLatin1String("user add") || command == QLatin1String("token revoke"))
        return words.size() == 3 ? std::nullopt
                                 : std::optional(tr("usage: inkwell-server %1 USER").arg(command));
    if (command == QLatin1String("blog add"))
        return words.size() == 3 && !owner.isEmpty()
                ? std::nullopt
                : std::optional(tr("usage: inkwell-server blog add NAME --owner USER"));
    if (command == QLatin1String("blog set")) {
        bool ok = false;
        words.value(2).toLongLong(&ok);
        return words.size() == 3 && ok && site
                ? std::nullopt
                : std::optional(tr("usage: inkwell-server blog set BLOG-ID --public|--private "
                                   "[--description TEXT] [--slug SLUG]"));
    }
    if (command == QLatin1String("post slug")) {
        bool ok = false;
        words.value(2).toLongLong(&ok);
        return words.size() == 5 && ok
                ? std::nullopt
                : std::optional(tr("usage: inkwell-server post slug BLOG-ID POST-GUID SLUG"));
    }
    if (command == QLatin1String("member add")) {
        bool ok = false;
        words.value(2).toLongLong(&ok);
        return words.size() == 4 && ok
                ? std::nullopt
                : std::optional(tr("usage: inkwell-server member add BLOG-ID USER"));
    }
    return tr("unknown command \"%1\"; see --help").arg(words.join(u' '));
}

int runAdmin(const QStringList &words, const QString &owner,
             const std::optional<store::SiteSettings> &site, const ServerConfig &config)
{
    const QString command = words.mid(0, 2).join(u' ');
    std::optional<QString> password;
    if (command == QLatin1String("user add")) {
        password = readPassword(); // before the database is touched
        if (!password) {
            printError(tr("no password given on standard input"));
            return ExitUsage;
        }
    }
    const auto store = openStore(config);
    if (!store)
        return ExitDatabase;
    if (words.constFirst() == QLatin1String("backup"))
        return backup(*store, words[1]);
    if (words.constFirst() == QLatin1String("restored"))
        return restored(*store);
    const Admin admin(store, config);
    if (command == QLatin1String("user add"))
        return userAdd(admin, words, *password);
    if (command == QLatin1String("blog add"))
        return blogAdd(admin, words, owner);
    if (command == QLatin1String("blog set"))
        return blogSet(admin, words, *site);
    if (command == QLatin1String("post slug"))
        return postSlug(admin, words);
    if (command == QLatin1String("member add"))
        return memberAdd(admin, words);
    return tokenRevoke(admin, words);
}

const char helpText[] = QT_TRANSLATE_NOOP(
        "inkwell-server",
        "The Inkwell sync server.\n\nCommands:\n"
        "  serve [--listen HOST:PORT]     serve HTTP (port 0 picks a free port)\n"
        "  user add NAME                  create an account (password on standard input)\n"
        "  blog add NAME --owner USER     create a blog; prints its id\n"
        "  blog set BLOG --public|--private [--description TEXT] [--slug SLUG]\n"
        "                                 publish the blog's site under /b/SLUG/ or hide it\n"
        "  post slug BLOG GUID SLUG       move a published post to another address\n"
        "  member add BLOG USER           add an account to a blog\n"
        "  token revoke USER              log the account out everywhere\n"
        "  backup PATH                    consistent copy of a SQLite database with a new\n"
        "                                 epoch, so clients notice when it is restored\n"
        "  restored                       give the database a new epoch after a restore\n"
        "                                 done by other tools (pg_restore)\n\n"
        "Exit codes: 0 success, 1 refused, 2 usage, 3 database, 4 listen address.");

const QString configFlag = QStringLiteral("config");
const QString ownerFlag = QStringLiteral("owner");
// The flags of `blog set`: like --owner, command arguments rather than settings.
const QStringList siteFlags{QStringLiteral("public"), QStringLiteral("private"),
                            QStringLiteral("description"), QStringLiteral("slug")};

// Every option besides --help and --version. Each one except --config and --owner is also a key
// of the configuration file, so a new flag is a new key there too.
QList<QCommandLineOption> options(const QList<IntegerFlag> &flags)
{
    QList<QCommandLineOption> all = {
            {configFlag,
             tr("Read settings from FILE: `key = value` lines, keys are the long options below "
                "without --; options given here win."),
             QStringLiteral("FILE")},
            {QStringLiteral("database"),
             tr("sqlite:PATH or postgresql://USER@HOST:PORT/DB (default: %1).")
                     .arg(defaultDatabaseUrl(false)),
             QStringLiteral("URL")},
            {QStringLiteral("database-password-file"),
             tr("Read the PostgreSQL password from FILE (its first line; mode 600), not the URL."),
             QStringLiteral("FILE")},
            {QStringLiteral("listen"), tr("Address to serve on (default 127.0.0.1:8080)."),
             QStringLiteral("HOST:PORT"), ServerConfig().listenAddress},
            {ownerFlag, tr("Owner of a new blog."), QStringLiteral("USER")},
            {siteTemplatesFlag,
             tr("Folder whose site templates and theme replace the packaged ones, file by file."),
             QStringLiteral("DIR")},
            {siteFlags[0], tr("blog set: serve the blog's public site.")},
            {siteFlags[1], tr("blog set: stop serving the blog's public site.")},
            {siteFlags[2], tr("blog set: the blog's description on its site."),
             QStringLiteral("TEXT")},
            {siteFlags[3], tr("blog set: the site's path under /b/."), QStringLiteral("SLUG")},
    };
    for (const IntegerFlag &flag : flags)
        all.append({flag.name, flag.description + tr(" Default %1.").arg(flag.defaultValue),
                    QStringLiteral("N")});
    all.append({ioThreadsFlag, tr("Threads parsing HTTP. Default 1."), QStringLiteral("N")});
    all.append({trustForwardedForFlag,
                tr("Throttle logins by the last X-Forwarded-For address (only behind a "
                   "reverse proxy that is the only way in).")});
    QCommandLineOption presenceTtl(presenceTtlFlag, tr("Seconds a presence entry lives."),
                                   QStringLiteral("N"));
    presenceTtl.setFlags(QCommandLineOption::HiddenFromHelp);
    all.append(presenceTtl);
    return all;
}

void addOptions(QCommandLineParser &parser, const QList<QCommandLineOption> &all)
{
    parser.setApplicationDescription(tr(helpText));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"),
                                 tr("serve, user, blog, post, member, token, backup or restored"));
    parser.addOptions(all);
}

// The settings of a configuration file as command-line arguments, or nullopt after printing
// FILE:LINE and why. Lines are `key = value`, blank, or comments starting with #; a switch
// takes true or false.
std::optional<QStringList> configFileArguments(const QString &path,
                                               const QList<QCommandLineOption> &all)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        printError(tr("cannot read the configuration file %1: %2").arg(path, file.errorString()));
        return std::nullopt;
    }
    QStringList arguments;
    QStringList seen;
    for (int number = 1; !file.atEnd(); ++number) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        const auto failAt = [&](const QString &why) {
            printError(QStringLiteral("%1:%2: %3").arg(path).arg(number).arg(why));
            return std::nullopt;
        };
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const qsizetype equals = line.indexOf(u'=');
        if (equals < 0)
            return failAt(tr("expected `key = value`"));
        const QString key = line.left(equals).trimmed();
        const QString value = line.mid(equals + 1).trimmed();
        const auto option = std::find_if(all.cbegin(), all.cend(), [&](const auto &o) {
            return o.names().contains(key) && key != configFlag && key != ownerFlag
                    && !siteFlags.contains(key);
        });
        if (option == all.cend())
            return failAt(tr("unknown key \"%1\"").arg(key));
        if (seen.contains(key))
            return failAt(tr("\"%1\" is set twice").arg(key));
        seen.append(key);
        if (option->valueName().isEmpty()) {
            if (value != QLatin1String("true") && value != QLatin1String("false"))
                return failAt(tr("\"%1\" wants true or false").arg(key));
            if (value == QLatin1String("true"))
                arguments.append(QStringLiteral("--") + key);
        } else {
            if (value.isEmpty())
                return failAt(tr("\"%1\" wants a value").arg(key));
            arguments.append({QStringLiteral("--") + key, value});
        }
    }
    return arguments;
}

// Parses the command line; with --config FILE, the file's settings go before the command
// line's own, so an option given on the command line wins (the parser keeps the last value).
// False after printing why.
bool parseArguments(QCommandLineParser &parser, const QStringList &arguments,
                    const QList<QCommandLineOption> &all)
{
    QCommandLineParser first;
    addOptions(first, all);
    if (!first.parse(arguments)) {
        printError(first.errorText());
        return false;
    }
    QStringList combined = arguments;
    if (first.isSet(configFlag) && !first.isSet(QStringLiteral("help"))
        && !first.isSet(QStringLiteral("version"))) {
        const auto fromFile = configFileArguments(first.value(configFlag), all);
        if (!fromFile)
            return false;
        for (qsizetype i = 0; i < fromFile->size(); ++i)
            combined.insert(1 + i, fromFile->at(i));
    }
    addOptions(parser, all);
    if (!parser.parse(combined)) {
        printError(parser.errorText());
        return false;
    }
    return true;
}

// The configuration the flags ask for; nullopt (after printing why) for a malformed value.
std::optional<ServerConfig> configFrom(const QCommandLineParser &parser,
                                       const QList<IntegerFlag> &flags)
{
    ServerConfig config;
    config.listenAddress = parser.value(QStringLiteral("listen"));
    config.trustForwardedFor = parser.isSet(trustForwardedForFlag);
    if (parser.isSet(siteTemplatesFlag))
        config.siteDirs = QStringList{parser.value(siteTemplatesFlag)};
    if (parser.isSet(presenceTtlFlag)) {
        bool ok = false;
        config.presenceTtlSeconds = parser.value(presenceTtlFlag).toInt(&ok);
        if (!ok || config.presenceTtlSeconds < 1
            || config.presenceTtlSeconds > protocol::kPresenceTtlSeconds) {
            printError(tr("--%1 wants 1 to %2 seconds")
                               .arg(presenceTtlFlag)
                               .arg(protocol::kPresenceTtlSeconds));
            return std::nullopt;
        }
    }
    for (const IntegerFlag &flag : flags) {
        if (!parser.isSet(flag.name))
            continue;
        bool ok = false;
        const qint64 value = parser.value(flag.name).toLongLong(&ok);
        if (!ok || value < flag.minimum) {
            printError(flag.minimum > 0 ? tr("--%1 wants a positive number").arg(flag.name)
                                        : tr("--%1 wants 0 or a positive number").arg(flag.name));
            return std::nullopt;
        }
        flag.apply(config, value);
    }
    config.databaseUrl = parser.isSet(QStringLiteral("database"))
            ? parser.value(QStringLiteral("database"))
            : defaultDatabaseUrl(true);
    if (parser.isSet(QStringLiteral("database-password-file"))) {
        const Result<QString> url = store::ServerStore::withPasswordFile(
                config.databaseUrl, parser.value(QStringLiteral("database-password-file")));
        if (!url) {
            printError(url.error().message);
            return std::nullopt;
        }
        config.databaseUrl = *url;
    }
    return config;
}

// What `blog set` asks for; nullopt when it asks for nothing or for both --public and --private.
std::optional<store::SiteSettings> siteSettingsFrom(const QCommandLineParser &parser)
{
    store::SiteSettings settings;
    if (parser.isSet(siteFlags[0]) && parser.isSet(siteFlags[1]))
        return std::nullopt;
    if (parser.isSet(siteFlags[0]) || parser.isSet(siteFlags[1]))
        settings.isPublic = parser.isSet(siteFlags[0]);
    if (parser.isSet(siteFlags[2]))
        settings.description = parser.value(siteFlags[2]);
    if (parser.isSet(siteFlags[3]))
        settings.slug = parser.value(siteFlags[3]);
    if (!settings.isPublic && !settings.description && !settings.slug)
        return std::nullopt;
    return settings;
}

} // namespace

int run(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QList<IntegerFlag> flags = serveFlags();
    if (!parseArguments(parser, arguments, options(flags)))
        return ExitUsage;
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(ExitSuccess); // exits
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion(); // exits

    const QStringList words = parser.positionalArguments();
    const QString owner = parser.value(ownerFlag);
    const std::optional<store::SiteSettings> site = siteSettingsFrom(parser);
    const bool serving = words == QStringList{QStringLiteral("serve")};
    const auto usage = words.isEmpty() ? std::optional(tr("no command given; see --help"))
                                       : (serving ? std::nullopt : usageError(words, owner, site));
    const int ioThreads = parser.isSet(ioThreadsFlag) ? parser.value(ioThreadsFlag).toInt() : 1;
    if (usage || ioThreads <= 0 || ioThreads > 64) {
        printError(usage ? *usage : tr("--io-threads wants a number from 1 to 64"));
        return ExitUsage;
    }
    const auto config = configFrom(parser, flags);
    if (!config)
        return ExitUsage;
    return serving ? serve(*config, ioThreads) : runAdmin(words, owner, site, *config);
}

} // namespace inkwell::server::cli
