#pragma once

#include "model/post.h"
#include "model/postfields.h"
#include "model/revision.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace inkwell::store {
class LocalStore;
}

namespace inkwell::test {

// SHA-256 of a file's bytes (empty when it cannot be read), to prove a file was not modified.
QByteArray fileHash(const QString &path);

// Runs statements on path through a private QSqlDatabase connection (not the store's); fails the
// calling test on an error. Returns the first column of the last statement's first row.
QVariant rawExec(const QString &path, const QStringList &statements);

// Fields with a title and a body, as a writer would type them.
model::PostFields fields(const QString &title, const QString &body = {});

// A revision as the server sends it: fields(title, "body of " + title), created by ann, last
// modified by bob at a time derived from rev.
model::Revision serverRevision(const QString &guid, qint64 rev, const QString &title,
                               bool deleted = false);

// A new post as a pull leaves it in store: Synced at rev 1 in blog "b", with fields(title, "body")
// as its fields and base. Fails the calling test if the store refuses it.
model::Post syncedPost(store::LocalStore &store, const QString &title);

} // namespace inkwell::test
