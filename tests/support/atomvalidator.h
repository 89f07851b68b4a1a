#pragma once

#include <QByteArray>
#include <QStringList>

namespace inkwell::test {

// Checks an Atom feed against what RFC 4287 requires, and returns one line per problem (empty:
// valid). Checked: well-formed XML; the root is atom:feed in the Atom namespace; the feed has
// exactly one id (an absolute IRI), title and updated (an RFC 3339 date-time), an author unless
// every entry has one (each author with a name), and a link rel="alternate" (the site's page);
// every entry has exactly one id (absolute IRI, unique in the feed), title and updated, and
// either content or a link rel="alternate"; published, when present, is a date-time too.
QStringList atomFeedProblems(const QByteArray &xml);

} // namespace inkwell::test
