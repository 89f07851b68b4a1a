#pragma once

#include "model/postfields.h"

#include <QDateTime>
#include <QString>

namespace inkwell::model {

// One version of a post as the server stores it: the fields plus server-owned metadata.
// Clients receive these in pulls and conflicts and never send the metadata back.
struct Revision
{
    QString guid;
    qint64 rev = 0; // per-blog revision number assigned by the server
    bool deleted = false; // tombstone
    PostFields fields;
    QString createdBy;
    QString modifiedBy;
    QDateTime modifiedAt; // server clock, for display only

    friend bool operator==(const Revision &, const Revision &) = default;
};

} // namespace inkwell::model
