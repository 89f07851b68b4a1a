// The public site's page cache: a page is rendered once per key even when many requests ask for
// it at the same moment, an answer that is not a page is never kept, and the cache stays within
// its bound.
#include "server/api/sitecache.h"

#include <QSemaphore>
#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using inkwell::server::SiteCache;

class tst_SiteCache : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void concurrentRequestsRenderOnce();
    void answersThatAreNotPagesAreNotKept();
    void staysWithinItsBound();
};

namespace {

SiteCache::Page pageOf(const QByteArray &body)
{
    return SiteCache::Page{body, QByteArrayLiteral("text/html"), QByteArrayLiteral("\"e\"")};
}

} // namespace

void tst_SiteCache::concurrentRequestsRenderOnce()
{
    SiteCache cache;
    std::atomic<int> renderings = 0;
    QSemaphore started;
    QSemaphore release;
    std::vector<std::thread> requests;
    std::atomic<int> served = 0;
    // The first request renders and is held there until the others are waiting for it.
    requests.emplace_back([&] {
        const auto page = cache.obtain(QStringLiteral("index"), [&] {
            ++renderings;
            started.release();
            release.acquire();
            return std::optional(pageOf("index page"));
        });
        served += page && page->body == "index page";
    });
    started.acquire();
    for (int i = 0; i < 8; ++i) {
        requests.emplace_back([&] {
            const auto page = cache.obtain(QStringLiteral("index"), [&] {
                ++renderings;
                return std::optional(pageOf("rendered again"));
            });
            served += page && page->body == "index page";
        });
    }
    QTRY_COMPARE(cache.waiting(), 8); // all of them wait for the first one's rendering
    release.release();
    for (std::thread &request : requests)
        request.join();
    QCOMPARE(renderings.load(), 1);
    QCOMPARE(served.load(), 9);
    QCOMPARE(cache.find(QStringLiteral("index"))->body, QByteArray("index page"));
}

void tst_SiteCache::answersThatAreNotPagesAreNotKept()
{
    SiteCache cache;
    int renderings = 0;
    const auto none = [&] {
        ++renderings;
        return std::optional<SiteCache::Page>();
    };
    QVERIFY(!cache.obtain(QStringLiteral("page/99/"), none));
    QVERIFY(!cache.obtain(QStringLiteral("page/99/"), none));
    QCOMPARE(renderings, 2);
    QVERIFY(!cache.find(QStringLiteral("page/99/")));
}

void tst_SiteCache::staysWithinItsBound()
{
    SiteCache cache(4096);
    cache.insert(QStringLiteral("too big"), pageOf(QByteArray(2048, 'x')));
    QVERIFY(!cache.find(QStringLiteral("too big"))); // over a quarter of the bound: not kept
    for (int i = 0; i < 20; ++i)
        cache.insert(QString::number(i), pageOf(QByteArray(500, 'x')));
    int kept = 0;
    for (int i = 0; i < 20; ++i)
        kept += cache.find(QString::number(i)).has_value();
    QVERIFY(kept > 0);
    QVERIFY(kept * 500 <= 4096);
    QVERIFY(cache.find(QStringLiteral("19"))); // the newest page survives a start-over
}

QTEST_GUILESS_MAIN(tst_SiteCache)
#include "tst_sitecache.moc"
