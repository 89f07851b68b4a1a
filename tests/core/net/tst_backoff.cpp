#include "net/backoff.h"

#include <QTest>

using namespace inkwell::net;
using namespace std::chrono_literals;

class TestBackoff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultDoublesFromOneSecondUpToSixtySeconds();
    void resetStartsOver();
    void maximumBelowInitialIsRaised();
};

void TestBackoff::defaultDoublesFromOneSecondUpToSixtySeconds()
{
    Backoff backoff;
    QList<qint64> seconds;
    for (int i = 0; i < 9; ++i)
        seconds.append(std::chrono::duration_cast<std::chrono::seconds>(backoff.next()).count());
    QCOMPARE(seconds, (QList<qint64>{1, 2, 4, 8, 16, 32, 60, 60, 60}));
}

void TestBackoff::resetStartsOver()
{
    Backoff backoff(10ms, 100ms);
    backoff.next();
    backoff.next();
    QCOMPARE(backoff.peek(), 40ms);
    backoff.reset();
    QCOMPARE(backoff.next(), 10ms);
}

void TestBackoff::maximumBelowInitialIsRaised()
{
    Backoff backoff(50ms, 10ms);
    QCOMPARE(backoff.next(), 50ms);
    QCOMPARE(backoff.next(), 50ms);
}

QTEST_GUILESS_MAIN(TestBackoff)
#include "tst_backoff.moc"
