#pragma once

#include <QJsonObject>
#include <QString>

namespace inkwell::model {
struct Post;
}

namespace inkwell::cli {

// A post as inkwell-cli prints it with --json (documented in docs/cli.md).
QJsonObject postToJson(const model::Post &post);
// One line of `ls`: guid, sync status, title.
QString postLine(const model::Post &post);

} // namespace inkwell::cli
