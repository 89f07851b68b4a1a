#include "postjson.h"

#include "model/post.h"

#include <QJsonArray>

namespace inkwell::cli {

QJsonObject postToJson(const model::Post &post)
{
    QJsonObject object = post.fields.toJson();
    object.insert(QStringLiteral("guid"), post.guid);
    object.insert(QStringLiteral("blog"), post.blog);
    object.insert(QStringLiteral("rev"), post.rev);
    object.insert(QStringLiteral("deleted"), post.deleted);
    object.insert(QStringLiteral("sync_status"), model::syncStatusName(post.syncStatus));
    object.insert(QStringLiteral("modified_by"), post.modifiedBy);
    object.insert(QStringLiteral("last_error"), post.lastError);
    if (post.theirs) {
        QJsonObject theirs = post.theirs->fields.toJson();
        theirs.insert(QStringLiteral("rev"), post.theirs->rev);
        theirs.insert(QStringLiteral("deleted"), post.theirs->deleted);
        theirs.insert(QStringLiteral("modified_by"), post.theirs->modifiedBy);
        object.insert(QStringLiteral("theirs"), theirs);
    }
    return object;
}

QString postLine(const model::Post &post)
{
    return post.guid + u'\t' + model::syncStatusName(post.syncStatus) + u'\t' + post.fields.title;
}

} // namespace inkwell::cli
