#pragma once

#include "ui/history/historyservice.h"

#include <QList>

namespace inkwell::test {

// A HistoryService for widget tests and screenshots: records what the window asks for; the test
// answers through the service's signals (answer*), at the moment it chooses.
class FakeHistoryService final : public ui::HistoryService
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeHistoryService)

public:
    struct Call
    {
        QString blog;
        QString guid;
        qint64 value = 0; // before for pages, rev for revisions
    };

    explicit FakeHistoryService(QObject *parent = nullptr) : ui::HistoryService(parent) { }

    void fetchRevisions(const QString &blog, const QString &guid, qint64 before) override
    {
        pageCalls.append({blog, guid, before});
    }
    void fetchRevision(const QString &blog, const QString &guid, qint64 rev) override
    {
        revisionCalls.append({blog, guid, rev});
    }

    void answerPage(const protocol::RevisionList &list)
    {
        const Call call = pageCalls.constLast();
        Q_EMIT revisionsArrived(call.guid, call.value, list);
    }
    void failPage(history::HistoryProblem problem)
    {
        const Call call = pageCalls.constLast();
        Q_EMIT revisionsFailed(call.guid, call.value,
                               {problem, {ErrorCode::Network, QStringLiteral("test")}});
    }
    void answerRevision(const model::Revision &revision)
    {
        Q_EMIT revisionArrived(revision.guid, revision);
    }

    QList<Call> pageCalls;
    QList<Call> revisionCalls;
};

} // namespace inkwell::test
