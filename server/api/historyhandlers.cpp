// Post history: GET .../posts/{guid}/revisions and .../revisions/{rev}.
#include "server/api/handlers.h"

#include "protocol/history.h"
#include "server/store/serverstore.h"

namespace inkwell::server {

namespace {

constexpr int defaultLimit = 50;
constexpr int maxLimit = 200;
constexpr qint64 maxRevision = qint64(1) << 53;

struct RevisionsQuery
{
    qint64 before = 0; // 0: from the newest
    int limit = defaultLimit;
};

Error badQuery(const QString &message)
{
    return Error{ErrorCode::Malformed, message};
}

// A decimal number of 1 to 16 digits without sign or leading zero, within 1..maximum.
bool parseNumber(const QByteArray &text, qint64 maximum, qint64 *out)
{
    if (text.isEmpty() || text.size() > 16 || text.front() == '0')
        return false;
    qint64 value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + (c - '0');
    }
    if (value > maximum)
        return false;
    *out = value;
    return true;
}

// The query of a revisions request: `before` and `limit`, each at most once, nothing else.
Result<RevisionsQuery> parseQuery(const QByteArray &target)
{
    RevisionsQuery query;
    const qsizetype mark = target.indexOf('?');
    if (mark < 0 || mark == target.size() - 1)
        return query;
    bool seenBefore = false;
    bool seenLimit = false;
    for (const QByteArray &pair : target.mid(mark + 1).split('&')) {
        const qsizetype equals = pair.indexOf('=');
        const QByteArray key = equals < 0 ? pair : pair.left(equals);
        const QByteArray value = equals < 0 ? QByteArray() : pair.mid(equals + 1);
        qint64 number = 0;
        if (key == "before" && !seenBefore) {
            seenBefore = true;
            if (!parseNumber(value, maxRevision, &number))
                return badQuery(QStringLiteral("before: expected a revision number"));
            query.before = number;
        } else if (key == "limit" && !seenLimit) {
            seenLimit = true;
            if (!parseNumber(value, maxLimit, &number))
                return badQuery(QStringLiteral("limit: expected 1 to %1").arg(maxLimit));
            query.limit = int(number);
        } else {
            return badQuery(QStringLiteral("only before and limit may be given, each once"));
        }
    }
    return query;
}

} // namespace

HttpResponse handleRevisions(const HandlerContext &context, const HttpRequest &request,
                             const auth::Principal &principal, qint64 blogId, const QString &guid)
{
    if (Result<void> member = requireMember(context, principal, blogId); !member)
        return errorReply(member.error());
    const Result<RevisionsQuery> query = parseQuery(request.target);
    if (!query)
        return errorReply(query.error());
    const Result<protocol::RevisionList> list =
            context.store.revisions(blogId, guid, query->before, query->limit);
    if (!list)
        return errorReply(list.error());
    return jsonReply(protocol::encode(*list));
}

HttpResponse handleRevision(const HandlerContext &context, const auth::Principal &principal,
                            qint64 blogId, const QString &guid, qint64 rev)
{
    if (Result<void> member = requireMember(context, principal, blogId); !member)
        return errorReply(member.error());
    const Result<model::Revision> revision = context.store.revision(blogId, guid, rev);
    if (!revision)
        return errorReply(revision.error());
    return jsonReply(protocol::encode(protocol::RevisionDetail{*revision}));
}

} // namespace inkwell::server
