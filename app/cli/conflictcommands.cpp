// conflicts and resolve: the command-line merge window.
#include "cli.h"
#include "options.h"
#include "postjson.h"

#include "merge/postmerge.h"
#include "store/localstore.h"
#include "store/postrepository.h"
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

// The writer's own version, restoring or keeping a delete as the writer had it.
Result<void> keepMine(store::LocalStore &store, const model::Post &post)
{
    return store.write([&]() -> Result<void> {
        auto resolved = store.sync().resolve(post.guid, post.fields);
        if (!resolved)
            return resolved.error();
        if (post.deleted)
            return store.posts().remove(post.guid);
        return {};
    });
}

// Everything that merged automatically, mine where both changed, and the body from bodyFile.
Result<void> keepMerged(store::LocalStore &store, const model::Post &post, const QString &bodyFile)
{
    QFile file(bodyFile);
    if (!file.open(QIODevice::ReadOnly))
        return Error{ErrorCode::NotFound, bodyFile + QStringLiteral(": ") + file.errorString()};
    const merge::Version base{post.base.value_or(model::PostFields{}), false};
    const merge::Version mine{post.fields, post.deleted};
    const merge::Version theirs{post.theirs->fields, post.theirs->deleted};
    model::PostFields fields = merge::mergePost(base, mine, theirs).merged.fields;
    fields.body = QString::fromUtf8(file.readAll());
    auto resolved = store.sync().resolve(post.guid, fields);
    return resolved ? Result<void>() : Result<void>(resolved.error());
}

} // namespace

void runConflicts(Cli &cli, const QStringList &arguments)
{
    QCommandLineParser parser;
    if (!parseArguments(cli, parser, arguments, 0))
        return;
    auto store = cli.profile().openStore();
    if (!store)
        return cli.fail(store.error());
    auto posts = (*store)->sync().conflictedPosts();
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

void runResolve(Cli &cli, const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption mine(QStringLiteral("mine"));
    const QCommandLineOption theirs(QStringLiteral("theirs"));
    const QCommandLineOption merged(QStringLiteral("merged"), QString(), QStringLiteral("FILE"));
    parser.addOptions({mine, theirs, merged});
    if (!parseArguments(cli, parser, arguments, 1))
        return;
    if (int(parser.isSet(mine)) + int(parser.isSet(theirs)) + int(parser.isSet(merged)) != 1)
        return cli.usage(tr("resolve needs exactly one of --mine, --theirs, --merged FILE"));
    auto opened = cli.profile().openStore();
    if (!opened)
        return cli.fail(opened.error());
    store::LocalStore &store = **opened;
    auto post = store.posts().post(parser.positionalArguments().at(0));
    if (!post)
        return cli.fail(post.error());
    if (post->syncStatus != model::SyncStatus::Conflicted || !post->theirs)
        return cli.fail({ErrorCode::InvalidArgument, tr("the post is not in conflict")});
    Result<void> done;
    if (parser.isSet(theirs)) {
        auto accepted = store.sync().acceptTheirs(post->guid);
        done = accepted ? Result<void>() : Result<void>(accepted.error());
    } else if (parser.isSet(mine)) {
        done = keepMine(store, *post);
    } else {
        done = keepMerged(store, *post, parser.value(merged));
    }
    if (!done)
        return cli.fail(done.error());
    cli.finish(ExitCode::Ok);
}

} // namespace inkwell::cli
