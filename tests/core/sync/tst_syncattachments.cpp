// Attachments: uploaded before the post that uses them, only when the server lacks them and
// never twice; downloaded lazily (covers eagerly), hash-verified and retried.
#include "syncfixture.h"

#include "model/attachment.h"
#include "store/attachmentrepository.h"

#include <QSignalSpy>
#include <QTest>

using namespace inkwell;
using namespace inkwell::test;

class TestSyncAttachments : public FakeServerTest
{
    Q_OBJECT

private:
    static int puts(SyncClient &client)
    {
        return client.transport().countRequests(QStringLiteral("/blobs/"), net::Method::Put);
    }

private Q_SLOTS:
    void init() { startServer(QStringLiteral("Photos")); }

    void uploadedBeforeThePostAndNeverTwice()
    {
        auto client = newClient();
        const auto image = client->store().attachments().add(QByteArray(5000, 'a'));
        QVERIFY(image);
        const model::Post post =
                client->create(QStringLiteral("Pictures"),
                               QStringLiteral("![a](attachment:%1)").arg(image->sha256));
        QVERIFY(client->sync());
        QCOMPARE(puts(*client), 1);
        const auto &requests = client->transport().requests;
        const auto put =
                std::find_if(requests.cbegin(), requests.cend(),
                             [](const net::Request &r) { return r.method == net::Method::Put; });
        const auto push =
                std::find_if(requests.cbegin(), requests.cend(), [](const net::Request &r) {
                    return r.url.path().endsWith(QLatin1String("/sync"));
                });
        QVERIFY(put < push);
        QCOMPARE(m_server->blog(m_blog).blobs.value(image->sha256), QByteArray(5000, 'a'));

        // An edit of a post with an unchanged image sends no image, in this session or the next.
        client->edit(post.guid, [](model::PostFields &f) { f.title = QStringLiteral("Renamed"); });
        QVERIFY(client->sync());
        QCOMPARE(puts(*client), 1);
        SyncClient restarted(m_server.get(), m_blog, m_token, client->store().path());
        restarted.edit(post.guid, [](model::PostFields &f) { f.title = QStringLiteral("Again"); });
        QVERIFY(restarted.sync());
        QCOMPARE(puts(restarted), 0);
        QCOMPARE(differenceFromServer(restarted, *m_server, m_blog), QString());
    }

    void onlyAttachmentsOfPendingPostsAreOffered()
    {
        auto client = newClient();
        const auto unused = client->store().attachments().add(QByteArray(100, 'u'));
        QVERIFY(unused);
        client->create(QStringLiteral("No images"));
        QVERIFY(client->sync());
        QCOMPARE(client->transport().countRequests(QStringLiteral("/blobs/"), net::Method::Post),
                 0);
        QVERIFY(!m_server->blog(m_blog).blobs.contains(unused->sha256));
    }

    void coverIsDownloadedEagerlyBodyImagesLazily()
    {
        const QByteArray cover(800, 'c');
        const QByteArray inBody(900, 'b');
        const QString coverHash = model::Attachment::hashOf(cover);
        const QString bodyHash = model::Attachment::hashOf(inBody);
        m_server->blog(m_blog).blobs.insert(coverHash, cover);
        m_server->blog(m_blog).blobs.insert(bodyHash, inBody);
        model::PostFields fields;
        fields.title = QStringLiteral("Covered");
        fields.cover = coverHash;
        fields.body = QStringLiteral("![x](attachment:%1)").arg(bodyHash);
        m_server->writePost(m_blog, model::createGuid(), fields);

        auto client = newClient();
        const auto result = client->sync();
        QVERIFY(result);
        QCOMPARE(result->attachmentsDownloaded, 1);
        QCOMPARE(client->store().attachments().attachment(coverHash)->data, cover);
        QCOMPARE(*client->store().attachments().missing({bodyHash}), QStringList{bodyHash});

        QSignalSpy ready(&client->engine(), &sync::SyncEngine::attachmentReady);
        client->transport().injectFault(QStringLiteral("/blobs/"),
                                        FakeServerTransport::Fault::TruncatedBody, 2);
        client->engine().requestAttachment(m_blog, bodyHash);
        QVERIFY(ready.wait(5000));
        QCOMPARE(ready.first().first().toString(), bodyHash);
        QCOMPARE(client->store().attachments().attachment(bodyHash)->data, inBody);

        // Already here: ready at once, without a request.
        const auto before = client->transport().requests.size();
        client->engine().requestAttachment(m_blog, bodyHash);
        QCOMPARE(ready.size(), 2);
        QCOMPARE(client->transport().requests.size(), before);
    }

    // Covers download while later pages are still being pulled; the run ends once both are
    // done, and a cover that cannot be had does not fail it.
    void coversOfEveryPageArriveBeforeTheRunEnds()
    {
        m_server->pageSize = 2;
        QStringList good;
        for (int i = 0; i < 7; ++i) {
            const QByteArray image(600 + i, char('a' + i));
            const QString hash = model::Attachment::hashOf(image);
            // The last one is damaged on the server: never stored, only warned about.
            m_server->blog(m_blog).blobs.insert(hash, i == 6 ? QByteArray(600 + i, 'X') : image);
            if (i < 6)
                good.append(hash);
            model::PostFields fields;
            fields.title = QStringLiteral("Covered %1").arg(i);
            fields.cover = hash;
            m_server->writePost(m_blog, model::createGuid(), fields);
        }
        auto client = newClient();
        const auto result = client->sync();
        QVERIFY2(result, qPrintable(client->lastError().message));
        QCOMPARE(result->pulled, 7);
        QCOMPARE(result->attachmentsDownloaded, 6);
        QVERIFY(client->store().attachments().missing(good)->isEmpty());
        // The first cover was requested before the last page.
        const QList<net::Request> &requests = client->transport().requests;
        qsizetype firstCover = -1;
        qsizetype lastSync = -1;
        for (qsizetype i = 0; i < requests.size(); ++i) {
            const QString path = requests[i].url.path();
            if (firstCover < 0 && path.contains(QLatin1String("/blobs/")))
                firstCover = i;
            if (path.endsWith(QLatin1String("/sync")))
                lastSync = i;
        }
        QVERIFY(firstCover >= 0);
        QVERIFY(firstCover < lastSync);
    }

    void corruptDownloadIsNeverStored()
    {
        const QByteArray image(700, 'g');
        const QString hash = model::Attachment::hashOf(image);
        m_server->blog(m_blog).blobs.insert(hash, QByteArray(700, 'X')); // damaged on the server
        auto client = newClient();
        QSignalSpy failed(&client->engine(), &sync::SyncEngine::attachmentFailed);
        client->engine().requestAttachment(m_blog, hash);
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.first().at(1).value<Error>().code, ErrorCode::HashMismatch);
        QCOMPARE(*client->store().attachments().missing({hash}), QStringList{hash});
        QCOMPARE(client->transport().countRequests(hash, net::Method::Get),
                 fastOptions().retry.maxAttempts);
    }
};

QTEST_GUILESS_MAIN(TestSyncAttachments)
#include "tst_syncattachments.moc"
