// sync and status: the same SyncEngine the editor runs, on this process's event loop.
#include "cli.h"
#include "options.h"

#include "net/transport.h"
#include "store/localstore.h"
#include "store/postrepository.h"
#include "store/syncrepository.h"
#include "sync/syncengine.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace inkwell::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("inkwell-cli", text);
}

QJsonObject resultToJson(const sync::SyncResult &result, const store::StatusCounts &counts)
{
    return QJsonObject{
            {QStringLiteral("pushed"), result.pushed},
            {QStringLiteral("pulled"), result.pulled},
            {QStringLiteral("merged"), result.merged},
            {QStringLiteral("conflicts"), result.conflicts},
            {QStringLiteral("rejected"), result.rejected},
            {QStringLiteral("skipped"), QJsonArray::fromStringList(result.skipped)},
            {QStringLiteral("attachments_uploaded"), result.attachmentsUploaded},
            {QStringLiteral("attachments_downloaded"), result.attachmentsDownloaded},
            {QStringLiteral("requests"), result.requests},
            {QStringLiteral("retries"), result.retries},
            {QStringLiteral("resynced"), result.resynced},
            {QStringLiteral("recovered"), result.recovered},
            {QStringLiteral("conflicted_posts"), counts.conflicted},
            {QStringLiteral("pending_posts"), counts.needsSync},
    };
}

void report(Cli &cli, store::LocalStore *store, const sync::SyncResult &result)
{
    auto counts = store->posts().counts();
    if (!counts)
        return cli.fail(counts.error());
    if (cli.format() == Cli::Format::Json) {
        cli.printJson(resultToJson(result, *counts));
    } else {
        cli.print(tr("pushed %1, pulled %2, merged %3, new conflicts %4, rejected %5")
                          .arg(result.pushed)
                          .arg(result.pulled)
                          .arg(result.merged)
                          .arg(result.conflicts)
                          .arg(result.rejected));
        if (result.recovered > 0)
            cli.print(tr("the server was restored from a backup: %1 post(s) it had lost were "
                         "sent again")
                              .arg(result.recovered));
        if (counts->conflicted > 0)
            cli.print(tr("%1 post(s) in conflict: see `inkwell-cli conflicts`")
                              .arg(counts->conflicted));
    }
    cli.finish(counts->conflicted > 0 ? ExitCode::Conflicts : ExitCode::Ok);
}

} // namespace

void runSync(Cli &cli, const QStringList &arguments)
{
    QCommandLineParser parser;
    if (!parseArguments(cli, parser, arguments, 0))
        return;
    using Ready = Result<Profile::StoreAndAccount>;
    // The network thread starts, and connects to the server, while the token is read and the
    // store opened.
    cli.transport()->connectAhead(cli.profile().server());
    cli.profile().openStoreWithAccount(&cli, [&cli](const Ready &ready) {
        if (!ready)
            return cli.fail(ready.error());
        store::LocalStore *store = ready->first;
        const sync::SyncAccount &account = ready->second;
        if (auto adopted = cli.profile().adoptLocalPosts(); !adopted)
            return cli.fail(adopted.error());
        auto *engine = new sync::SyncEngine(store, cli.transport(), &cli);
        sync::SyncOptions options;
        options.retry.maxAttempts = 4;
        options.indexAfterRuns = false; // the editor indexes what this pulls
        engine->setOptions(options);
        engine->setAccount(account);
        QObject::connect(engine, &sync::SyncEngine::postFailed, &cli,
                         [&cli](const QString &guid, const Error &error) {
                             cli.warn(tr("post %1 was refused: %2").arg(guid, error.message));
                         });
        QObject::connect(
                engine, &sync::SyncEngine::changeSkipped, &cli,
                [&cli](const QString &guid, const Error &error) {
                    cli.warn(
                            tr("post %1 from the server was skipped: %2").arg(guid, error.message));
                });
        QObject::connect(
                engine, &sync::SyncEngine::finished, &cli,
                [&cli, store](const sync::SyncResult &result) { report(cli, store, result); });
        QObject::connect(engine, &sync::SyncEngine::failed, &cli,
                         [&cli](const Error &error) { cli.fail(error); });
        engine->requestSync();
    });
}

void runStatus(Cli &cli, const QStringList &arguments)
{
    QCommandLineParser parser;
    if (!parseArguments(cli, parser, arguments, 0))
        return;
    auto store = cli.profile().openStore();
    if (!store)
        return cli.fail(store.error());
    auto counts = (*store)->posts().counts(std::nullopt, store::PostRepository::CountSynced::Yes);
    if (!counts)
        return cli.fail(counts.error());
    const Profile &profile = cli.profile();
    QStringList blogs;
    for (qint64 id : profile.blogs())
        blogs.append(QString::number(id));
    if (cli.format() == Cli::Format::Json) {
        cli.printJson(QJsonObject{
                {QStringLiteral("server"), profile.server().toString()},
                {QStringLiteral("user"), profile.user()},
                {QStringLiteral("blogs"), QJsonArray::fromStringList(blogs)},
                {QStringLiteral("synced"), counts->synced},
                {QStringLiteral("needs_sync"), counts->needsSync},
                {QStringLiteral("conflicted"), counts->conflicted},
        });
    } else {
        cli.print(tr("server: %1\nuser: %2\nblogs: %3\nsynced: %4\nneeds sync: %5\nconflicted: %6")
                          .arg(profile.server().toString(), profile.user(),
                               blogs.join(QStringLiteral(", ")))
                          .arg(counts->synced)
                          .arg(counts->needsSync)
                          .arg(counts->conflicted));
    }
    cli.finish(ExitCode::Ok);
}

} // namespace inkwell::cli
