#include "sitefixture.h"

#include "clirunner.h"

#include <QCryptographicHash>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace inkwell::test {

namespace {

// A 4x4 PNG, red.
const QByteArray png = QByteArray::fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElE"
                                              "QVR4nGM4YaMBRwzEcQDxwxLBXOwG1wAAAABJRU5ErkJggg==");

} // namespace

SiteResponse fetch(const QUrl &url, const QHash<QByteArray, QByteArray> &headers)
{
    QNetworkAccessManager manager;
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    for (auto it = headers.cbegin(); it != headers.cend(); ++it)
        request.setRawHeader(it.key(), it.value());
    std::unique_ptr<QNetworkReply> reply(manager.get(request));
    QEventLoop loop;
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    SiteResponse response;
    if (!reply->isFinished())
        return response;
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.body = reply->readAll();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        response.headers.insert(name.toLower(), value);
    return response;
}

QUrl SiteFixture::siteUrl(const QString &path) const
{
    return m_server->baseUrl().resolved(QUrl(QStringLiteral("/b/garden/") + path));
}

bool SiteFixture::cli(const QStringList &arguments, QByteArray *out)
{
    const CliRun run = runCli(m_profile, arguments);
    if (out)
        *out = run.out;
    if (run.exitCode != 0)
        m_error = QStringLiteral("inkwell-cli %1 exited with %2: %3")
                          .arg(arguments.join(u' '))
                          .arg(run.exitCode)
                          .arg(QString::fromUtf8(run.err));
    return run.exitCode == 0;
}

bool SiteFixture::setUp()
{
    m_server = std::make_unique<ServerLauncher>();
    if (!m_server->start()) {
        m_error = m_server->errorString();
        return false;
    }
    if (!m_server->addUser(QStringLiteral("alice"), QStringLiteral("password"))) {
        m_error = QStringLiteral("could not add alice");
        return false;
    }
    const qint64 blog = m_server->addBlog(QStringLiteral("Garden"), QStringLiteral("alice"));
    if (blog < 0) {
        m_error = QStringLiteral("could not add the blog Garden");
        return false;
    }
    const ServerLauncher::CliResult made =
            m_server->runCli({QStringLiteral("blog"), QStringLiteral("set"), QString::number(blog),
                              QStringLiteral("--public")});
    if (made.exitCode != 0) {
        m_error = QStringLiteral("blog set --public exited with %1: %2")
                          .arg(made.exitCode)
                          .arg(QString::fromUtf8(made.standardError));
        return false;
    }

    m_profile = m_dir.filePath(QStringLiteral("alice"));
    signInProfile(m_profile, m_server->baseUrl().toString(), QStringLiteral("alice"));
    const QString image = m_dir.filePath(QStringLiteral("buds.png"));
    QFile file(image);
    if (!file.open(QIODevice::WriteOnly) || file.write(png) != png.size()) {
        m_error = QStringLiteral("could not write %1").arg(image);
        return false;
    }
    file.close();
    m_imageSha256 =
            QString::fromLatin1(QCryptographicHash::hash(png, QCryptographicHash::Sha256).toHex());

    QByteArray out;
    if (!cli({QStringLiteral("new"), QStringLiteral("--title"), QString::fromUtf8(postTitle),
              QStringLiteral("--body"), QString::fromUtf8(postText) + QStringLiteral(".\n")},
             &out))
        return false;
    m_postGuid = QString::fromUtf8(out).trimmed();
    if (!cli({QStringLiteral("attach"), m_postGuid, image})
        || !cli({QStringLiteral("edit"), m_postGuid, QStringLiteral("--status"),
                 QStringLiteral("published"), QStringLiteral("--tag"), QStringLiteral("spring")})
        || !cli({QStringLiteral("new"), QStringLiteral("--title"), QString::fromUtf8(draftTitle),
                 QStringLiteral("--body"), QStringLiteral("Nobody may read this yet.\n")})
        || !cli({QStringLiteral("sync")}))
        return false;
    return true;
}

} // namespace inkwell::test
