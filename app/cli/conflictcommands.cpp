// conflicts, conflicts show and resolve: the command-line merge window. Every decision goes
// through store::ConflictResolver and merge::MergeSession, the rules the merge window uses.
#include "cli.h"
#include "conflictview.h"
#include "options.h"
#include "postjson.h"

#include "store/conflictresolver.h"
#include "store/localstore.h"
#include "store/syncrepository.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>

namespace inkwell::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("inkwell-cli", text);
}

// The conflict of guid, or a failure reported through cli (nullopt).
std::optional<store::Conflict> readConflict(Cli &cli, store::ConflictResolver &resolver,
                                            const QString &guid)
{
    auto conflict = resolver.conflict(guid);
    if (conflict)
        return std::move(*conflict);
    if (conflict.error().code == ErrorCode::InvalidArgument)
        cli.fail({ErrorCode::InvalidArgument, tr("the post is not in conflict")});
    else
        cli.fail(conflict.error());
    return std::nullopt;
}

void listConflicts(Cli &cli, store::LocalStore &store)
{
    auto posts = store.sync().conflictedPosts();
    if (!posts)
        return cli.fail(posts.error());
    QJsonArray json;
    for (const model::Post &post : std::as_const(*posts)) {
        json.append(postToJson(post));
        if (cli.format() == Cli::Format::Text) {
            const QString theirs = !post.theirs ? QString()
                    : post.theirs->deleted      ? tr("(deleted)")
                                                : post.theirs->fields.title;
            cli.print(tr("%1\tmine: %2\ttheirs: %3")
                              .arg(post.guid, post.deleted ? tr("(deleted)") : post.fields.title,
                                   theirs));
        }
    }
    if (cli.format() == Cli::Format::Json)
        cli.printJson(json);
    cli.finish(ExitCode::Ok);
}

void showConflict(Cli &cli, store::LocalStore &store, const QString &guid)
{
    store::ConflictResolver resolver(store);
    const auto conflict = readConflict(cli, resolver, guid);
    if (!conflict)
        return;
    if (cli.format() == Cli::Format::Json)
        cli.printJson(conflictJson(*conflict));
    else
        cli.print(conflictText(*conflict).join(u'\n'));
    cli.finish(ExitCode::Ok);
}

// Everything that merged automatically, mine where both changed, and the body from bodyFile;
// the post is alive afterwards.
Result<merge::Version> mergedWithBody(merge::MergeSession &session, const QString &bodyFile)
{
    QFile file(bodyFile);
    if (!file.open(QIODevice::ReadOnly))
        return Error{ErrorCode::NotFound, bodyFile + QStringLiteral(": ") + file.errorString()};
    session.chooseAllOpen(merge::FieldChoice::Mine);
    merge::Version result = session.result();
    result.fields.body = QString::fromUtf8(file.readAll());
    result.deleted = false;
    return result;
}

} // namespace

void runConflicts(Cli &cli, const QStringList &arguments)
{
    QCommandLineParser parser;
    const bool show = !arguments.isEmpty() && arguments.first() == QLatin1String("show");
    if (!parseArguments(cli, parser, show ? arguments.mid(1) : arguments, show ? 1 : 0))
        return;
    auto store = cli.profile().openStore();
    if (!store)
        return cli.fail(store.error());
    if (show)
        return showConflict(cli, **store, parser.positionalArguments().at(0));
    listConflicts(cli, **store);
}

void runResolve(Cli &cli, const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption mine(QStringLiteral("mine"));
    const QCommandLineOption theirs(QStringLiteral("theirs"));
    const QCommandLineOption keepBoth(QStringLiteral("keep-both"));
    const QCommandLineOption merged(QStringLiteral("merged"), QString(), QStringLiteral("FILE"));
    const QCommandLineOption picks(QStringLiteral("pick"), QString(), QStringLiteral("PICKS"));
    const QCommandLineOption expectRev(QStringLiteral("expect-rev"), QString(),
                                       QStringLiteral("N"));
    parser.addOptions({mine, theirs, keepBoth, merged, picks, expectRev});
    if (!parseArguments(cli, parser, arguments, 1))
        return;
    const int decisions = int(parser.isSet(mine)) + int(parser.isSet(theirs))
            + int(parser.isSet(keepBoth)) + int(parser.isSet(merged)) + int(parser.isSet(picks));
    if (decisions != 1) {
        return cli.usage(tr("resolve needs exactly one of --mine, --theirs, --keep-both, "
                            "--merged FILE, --pick PICKS"));
    }
    bool validRev = true;
    const qint64 requestedRev =
            parser.isSet(expectRev) ? parser.value(expectRev).toLongLong(&validRev) : 0;
    if (!validRev)
        return cli.usage(tr("--expect-rev needs a revision number"));
    auto opened = cli.profile().openStore();
    if (!opened)
        return cli.fail(opened.error());
    store::ConflictResolver resolver(**opened);
    const QString guid = parser.positionalArguments().at(0);
    auto conflict = readConflict(cli, resolver, guid);
    if (!conflict)
        return;
    // Without --expect-rev, the server's version as it is now is the one decided on.
    const qint64 expected = parser.isSet(expectRev) ? requestedRev : conflict->theirsRev;
    Result<void> done;
    const auto outcome = [&](const auto &result) {
        done = result ? Result<void>() : Result<void>(result.error());
    };
    if (parser.isSet(mine)) {
        outcome(resolver.keepMine(guid, expected));
    } else if (parser.isSet(theirs)) {
        outcome(resolver.takeTheirs(guid, expected));
    } else if (parser.isSet(keepBoth)) {
        const auto kept = resolver.keepBoth(guid, expected);
        outcome(kept);
        if (kept && cli.format() == Cli::Format::Json)
            cli.printJson(QJsonObject{{QStringLiteral("copy"), kept->copy.guid},
                                      {QStringLiteral("original"), kept->original.guid}});
        else if (kept)
            cli.print(kept->copy.guid);
    } else {
        const auto result = parser.isSet(merged)
                ? mergedWithBody(conflict->session, parser.value(merged))
                : resolveWithPicks(parser.value(picks), conflict->session);
        if (result)
            outcome(resolver.resolveWith(guid, *result, expected));
        else
            done = result.error();
    }
    if (!done)
        return cli.fail(done.error());
    cli.finish(ExitCode::Ok);
}

} // namespace inkwell::cli
