#include "publish/atomfeed.h"

#include "publish/siteurls.h"

#include <QXmlStreamWriter>

#include <algorithm>

namespace inkwell::publish {

namespace {

QString atomDate(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODate);
}

void writeLink(QXmlStreamWriter &xml, const QString &rel, const QString &type, const QString &href)
{
    xml.writeEmptyElement(QStringLiteral("link"));
    xml.writeAttribute(QStringLiteral("rel"), rel);
    if (!type.isEmpty())
        xml.writeAttribute(QStringLiteral("type"), type);
    xml.writeAttribute(QStringLiteral("href"), href);
}

// A stable feed id: the site's absolute address when known, else a tag: URI from the blog id.
QString feedId(const SiteBlog &blog)
{
    if (!blog.baseUrl.isEmpty())
        return SiteUrls::absolute(blog, SiteUrls::index(blog));
    return QStringLiteral("tag:inkwell,2026:blog/")
            + QString::fromLatin1(blog.id.toUtf8().toPercentEncoding());
}

void writeEntry(QXmlStreamWriter &xml, const SiteBlog &blog, const SitePost &post,
                const QString &bodyHtml)
{
    xml.writeStartElement(QStringLiteral("entry"));
    xml.writeTextElement(QStringLiteral("id"), QStringLiteral("urn:uuid:") + post.guid);
    xml.writeTextElement(QStringLiteral("title"), post.title);
    xml.writeTextElement(QStringLiteral("published"), atomDate(post.published));
    xml.writeTextElement(QStringLiteral("updated"),
                         atomDate(post.modified.isValid() ? post.modified : post.published));
    xml.writeStartElement(QStringLiteral("author"));
    xml.writeTextElement(QStringLiteral("name"), post.author.isEmpty() ? blog.name : post.author);
    xml.writeEndElement();
    writeLink(xml, QStringLiteral("alternate"), QStringLiteral("text/html"),
              SiteUrls::absolute(blog, SiteUrls::post(blog, post.slug)));
    for (const QString &tag : post.tags) {
        xml.writeEmptyElement(QStringLiteral("category"));
        xml.writeAttribute(QStringLiteral("term"), tag);
    }
    xml.writeStartElement(QStringLiteral("content"));
    xml.writeAttribute(QStringLiteral("type"), QStringLiteral("html"));
    xml.writeCharacters(bodyHtml);
    xml.writeEndElement();
    xml.writeEndElement();
}

} // namespace

QByteArray AtomFeed::write(const SiteBlog &blog, const QList<SitePost> &latest,
                           const std::function<QString(const SitePost &)> &bodyHtml)
{
    QDateTime updated = QDateTime::fromSecsSinceEpoch(0, Qt::UTC);
    for (const SitePost &post : latest)
        updated = std::max({updated, post.published.toUTC(), post.modified.toUTC()});

    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("feed"));
    xml.writeDefaultNamespace(QStringLiteral("http://www.w3.org/2005/Atom"));
    if (!blog.baseUrl.isEmpty())
        xml.writeAttribute(QStringLiteral("xml:base"), blog.baseUrl + u'/');
    xml.writeTextElement(QStringLiteral("id"), feedId(blog));
    xml.writeTextElement(QStringLiteral("title"), blog.name);
    if (!blog.description.isEmpty())
        xml.writeTextElement(QStringLiteral("subtitle"), blog.description);
    xml.writeTextElement(QStringLiteral("updated"), atomDate(updated));
    writeLink(xml, QStringLiteral("self"), QStringLiteral("application/atom+xml"),
              SiteUrls::absolute(blog, SiteUrls::feed(blog)));
    writeLink(xml, QStringLiteral("alternate"), QStringLiteral("text/html"),
              SiteUrls::absolute(blog, SiteUrls::index(blog)));
    xml.writeTextElement(QStringLiteral("generator"), QStringLiteral("Inkwell"));
    for (const SitePost &post : latest)
        writeEntry(xml, blog, post, bodyHtml ? bodyHtml(post) : QString());
    xml.writeEndElement();
    xml.writeEndDocument();
    return out;
}

} // namespace inkwell::publish
