#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace inkwell::publish {

// A public blog as the site shows it. The server fills it from its store, the static export from
// the local store; the renderer reads nothing else.
struct SiteBlog
{
    QString id; // server blog id
    QString slug; // lower-case URL name of the blog
    QString name;
    QString description;
    // Scheme, host and port readers reach the site at ("https://example.org"), no trailing slash;
    // used only where a URL must be absolute (the Atom feed). Empty: the feed uses paths only.
    QString baseUrl;
    // Path the site lives under, no trailing slash: "/b/my-blog" on the server, "" for an export
    // served from a host's root. Every link the renderer writes starts with it.
    QString pathPrefix;

    friend bool operator==(const SiteBlog &, const SiteBlog &) = default;
};

// An attachment a post refers to (body image or cover).
struct SiteAttachment
{
    QString sha256; // lower-case hex
    QString mimeType;

    friend bool operator==(const SiteAttachment &, const SiteAttachment &) = default;
};

// A published post as readers see it.
struct SitePost
{
    QString guid; // lower-case UUID
    QString slug; // stable, unique in the blog (see Slug)
    QString title;
    QString bodyMarkdown; // images as ![alt](attachment:<sha256>)
    QStringList tags;
    QString author; // display name of the writer
    QDateTime published; // first publication, UTC
    QDateTime modified; // last published change, UTC
    QString coverSha256; // empty for none
    QList<SiteAttachment> attachments;

    friend bool operator==(const SitePost &, const SitePost &) = default;
};

// One response body and its Content-Type header value.
struct RenderedPage
{
    QByteArray body;
    QByteArray contentType; // e.g. "text/html; charset=utf-8"
};

} // namespace inkwell::publish
