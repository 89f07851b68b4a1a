// export: the blog's public site as static files, from the local store (works offline).
#include "cli.h"
#include "options.h"
#include "siteexport.h"

#include "account/blogchoice.h"
#include "publish/slug.h"
#include "store/localstore.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QUrl>

namespace inkwell::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("inkwell-cli", text);
}

} // namespace

void runExport(Cli &cli, const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption blogOption(QStringLiteral("blog"), QString(), QStringLiteral("ID"));
    const QCommandLineOption baseUrl(QStringLiteral("base-url"), QString(), QStringLiteral("URL"));
    const QCommandLineOption templates(QStringLiteral("templates"), QString(),
                                       QStringLiteral("DIR"));
    parser.addOptions({blogOption, baseUrl, templates});
    if (!parseArguments(cli, parser, arguments, 1))
        return;
    const QUrl base(parser.value(baseUrl), QUrl::StrictMode);
    if (parser.isSet(baseUrl)
        && (!base.isValid()
            || (base.scheme() != QLatin1String("https") && base.scheme() != QLatin1String("http"))
            || base.host().isEmpty())) {
        return cli.usage(tr("--base-url takes an http or https address, e.g. https://example.org"));
    }
    auto store = cli.profile().openStore();
    if (!store)
        return cli.fail(store.error());
    const Result<qint64> blogId = cli.profile().blogFor(parser.value(blogOption));
    if (!blogId)
        return cli.fail(blogId.error());
    publish::SiteBlog blog;
    blog.name = tr("Blog");
    for (const protocol::BlogSummary &summary : cli.profile().blogChoice().blogs()) {
        if (summary.id == *blogId)
            blog.name = summary.name;
    }
    blog.id = *blogId > 0 ? QString::number(*blogId) : QString();
    blog.slug = publish::Slug::fromTitle(blog.name);
    // The feed's absolute links: scheme, host and port; the path is where the site lives.
    blog.baseUrl = base.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment
                                 | QUrl::StripTrailingSlash)
                           .toString();
    blog.pathPrefix = base.path(QUrl::FullyEncoded);
    while (blog.pathPrefix.endsWith(u'/'))
        blog.pathPrefix.chop(1);
    QStringList siteDirs;
    if (parser.isSet(templates))
        siteDirs.append(parser.value(templates));
    SiteExport exporter(**store, blog, blog.id, siteDirs);
    const QString directory = parser.positionalArguments().at(0);
    auto written = exporter.write(directory);
    if (!written) {
        if (written.error().code == ErrorCode::InvalidArgument)
            return cli.usage(written.error().message);
        return cli.fail(written.error());
    }
    for (const QString &hash : std::as_const(written->missingMedia))
        cli.warn(tr("warning: image %1 is not on this computer yet (run `inkwell-cli sync`)")
                         .arg(hash));
    if (cli.format() == Cli::Format::Json) {
        cli.printJson(QJsonObject{{QStringLiteral("directory"), directory},
                                  {QStringLiteral("posts"), written->posts},
                                  {QStringLiteral("files"), written->files},
                                  {QStringLiteral("missing_media"),
                                   QJsonArray::fromStringList(written->missingMedia)}});
    } else {
        cli.print(tr("exported %1 posts (%2 files) to %3")
                          .arg(written->posts)
                          .arg(written->files)
                          .arg(directory));
    }
    cli.finish(ExitCode::Ok);
}

} // namespace inkwell::cli
