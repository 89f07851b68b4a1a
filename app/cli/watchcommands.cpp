// watch: sync once, then stay connected and apply and print each change as it arrives, until
// SIGINT or SIGTERM. The same SyncEngine and LiveChannel the editor runs, on this event loop.
#include "cli.h"
#include "options.h"

#include "model/post.h"
#include "net/threadedtransport.h"
#include "store/localstore.h"
#include "store/postrepository.h"
#include "sync/livechannel.h"
#include "sync/syncengine.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSocketNotifier>
#include <QTimer>

#include <algorithm>
#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace inkwell::cli {

namespace {

using namespace std::chrono_literals;

// Without live updates on the server, how often watch syncs instead.
constexpr auto kFallbackPeriod = 30s;

int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalPipe[1], &byte, 1);
}

// SIGINT and SIGTERM end the event loop through a socket the handler writes to (the only safe
// thing a handler can do), so that watch leaves like any command: exit code 0, files closed.
bool installSignalHandlers(QObject *context, const std::function<void()> &stop)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0)
        return false;
    auto *notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, context);
    QObject::connect(notifier, &QSocketNotifier::activated, context, [notifier, stop] {
        char byte = 0;
        [[maybe_unused]] const auto read = ::read(g_signalPipe[0], &byte, 1);
        notifier->setEnabled(false);
        stop();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGINT, &action, nullptr) == 0
            && ::sigaction(SIGTERM, &action, nullptr) == 0;
}

// Everything a watch holds, owned by the Cli object.
class Watch final : public QObject
{
public:
    Watch(Cli &cli, store::LocalStore *store, const sync::SyncAccount &account)
        : QObject(&cli), m_cli(cli), m_store(store),
          m_syncTransport(std::make_unique<net::ThreadedTransport>()),
          m_engine(new sync::SyncEngine(store, m_syncTransport.get(), this)),
          m_liveTransport(std::make_unique<net::ThreadedTransport>()),
          m_live(new sync::LiveChannel(store, m_liveTransport.get(), this)),
          m_fallback(new QTimer(this))
    {
        sync::SyncOptions options;
        options.retry.maxAttempts = 4;
        m_engine->setOptions(options);
        m_engine->setAccount(account);
        m_live->setAccount(account);
        connect(m_live, &sync::LiveChannel::syncRequested, m_engine,
                &sync::SyncEngine::requestSync);
        connect(m_engine, &sync::SyncEngine::started, m_live, &sync::LiveChannel::syncStarted);
        connect(m_engine, &sync::SyncEngine::finished, this, &Watch::onFinished);
        connect(m_engine, &sync::SyncEngine::failed, this, &Watch::onFailed);
        connect(m_live, &sync::LiveChannel::stateChanged, this, &Watch::onLiveState);
        // The engine is the only writer in this process: every change it stores is printed.
        connect(store, &store::LocalStore::postsChanged, this, [this](const QStringList &guids) {
            if (m_ready)
                m_changed.unite(QSet<QString>(guids.cbegin(), guids.cend()));
        });
        connect(m_engine, &sync::SyncEngine::postFailed, this,
                [this](const QString &guid, const Error &error) {
                    m_cli.warn(QCoreApplication::translate("inkwell-cli", "post %1 was refused: %2")
                                       .arg(guid, error.message));
                });
        m_fallback->setInterval(kFallbackPeriod);
        connect(m_fallback, &QTimer::timeout, m_engine, &sync::SyncEngine::requestSync);
    }

    ~Watch() override
    {
        m_live->disconnect(this);
        m_live->stop();
        delete m_live; // before the transports they use
        delete m_engine;
    }

    void start() { m_engine->requestSync(); }

private:
    void onFinished()
    {
        if (!m_ready) {
            m_ready = true;
            m_live->start();
        }
        m_live->syncFinished();
        printChanged();
    }

    void onFailed(const Error &error)
    {
        m_live->syncFailed();
        if (error.code == ErrorCode::Unauthorized || error.code == ErrorCode::Forbidden)
            return m_cli.fail(error);
        m_cli.warn(
                QCoreApplication::translate("inkwell-cli", "sync failed, still watching: %1 (%2)")
                        .arg(errorText(error.code), error.message));
        printChanged();
        if (!m_ready) {
            // The server may be down for now: watch anyway and catch up when it answers.
            m_ready = true;
            m_live->start();
        }
    }

    void onLiveState(sync::LiveChannel::State state)
    {
        using State = sync::LiveChannel::State;
        // The server ended the session: a run finds out and ends the watch with its error.
        if (state == State::Stopped && m_ready)
            m_engine->requestSync();
        if (state == State::Unsupported)
            m_fallback->start();
        else if (state == State::Connected)
            m_fallback->stop();
        if (state == State::Connected && !m_announced) {
            m_announced = true;
            m_cli.warn(QCoreApplication::translate("inkwell-cli",
                                                   "watching for changes; Ctrl+C ends"));
        } else if (state == State::Unsupported && !m_announced) {
            m_announced = true;
            m_cli.warn(
                    QCoreApplication::translate(
                            "inkwell-cli", "the server offers no live updates; syncing every %1 s")
                            .arg(std::chrono::seconds(kFallbackPeriod).count()));
        }
    }

    void printChanged()
    {
        QList<model::Post> posts;
        for (const QString &guid : std::as_const(m_changed)) {
            auto post = m_store->posts().post(guid);
            if (post && m_printed.value(guid, -1) != post->rev && post->rev > 0)
                posts.append(*post);
        }
        m_changed.clear();
        std::sort(posts.begin(), posts.end(),
                  [](const model::Post &a, const model::Post &b) { return a.rev < b.rev; });
        for (const model::Post &post : std::as_const(posts)) {
            m_printed.insert(post.guid, post.rev);
            if (m_cli.format() == Cli::Format::Json) {
                const QJsonObject line{
                        {QStringLiteral("rev"), post.rev},
                        {QStringLiteral("guid"), post.guid},
                        {QStringLiteral("blog"), post.blog},
                        {QStringLiteral("title"), post.fields.title},
                        {QStringLiteral("deleted"), post.deleted},
                };
                m_cli.print(QString::fromUtf8(QJsonDocument(line).toJson(QJsonDocument::Compact)));
            } else {
                m_cli.print(
                        QStringLiteral("%1 %2 %3").arg(post.rev).arg(post.guid, post.fields.title));
            }
        }
    }

    Cli &m_cli;
    store::LocalStore *m_store;
    // Its own transports: the watch may end mid-run, and the engine goes before them.
    std::unique_ptr<net::Transport> m_syncTransport;
    sync::SyncEngine *m_engine;
    std::unique_ptr<net::Transport> m_liveTransport;
    sync::LiveChannel *m_live;
    QTimer *m_fallback;
    QSet<QString> m_changed; // stored since the last print
    QHash<QString, qint64> m_printed; // guid -> the rev last printed
    bool m_ready = false; // the first sync is done
    bool m_announced = false;
};

} // namespace

void runWatch(Cli &cli, const QStringList &arguments)
{
    QCommandLineParser parser;
    if (!parseArguments(cli, parser, arguments, 0))
        return;
    if (!installSignalHandlers(&cli, [&cli] { cli.finish(ExitCode::Ok); }))
        return cli.fail(Error{ErrorCode::Internal, QStringLiteral("cannot handle signals")});
    using Ready = Result<Profile::StoreAndAccount>;
    cli.profile().openStoreWithAccount(&cli, [&cli](const Ready &ready) {
        if (!ready)
            return cli.fail(ready.error());
        auto *watch = new Watch(cli, ready->first, ready->second);
        watch->start();
    });
}

} // namespace inkwell::cli
