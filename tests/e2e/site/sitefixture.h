#pragma once

#include "support/serverlauncher.h"
#include "support/tempdir.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QUrl>

#include <memory>

namespace inkwell::test {

// One HTTP answer of the public site.
struct SiteResponse
{
    int status = 0; // 0: no answer within the timeout
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // names in lower case
};

// GET url on loopback (bounded wait), with optional request headers.
SiteResponse fetch(const QUrl &url, const QHash<QByteArray, QByteArray> &headers = {});

// A real inkwell-server with the blog "Garden" of alice, made public, holding a published post
// "Spring in the garden" with an image in its body and the tag "spring", and a draft "Secret
// plans" — written and synced by inkwell-cli, as a writer would.
class SiteFixture final
{
public:
    static constexpr auto postTitle = "Spring in the garden";
    static constexpr auto postText = "The first buds opened this morning";
    static constexpr auto draftTitle = "Secret plans";

    // False with a reason in error() when a step failed.
    bool setUp();
    QString error() const { return m_error; }

    ServerLauncher &server() { return *m_server; }
    QString profile() const { return m_profile; }
    QString postGuid() const { return m_postGuid; }
    QString imageSha256() const { return m_imageSha256; }
    // http://127.0.0.1:PORT/b/garden/ + path ("" is the index).
    QUrl siteUrl(const QString &path = {}) const;

    // Runs inkwell-cli with the writer's profile; false (see error()) on a non-zero exit.
    bool cli(const QStringList &arguments, QByteArray *out = nullptr);

private:
    TempDir m_dir;
    std::unique_ptr<ServerLauncher> m_server;
    QString m_profile;
    QString m_postGuid;
    QString m_imageSha256;
    QString m_error;
};

} // namespace inkwell::test
