// new, edit, rm, ls, show, attach: local changes to the profile's posts (synced by `sync`).
#include "cli.h"
#include "options.h"
#include "postjson.h"

#include "model/attachment.h"
#include "model/post.h"
#include "protocol/validation.h"
#include "store/attachmentrepository.h"
#include "store/localstore.h"
#include "store/postrepository.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QMimeDatabase>

#include <optional>

namespace inkwell::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("inkwell-cli", text);
}

store::LocalStore *openStore(Cli &cli)
{
    auto store = cli.profile().openStore();
    if (!store) {
        cli.fail(store.error());
        return nullptr;
    }
    return *store;
}

Result<QString> readTextFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{ErrorCode::NotFound, path + QStringLiteral(": ") + file.errorString()};
    return QString::fromUtf8(file.readAll());
}

} // namespace

void runNew(Cli &cli, const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption title(QStringLiteral("title"), QString(), QStringLiteral("T"));
    const QCommandLineOption body(QStringLiteral("body"), QString(), QStringLiteral("B"));
    const QCommandLineOption tag(QStringLiteral("tag"), QString(), QStringLiteral("X"));
    const QCommandLineOption blog(QStringLiteral("blog"), QString(), QStringLiteral("ID"));
    parser.addOptions({title, body, tag, blog});
    if (!parseArguments(cli, parser, arguments, 0))
        return;
    if (!parser.isSet(title))
        return cli.usage(tr("new needs --title"));
    store::LocalStore *store = openStore(cli);
    if (!store)
        return;
    const Result<qint64> blogId = cli.profile().blogFor(parser.value(blog));
    if (!blogId)
        return cli.fail(blogId.error());
    model::PostFields fields;
    fields.title = parser.value(title);
    fields.body = parser.value(body);
    fields.tags = parser.values(tag);
    auto post = store->posts().create(*blogId > 0 ? QString::number(*blogId) : QString(), fields);
    if (!post)
        return cli.fail(post.error());
    cli.print(post->guid);
    cli.finish(ExitCode::Ok);
}

// The options of `edit` that change more than the title and body, checked before anything is
// written: a contradiction or an unknown value is a usage error.
namespace {

struct EditChoices
{
    std::optional<model::PublishState> state;
    std::optional<QStringList> tags; // replaces the whole list; empty clears it
    std::optional<QByteArray> cover; // the new cover image; empty removes the cover
};

Result<EditChoices> editChoices(const QCommandLineParser &parser)
{
    EditChoices choices;
    if (parser.isSet(QStringLiteral("status"))) {
        model::PublishState state;
        if (!model::parsePublishState(parser.value(QStringLiteral("status")), &state))
            return Error{ErrorCode::InvalidArgument, tr("--status takes draft or published")};
        choices.state = state;
    }
    const bool noTags = parser.isSet(QStringLiteral("no-tags"));
    if (noTags && parser.isSet(QStringLiteral("tag")))
        return Error{ErrorCode::InvalidArgument, tr("use either --tag or --no-tags, not both")};
    if (noTags)
        choices.tags = QStringList();
    else if (parser.isSet(QStringLiteral("tag")))
        choices.tags = parser.values(QStringLiteral("tag"));
    const bool noCover = parser.isSet(QStringLiteral("no-cover"));
    if (noCover && parser.isSet(QStringLiteral("cover")))
        return Error{ErrorCode::InvalidArgument, tr("use either --cover or --no-cover, not both")};
    const QString coverPath = parser.value(QStringLiteral("cover"));
    if (noCover || (parser.isSet(QStringLiteral("cover")) && coverPath.isEmpty())) {
        choices.cover = QByteArray();
    } else if (!coverPath.isEmpty()) {
        QFile file(coverPath);
        if (!file.open(QIODevice::ReadOnly))
            return Error{ErrorCode::NotFound,
                         coverPath + QStringLiteral(": ") + file.errorString()};
        const QByteArray data = file.readAll();
        if (!QMimeDatabase().mimeTypeForData(data).name().startsWith(QLatin1String("image/")))
            return Error{ErrorCode::InvalidArgument,
                         tr("--cover: %1 is not an image").arg(coverPath)};
        choices.cover = data;
    }
    return choices;
}

} // namespace

void runEdit(Cli &cli, const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption title(QStringLiteral("title"), QString(), QStringLiteral("T"));
    const QCommandLineOption body(QStringLiteral("body"), QString(), QStringLiteral("B"));
    const QCommandLineOption bodyFile(QStringLiteral("body-file"), QString(), QStringLiteral("F"));
    const QCommandLineOption status(QStringLiteral("status"), QString(), QStringLiteral("S"));
    const QCommandLineOption tag(QStringLiteral("tag"), QString(), QStringLiteral("X"));
    const QCommandLineOption noTags(QStringLiteral("no-tags"));
    const QCommandLineOption cover(QStringLiteral("cover"), QString(), QStringLiteral("FILE"));
    const QCommandLineOption noCover(QStringLiteral("no-cover"));
    parser.addOptions({title, body, bodyFile, status, tag, noTags, cover, noCover});
    if (!parseArguments(cli, parser, arguments, 1))
        return;
    if (parser.isSet(body) && parser.isSet(bodyFile))
        return cli.usage(tr("use either --body or --body-file, not both"));
    const Result<EditChoices> choices = editChoices(parser);
    if (!choices) {
        if (choices.error().code == ErrorCode::InvalidArgument)
            return cli.usage(choices.error().message);
        return cli.fail(choices.error());
    }
    store::LocalStore *store = openStore(cli);
    if (!store)
        return;
    const QString guid = parser.positionalArguments().at(0);
    auto post = store->posts().post(guid);
    if (!post || post->deleted)
        return cli.fail(post ? Error{ErrorCode::NotFound, QStringLiteral("deleted: ") + guid}
                             : post.error());
    model::PostFields fields = post->fields;
    if (parser.isSet(title))
        fields.title = parser.value(title);
    if (parser.isSet(body))
        fields.body = parser.value(body);
    if (parser.isSet(bodyFile)) {
        auto text = readTextFile(parser.value(bodyFile));
        if (!text)
            return cli.fail(text.error());
        fields.body = *text;
    }
    if (choices->state)
        fields.state = *choices->state;
    if (choices->tags)
        fields.tags = *choices->tags;
    if (choices->cover && choices->cover->isEmpty())
        fields.cover.clear();
    else if (choices->cover)
        fields.cover = model::Attachment::hashOf(*choices->cover);
    // The server refuses what breaks its limits at sync; refuse it here, before it is stored.
    if (auto valid = protocol::validateFields(fields, protocol::Limits()); !valid)
        return cli.usage(valid.error().message);
    auto written = store->write([&]() -> Result<void> {
        // The cover is stored as the editor's cover picker stores it: an attachment by its hash.
        if (choices->cover && !choices->cover->isEmpty()) {
            if (auto stored = store->attachments().add(*choices->cover); !stored)
                return stored.error();
        }
        auto updated = store->posts().update(guid, fields);
        return updated ? Result<void>() : Result<void>(updated.error());
    });
    if (!written)
        return cli.fail(written.error());
    cli.finish(ExitCode::Ok);
}

void runRemove(Cli &cli, const QStringList &arguments)
{
    QCommandLineParser parser;
    if (!parseArguments(cli, parser, arguments, 1))
        return;
    store::LocalStore *store = openStore(cli);
    if (!store)
        return;
    const QString guid = parser.positionalArguments().at(0);
    if (auto post = store->posts().post(guid); !post)
        return cli.fail(post.error());
    if (auto removed = store->posts().remove(guid); !removed)
        return cli.fail(removed.error());
    cli.finish(ExitCode::Ok);
}

void runList(Cli &cli, const QStringList &arguments)
{
    QCommandLineParser parser;
    if (!parseArguments(cli, parser, arguments, 0))
        return;
    store::LocalStore *store = openStore(cli);
    if (!store)
        return;
    QJsonArray json;
    store::PostQuery query;
    query.limit = 1000;
    for (;;) {
        auto page = store->posts().page(query);
        if (!page)
            return cli.fail(page.error());
        for (const model::Post &post : std::as_const(*page)) {
            if (cli.format() == Cli::Format::Json)
                json.append(postToJson(post));
            else
                cli.print(postLine(post));
        }
        if (page->size() < query.limit)
            break;
        query.after = store::PageKey::of(page->constLast());
    }
    if (cli.format() == Cli::Format::Json)
        cli.printJson(json);
    cli.finish(ExitCode::Ok);
}

void runShow(Cli &cli, const QStringList &arguments)
{
    QCommandLineParser parser;
    if (!parseArguments(cli, parser, arguments, 1))
        return;
    store::LocalStore *store = openStore(cli);
    if (!store)
        return;
    auto post = store->posts().post(parser.positionalArguments().at(0));
    if (!post)
        return cli.fail(post.error());
    if (cli.format() == Cli::Format::Json) {
        cli.printJson(postToJson(*post));
    } else {
        cli.print(tr("guid: %1\nstatus: %2%3\nrev: %4\ntitle: %5\ntags: %6\nstate: %7\n")
                          .arg(post->guid, model::syncStatusName(post->syncStatus),
                               post->deleted ? tr(" (deleted)") : QString())
                          .arg(post->rev)
                          .arg(post->fields.title, post->fields.tags.join(QStringLiteral(", ")),
                               model::publishStateName(post->fields.state)));
        cli.print(post->fields.body);
    }
    cli.finish(ExitCode::Ok);
}

void runAttach(Cli &cli, const QStringList &arguments)
{
    QCommandLineParser parser;
    if (!parseArguments(cli, parser, arguments, 2))
        return;
    store::LocalStore *store = openStore(cli);
    if (!store)
        return;
    const QString guid = parser.positionalArguments().at(0);
    QFile file(parser.positionalArguments().at(1));
    if (!file.open(QIODevice::ReadOnly))
        return cli.fail(
                {ErrorCode::NotFound, file.fileName() + QStringLiteral(": ") + file.errorString()});
    auto post = store->posts().post(guid);
    if (!post || post->deleted)
        return cli.fail(post ? Error{ErrorCode::NotFound, QStringLiteral("deleted: ") + guid}
                             : post.error());
    auto written = store->write([&]() -> Result<void> {
        auto attachment = store->attachments().add(file.readAll());
        if (!attachment)
            return attachment.error();
        model::PostFields fields = post->fields;
        if (!fields.body.isEmpty() && !fields.body.endsWith(u'\n'))
            fields.body += u'\n';
        fields.body +=
                QStringLiteral("![%1](attachment:%2)\n")
                        .arg(QFileInfo(file.fileName()).completeBaseName(), attachment->sha256);
        cli.print(attachment->sha256);
        auto updated = store->posts().update(guid, fields);
        return updated ? Result<void>() : Result<void>(updated.error());
    });
    if (!written)
        return cli.fail(written.error());
    cli.finish(ExitCode::Ok);
}

} // namespace inkwell::cli
