#pragma once

#include "model/result.h"
#include "model/revision.h"
#include "protocol/limits.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

// Post history (docs/protocol.md, "History").
namespace inkwell::protocol {

// One stored revision of a post, without its body.
struct RevisionSummary
{
    qint64 rev = 0;
    bool deleted = false;
    QString title;
    QString modifiedBy;
    QDateTime modifiedAt;
    qint64 bodyBytes = 0; // UTF-8 size of the body

    friend bool operator==(const RevisionSummary &, const RevisionSummary &) = default;
};

// GET /api/v1/blogs/{blog}/posts/{guid}/revisions?before=REV&limit=N answer: newest first.
struct RevisionList
{
    QList<RevisionSummary> revisions;
    bool more = false; // older revisions wait: ask again with before = the last rev listed

    friend bool operator==(const RevisionList &, const RevisionList &) = default;
};

// GET /api/v1/blogs/{blog}/posts/{guid}/revisions/{rev} answer: {"revision": <post object>}, the
// same post object as in a sync answer's `changes`.
struct RevisionDetail
{
    model::Revision revision;

    friend bool operator==(const RevisionDetail &, const RevisionDetail &) = default;
};

QByteArray encode(const RevisionList &list);
QByteArray encode(const RevisionDetail &detail);
Result<RevisionList> decodeRevisionList(const QByteArray &json, const Limits &limits = {});
Result<RevisionDetail> decodeRevisionDetail(const QByteArray &json, const Limits &limits = {});

} // namespace inkwell::protocol
