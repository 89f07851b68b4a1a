#include "support/atomvalidator.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>
#include <QXmlStreamReader>

namespace inkwell::test {

namespace {

const QString atomNamespace = QStringLiteral("http://www.w3.org/2005/Atom");

// The Atom children of one element (feed or entry), as far as the rules need them.
struct Element
{
    QHash<QString, QStringList> texts; // element name → the text of each occurrence
    QStringList alternateLinks; // href of each link with rel="alternate" (or no rel)
    int authorsWithoutName = 0;
    int line = 0;
};

bool isDateTime(const QString &text)
{
    static const QRegularExpression rfc3339(
            QStringLiteral(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$)"));
    return rfc3339.match(text).hasMatch();
}

bool isAbsoluteIri(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && !url.scheme().isEmpty() && text.trimmed() == text;
}

// Reads the children of the element the reader is in, up to its end; entries go to *entries.
Element readElement(QXmlStreamReader &xml, QList<Element> *entries)
{
    Element element;
    element.line = int(xml.lineNumber());
    while (xml.readNextStartElement()) {
        if (xml.namespaceUri() != atomNamespace) {
            xml.skipCurrentElement();
            continue;
        }
        const QString name = xml.name().toString();
        if (name == QLatin1String("entry") && entries) {
            entries->append(readElement(xml, nullptr));
        } else if (name == QLatin1String("link")) {
            const QString rel = xml.attributes().value(QStringLiteral("rel")).toString();
            if (rel.isEmpty() || rel == QLatin1String("alternate"))
                element.alternateLinks.append(
                        xml.attributes().value(QStringLiteral("href")).toString());
            xml.skipCurrentElement();
        } else if (name == QLatin1String("author")) {
            bool named = false;
            while (xml.readNextStartElement()) {
                if (xml.namespaceUri() == atomNamespace && xml.name() == QLatin1String("name")
                    && !xml.readElementText().trimmed().isEmpty())
                    named = true;
                else if (!xml.isEndElement())
                    xml.skipCurrentElement();
            }
            element.texts[name].append(QString());
            if (!named)
                ++element.authorsWithoutName;
        } else {
            element.texts[name].append(xml.readElementText(QXmlStreamReader::IncludeChildElements));
        }
    }
    return element;
}

void checkCommon(const Element &element, const QString &what, QStringList *problems)
{
    for (const QString &name :
         {QStringLiteral("id"), QStringLiteral("title"), QStringLiteral("updated")}) {
        const qsizetype count = element.texts.value(name).size();
        if (count != 1)
            problems->append(QStringLiteral("%1 (line %2): %3 <%4> elements, expected exactly one")
                                     .arg(what)
                                     .arg(element.line)
                                     .arg(count)
                                     .arg(name));
    }
    const QStringList ids = element.texts.value(QStringLiteral("id"));
    if (ids.size() == 1 && !isAbsoluteIri(ids.first().trimmed()))
        problems->append(
                QStringLiteral("%1: id \"%2\" is not an absolute IRI").arg(what, ids.first()));
    for (const QString &name : {QStringLiteral("updated"), QStringLiteral("published")}) {
        for (const QString &date : element.texts.value(name)) {
            if (!isDateTime(date.trimmed()))
                problems->append(QStringLiteral("%1: <%2> \"%3\" is not an RFC 3339 date-time")
                                         .arg(what, name, date));
        }
    }
    if (element.authorsWithoutName)
        problems->append(QStringLiteral("%1: <author> without <name>").arg(what));
    for (const QString &href : element.alternateLinks) {
        if (href.isEmpty())
            problems->append(QStringLiteral("%1: <link rel=\"alternate\"> without href").arg(what));
    }
}

} // namespace

QStringList atomFeedProblems(const QByteArray &xml)
{
    QStringList problems;
    QXmlStreamReader reader(xml);
    if (!reader.readNextStartElement()) {
        problems.append(QStringLiteral("no root element: %1").arg(reader.errorString()));
        return problems;
    }
    if (reader.namespaceUri() != atomNamespace || reader.name() != QLatin1String("feed")) {
        problems.append(QStringLiteral("the root is {%1}%2, not atom:feed")
                                .arg(reader.namespaceUri().toString(), reader.name().toString()));
        return problems;
    }
    QList<Element> entries;
    const Element feed = readElement(reader, &entries);
    while (!reader.atEnd() && !reader.hasError())
        reader.readNext();
    if (reader.hasError()) {
        problems.append(QStringLiteral("not well-formed XML (line %1): %2")
                                .arg(reader.lineNumber())
                                .arg(reader.errorString()));
        return problems;
    }

    checkCommon(feed, QStringLiteral("feed"), &problems);
    if (feed.alternateLinks.isEmpty())
        problems.append(QStringLiteral("feed: no <link rel=\"alternate\">"));
    const bool feedHasAuthor = !feed.texts.value(QStringLiteral("author")).isEmpty();
    QSet<QString> ids;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const Element &entry = entries.at(i);
        const QString what = QStringLiteral("entry %1").arg(i + 1);
        checkCommon(entry, what, &problems);
        if (!feedHasAuthor && entry.texts.value(QStringLiteral("author")).isEmpty())
            problems.append(what + QStringLiteral(": no <author> and the feed has none"));
        if (entry.texts.value(QStringLiteral("content")).isEmpty()
            && entry.alternateLinks.isEmpty())
            problems.append(what
                            + QStringLiteral(": neither <content> nor <link rel=\"alternate\">"));
        const QString id = entry.texts.value(QStringLiteral("id")).value(0).trimmed();
        if (!id.isEmpty() && ids.contains(id))
            problems.append(what + QStringLiteral(": id \"%1\" is not unique").arg(id));
        ids.insert(id);
    }
    return problems;
}

} // namespace inkwell::test
