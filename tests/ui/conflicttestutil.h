#pragma once

#include "model/post.h"
#include "store/localstore.h"
#include "store/postrepository.h"
#include "store/syncrepository.h"

#include <QBuffer>
#include <QImage>
#include <QTest>

namespace inkwell::test {

// A post made Conflicted the way a sync makes it: pulled at rev 1 with base, edited (or deleted)
// here to mine, then the server's theirs (by "bob") met the local change at theirsRev. Returns
// the guid; fails the calling test when the store refuses a step.
inline QString makeConflict(store::LocalStore &store, const model::PostFields &base,
                            const model::PostFields &mine, const model::PostFields &theirs,
                            bool mineDeleted = false, bool theirsDeleted = false,
                            qint64 theirsRev = 2)
{
    model::Revision pulled;
    pulled.guid = model::createGuid();
    pulled.rev = 1;
    pulled.fields = base;
    pulled.createdBy = QStringLiteral("ann");
    pulled.modifiedBy = QStringLiteral("ann");
    pulled.modifiedAt = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000, Qt::UTC);
    if (!store.sync().upsertFromServer(QStringLiteral("1"), pulled))
        QTest::qFail("upsertFromServer failed", __FILE__, __LINE__);
    if (mineDeleted ? !store.posts().remove(pulled.guid) : !store.posts().update(pulled.guid, mine))
        QTest::qFail("local edit failed", __FILE__, __LINE__);
    model::Revision server = pulled;
    server.rev = theirsRev;
    server.fields = theirs;
    server.deleted = theirsDeleted;
    server.modifiedBy = QStringLiteral("bob");
    server.modifiedAt =
            QDateTime::fromMSecsSinceEpoch(1'700'000'000'000 + theirsRev * 60'000, Qt::UTC);
    if (!store.sync().markConflicted(pulled.guid, server))
        QTest::qFail("markConflicted failed", __FILE__, __LINE__);
    return pulled.guid;
}

// Replaces theirs of a Conflicted post, as a later pull of a newer server version does.
inline void replaceTheirs(store::LocalStore &store, const QString &guid,
                          const model::PostFields &theirs, qint64 theirsRev)
{
    model::Revision server;
    server.guid = guid;
    server.rev = theirsRev;
    server.fields = theirs;
    server.modifiedBy = QStringLiteral("carol");
    server.modifiedAt = QDateTime::currentDateTimeUtc();
    if (!store.sync().markConflicted(guid, server))
        QTest::qFail("markConflicted failed", __FILE__, __LINE__);
}

// A small PNG of one colour, for cover attachments.
inline QByteArray pngBytes(const QColor &colour)
{
    QImage image(48, 32, QImage::Format_RGB32);
    image.fill(colour);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

inline model::PostFields postFields(const QString &title, const QString &body,
                                    const QString &cover = {})
{
    model::PostFields fields;
    fields.title = title;
    fields.body = body;
    fields.cover = cover;
    return fields;
}

} // namespace inkwell::test
