// history and restore: a post's revisions on the server, and restoring one as a local edit.
#include "cli.h"
#include "options.h"

#include "history/historyclient.h"
#include "model/post.h"
#include "store/localstore.h"
#include "store/postrepository.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

#include <memory>

namespace inkwell::cli {

namespace {

// Pages fetched at most by `history` (100 revisions each): a bound, not a limit in practice.
constexpr int MaxHistoryPages = 1000;
constexpr int HistoryPageSize = 100;

QString tr(const char *text)
{
    return QCoreApplication::translate("inkwell-cli", text);
}

ExitCode exitCodeFor(const history::HistoryFailure &failure)
{
    switch (failure.problem) {
    case history::HistoryProblem::Offline:
        return ExitCode::Unreachable;
    case history::HistoryProblem::SignedOut:
        return ExitCode::NotSignedIn;
    case history::HistoryProblem::NotFound:
        return ExitCode::NotFound;
    case history::HistoryProblem::Unsupported:
        return ExitCode::Failure;
    case history::HistoryProblem::Failed:
        break;
    }
    return cli::exitCodeFor(failure.error.code);
}

void failWith(Cli &cli, const history::HistoryFailure &failure)
{
    if (cli.format() == Cli::Format::Json) {
        const QString code = failure.problem == history::HistoryProblem::Unsupported
                ? QStringLiteral("history-unsupported")
                : errorCodeName(failure.error.code);
        cli.printJson(QJsonObject{
                {QStringLiteral("error"),
                 QJsonObject{{QStringLiteral("code"), code},
                             {QStringLiteral("message"), history::historyFailureText(failure)},
                             {QStringLiteral("detail"), failure.error.message}}}});
    }
    cli.warn(tr("error: %1 (%2)").arg(history::historyFailureText(failure), failure.error.message));
    cli.finish(exitCodeFor(failure));
}

// The blog the post lives in: --blog, else the local copy's, else the profile's default blog;
// 0 when there is none (or --blog is not a blog id).
qint64 blogOf(Cli &cli, store::LocalStore *store, const QString &guid, const QString &option)
{
    if (!option.isEmpty())
        return option.toLongLong();
    if (auto post = store->posts().post(guid); post && !post->blog.isEmpty())
        return post->blog.toLongLong();
    return cli.profile().defaultBlog();
}

QString revisionLine(const protocol::RevisionSummary &revision)
{
    QString title = revision.title;
    if (revision.deleted)
        title = tr("(deleted) ") + title;
    return QString::number(revision.rev) + u'\t' + revision.modifiedBy + u'\t'
            + revision.modifiedAt.toUTC().toString(Qt::ISODate) + u'\t' + title;
}

QJsonObject revisionToJson(const protocol::RevisionSummary &revision)
{
    return QJsonObject{
            {QStringLiteral("rev"), revision.rev},
            {QStringLiteral("deleted"), revision.deleted},
            {QStringLiteral("title"), revision.title},
            {QStringLiteral("modified_by"), revision.modifiedBy},
            {QStringLiteral("modified_at"), revision.modifiedAt.toUTC().toString(Qt::ISODate)},
            {QStringLiteral("body_bytes"), revision.bodyBytes},
    };
}

// Fetches every page of guid's history (newest first) and prints it at the end.
struct HistoryListing : std::enable_shared_from_this<HistoryListing>
{
    HistoryListing(Cli &owner, const sync::SyncAccount &account, qint64 blogId, QString postGuid)
        : cli(owner), client(std::make_unique<history::HistoryClient>(owner.transport(), account)),
          blog(blogId), guid(std::move(postGuid))
    { }

    Cli &cli;
    std::unique_ptr<history::HistoryClient> client;
    qint64 blog = 0;
    QString guid;
    QList<protocol::RevisionSummary> revisions;
    int pages = 0;

    void fetch(qint64 before)
    {
        client->fetchRevisions(blog, guid, before, HistoryPageSize, &cli,
                               [self = shared_from_this()](
                                       const history::HistoryResult<protocol::RevisionList> &page) {
                                   self->onPage(page);
                               });
    }

    void onPage(const history::HistoryResult<protocol::RevisionList> &page)
    {
        if (!page)
            return failWith(cli, page.failure());
        revisions += page->revisions;
        if (page->more && !page->revisions.isEmpty() && ++pages < MaxHistoryPages)
            return fetch(page->revisions.constLast().rev);
        print();
    }

    void print()
    {
        if (cli.format() == Cli::Format::Json) {
            QJsonArray json;
            for (const protocol::RevisionSummary &revision : std::as_const(revisions))
                json.append(revisionToJson(revision));
            cli.printJson(json);
        } else {
            for (const protocol::RevisionSummary &revision : std::as_const(revisions))
                cli.print(revisionLine(revision));
        }
        cli.finish(ExitCode::Ok);
    }
};

} // namespace

void runHistory(Cli &cli, const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption blog(QStringLiteral("blog"), QString(), QStringLiteral("ID"));
    parser.addOption(blog);
    if (!parseArguments(cli, parser, arguments, 1))
        return;
    const QString guid = parser.positionalArguments().at(0);
    if (!model::isValidGuid(guid))
        return cli.usage(tr("not a post guid: %1").arg(guid));
    auto store = cli.profile().openStore();
    if (!store)
        return cli.fail(store.error());
    const qint64 blogId = blogOf(cli, *store, guid, parser.value(blog));
    if (blogId < 1)
        return cli.usage(tr("no blog to ask: give --blog ID (see `inkwell-cli blogs`)"));
    cli.profile().account(&cli, [&cli, guid, blogId](const Result<sync::SyncAccount> &account) {
        if (!account)
            return cli.fail(account.error());
        // Kept alive by the callback of the request in flight.
        std::make_shared<HistoryListing>(cli, *account, blogId, guid)->fetch(0);
    });
}

void runRestore(Cli &cli, const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption rev(QStringLiteral("rev"), QString(), QStringLiteral("N"));
    const QCommandLineOption blog(QStringLiteral("blog"), QString(), QStringLiteral("ID"));
    parser.addOptions({rev, blog});
    if (!parseArguments(cli, parser, arguments, 1))
        return;
    const QString guid = parser.positionalArguments().at(0);
    bool isNumber = false;
    const qint64 revision = parser.value(rev).toLongLong(&isNumber);
    if (!parser.isSet(rev) || !isNumber || revision < 1)
        return cli.usage(tr("restore needs --rev N (a revision from `inkwell-cli history`)"));
    auto opened = cli.profile().openStore();
    if (!opened)
        return cli.fail(opened.error());
    store::LocalStore *store = *opened;
    auto local = store->posts().post(guid);
    if (!local) {
        if (local.error().code == ErrorCode::NotFound)
            return cli.fail(
                    {ErrorCode::NotFound,
                     tr("post %1 is not in this profile; run `inkwell-cli sync` first").arg(guid)});
        return cli.fail(local.error());
    }
    const qint64 blogId = blogOf(cli, store, guid, parser.value(blog));
    if (blogId < 1)
        return cli.usage(tr("no blog to ask: give --blog ID (see `inkwell-cli blogs`)"));
    cli.profile().account(
            &cli,
            [&cli, store, guid, blogId, revision,
             before = *local](const Result<sync::SyncAccount> &account) {
                if (!account)
                    return cli.fail(account.error());
                auto client = std::make_shared<history::HistoryClient>(cli.transport(), *account);
                client->fetchRevision(
                        blogId, guid, revision, &cli,
                        [&cli, store, guid, before,
                         client](const history::HistoryResult<model::Revision> &found) {
                            if (!found)
                                return failWith(cli, found.failure());
                            auto restored = store->posts().restoreRevision(guid, *found);
                            if (!restored)
                                return cli.fail(restored.error());
                            const bool changed = restored->editCounter != before.editCounter;
                            if (cli.format() == Cli::Format::Json) {
                                cli.printJson(QJsonObject{
                                        {QStringLiteral("guid"), guid},
                                        {QStringLiteral("restored_rev"), found->rev},
                                        {QStringLiteral("title"), restored->fields.title},
                                        {QStringLiteral("changed"), changed},
                                        {QStringLiteral("undeleted"),
                                         before.deleted && !restored->deleted},
                                });
                            } else if (!changed) {
                                cli.print(tr("post %1 already has the content of revision %2; "
                                             "nothing "
                                             "to restore")
                                                  .arg(guid)
                                                  .arg(found->rev));
                            } else {
                                cli.print(
                                        tr("restored revision %1 of post %2 (\"%3\")%4 as a local "
                                           "edit; `inkwell-cli sync` sends it")
                                                .arg(found->rev)
                                                .arg(guid, restored->fields.title,
                                                     before.deleted ? tr(", no longer deleted")
                                                                    : QString()));
                            }
                            cli.finish(ExitCode::Ok);
                        });
            });
}

} // namespace inkwell::cli
