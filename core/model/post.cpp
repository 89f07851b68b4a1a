#include "model/post.h"

#include <QRegularExpression>
#include <QUuid>

namespace inkwell::model {

QString createGuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

bool isValidGuid(const QString &guid)
{
    static const QRegularExpression pattern(QStringLiteral(
            "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
    return pattern.match(guid).hasMatch();
}

} // namespace inkwell::model
