#pragma once

#include "history/historyerror.h"
#include "model/revision.h"
#include "protocol/history.h"

#include <QObject>

namespace inkwell::ui {

// What the History window needs from the server: a post's revisions page by page and one
// revision with its fields. A seam so the window works the same with the real client
// (app/editor), without an account, and in tests. Answers arrive as signals on the GUI thread,
// never inside the call.
class HistoryService : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryService)

public:
    ~HistoryService() override = default;

    // Asks for the revisions of guid (in blog) older than before (0: from the newest);
    // revisionsArrived() or revisionsFailed() follows.
    virtual void fetchRevisions(const QString &blog, const QString &guid, qint64 before) = 0;
    // Asks for revision rev of guid; revisionArrived() or revisionFailed() follows.
    virtual void fetchRevision(const QString &blog, const QString &guid, qint64 rev) = 0;

Q_SIGNALS:
    void revisionsArrived(const QString &guid, qint64 before,
                          const inkwell::protocol::RevisionList &list);
    void revisionsFailed(const QString &guid, qint64 before,
                         const inkwell::history::HistoryFailure &failure);
    void revisionArrived(const QString &guid, const inkwell::model::Revision &revision);
    void revisionFailed(const QString &guid, qint64 rev,
                        const inkwell::history::HistoryFailure &failure);

protected:
    explicit HistoryService(QObject *parent = nullptr) : QObject(parent) { }
};

} // namespace inkwell::ui
