#include "history/historyclient.h"

#include "net/request.h"
#include "net/response.h"
#include "net/transport.h"
#include "protocol/live.h"

#include <QMetaObject>
#include <QUrlQuery>

#include <chrono>

namespace inkwell::history {

namespace {

constexpr std::chrono::seconds RequestTimeout{20};

net::Request getRequest(const sync::SyncAccount &account, const QUrl &url)
{
    net::Request request;
    request.method = net::Method::Get;
    request.url = url;
    request.bearerToken = account.token;
    request.timeout = RequestTimeout;
    return request;
}

QString revisionsPath(const QString &guid)
{
    return QStringLiteral("/posts/") + guid + QStringLiteral("/revisions");
}

HistoryProblem problemOf(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Network:
    case ErrorCode::Timeout:
    case ErrorCode::ServerUnavailable:
    case ErrorCode::RateLimited:
        return HistoryProblem::Offline;
    case ErrorCode::Unauthorized:
        return HistoryProblem::SignedOut;
    case ErrorCode::NotFound:
        return HistoryProblem::NotFound;
    default:
        return HistoryProblem::Failed;
    }
}

// Without an account: SignedOut, from the event loop like every answer.
template<typename Done>
void failLater(QObject *context, Done done)
{
    QMetaObject::invokeMethod(
            context,
            [done] {
                done(HistoryFailure{HistoryProblem::SignedOut,
                                    {ErrorCode::Unauthorized, QStringLiteral("not signed in")}});
            },
            Qt::QueuedConnection);
}

} // namespace

HistoryClient::HistoryClient(net::Transport *transport, sync::SyncAccount account)
    : m_transport(transport), m_account(std::move(account))
{ }

void HistoryClient::fetchRevisions(qint64 blog, const QString &guid, qint64 before, int limit,
                                   QObject *context, ListDone done)
{
    if (!m_account.isValid()) {
        failLater(context, done);
        return;
    }
    QUrl url = m_account.blogEndpoint(blog, revisionsPath(guid));
    QUrlQuery query;
    if (before > 0)
        query.addQueryItem(QStringLiteral("before"), QString::number(before));
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    url.setQuery(query);
    m_transport->send(getRequest(m_account, url), context,
                      [transport = m_transport, account = m_account, context,
                       done](const net::Response &response) {
                          if (!response.isOk()) {
                              classify(transport, account, response, context, done);
                              return;
                          }
                          auto list = protocol::decodeRevisionList(response.body);
                          if (!list) {
                              done(HistoryFailure{HistoryProblem::Failed, list.error()});
                              return;
                          }
                          done(*list);
                      });
}

void HistoryClient::fetchRevision(qint64 blog, const QString &guid, qint64 rev, QObject *context,
                                  RevisionDone done)
{
    if (!m_account.isValid()) {
        failLater(context, done);
        return;
    }
    const QUrl url =
            m_account.blogEndpoint(blog, revisionsPath(guid) + u'/' + QString::number(rev));
    m_transport->send(
            getRequest(m_account, url), context,
            [transport = m_transport, account = m_account, context, guid,
             done](const net::Response &response) {
                if (!response.isOk()) {
                    classify(transport, account, response, context, done);
                    return;
                }
                auto detail = protocol::decodeRevisionDetail(response.body);
                if (!detail) {
                    done(HistoryFailure{HistoryProblem::Failed, detail.error()});
                    return;
                }
                if (detail->revision.guid != guid) {
                    done(HistoryFailure{HistoryProblem::Failed,
                                        {ErrorCode::Malformed,
                                         QStringLiteral("the server answered with another post")}});
                    return;
                }
                done(detail->revision);
            });
}

void HistoryClient::classify(net::Transport *transport, const sync::SyncAccount &account,
                             const net::Response &response, QObject *context, FailureDone done)
{
    const HistoryFailure failure{problemOf(response.error.code), response.error};
    if (failure.problem != HistoryProblem::NotFound) {
        done(failure);
        return;
    }
    // An unknown route and an unknown post both answer 404: the capabilities tell them apart.
    const QUrl url = account.endpoint(QStringLiteral("/api/v1/capabilities"));
    transport->send(getRequest(account, url), context,
                    [failure, done](const net::Response &answer) {
                        if (answer.error.code == ErrorCode::NotFound) {
                            done(HistoryFailure{HistoryProblem::Unsupported, failure.error});
                            return;
                        }
                        auto capabilities = protocol::decodeCapabilities(answer.body);
                        if (answer.isOk() && capabilities
                            && !capabilities->has(QString::fromLatin1(protocol::kFeatureHistory))) {
                            done(HistoryFailure{HistoryProblem::Unsupported, failure.error});
                            return;
                        }
                        done(failure);
                    });
}

} // namespace inkwell::history
