#include "support/headlessbrowser.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

namespace inkwell::test {

HeadlessBrowser::HeadlessBrowser()
{
    const QString configured = qEnvironmentVariable("INKWELL_CHROMIUM");
    if (!configured.isEmpty()) {
        if (QFileInfo(configured).isExecutable())
            m_binary = configured;
        return;
    }
    for (const QString &name : {QStringLiteral("chromium"), QStringLiteral("chromium-browser")}) {
        m_binary = QStandardPaths::findExecutable(name);
        if (!m_binary.isEmpty())
            return;
    }
}

bool HeadlessBrowser::browserRequired()
{
    return qEnvironmentVariable("INKWELL_REQUIRE_BROWSER") == QLatin1String("1");
}

QString HeadlessBrowser::unavailableReason()
{
    return QStringLiteral("no headless browser: install Debian's chromium (scripts/deps.sh) or set "
                          "INKWELL_CHROMIUM");
}

HeadlessBrowser::Run HeadlessBrowser::run(const QStringList &arguments, ColorScheme scheme,
                                          std::chrono::milliseconds timeout)
{
    Run result;
    if (!isAvailable())
        return result;
    // A fresh profile per run: no cache, cookies or crash state carried between pages.
    const QString profile = m_profiles.filePath(QStringLiteral("profile-%1").arg(++m_runs));
    QStringList all{
            QStringLiteral("--headless=new"),
            // The tests run as root in containers, where Chromium's sandbox cannot start.
            QStringLiteral("--no-sandbox"),
            QStringLiteral("--disable-gpu"),
            QStringLiteral("--user-data-dir=") + profile,
            QStringLiteral("--no-first-run"),
            QStringLiteral("--disable-extensions"),
            QStringLiteral("--disable-background-networking"),
            QStringLiteral("--disable-component-update"),
            QStringLiteral("--disable-sync"),
            QStringLiteral("--hide-scrollbars"),
            QStringLiteral("--enable-logging=stderr"),
            QStringLiteral("--v=0"),
            // prefers-color-scheme as the page sees it (0 dark, 1 light).
            scheme == ColorScheme::Dark ? QStringLiteral("--blink-settings=preferredColorScheme=0")
                                        : QStringLiteral("--blink-settings=preferredColorScheme=1"),
    };
    if (scheme == ColorScheme::Dark)
        all.append(QStringLiteral("--force-dark-mode"));
    all += arguments;

    QProcess process;
    process.setProgram(m_binary);
    process.setArguments(all);
    process.start();
    if (!process.waitForStarted(int(timeout.count())))
        return result;
    process.closeWriteChannel();
    result.finished = process.waitForFinished(int(timeout.count()));
    if (!result.finished) {
        process.kill();
        process.waitForFinished(5000);
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    QDir(profile).removeRecursively();
    return result;
}

HeadlessBrowser::Page HeadlessBrowser::load(const QUrl &url, ColorScheme scheme,
                                            std::chrono::milliseconds timeout)
{
    Page page;
    if (!isAvailable()) {
        page.error = unavailableReason();
        return page;
    }
    const Run done = run({QStringLiteral("--dump-dom"), url.toString()}, scheme, timeout);
    page.dom = done.out;
    page.console = consoleMessages(done.err);
    if (!done.finished)
        page.error = QStringLiteral("the browser did not finish within %1 ms").arg(timeout.count());
    else if (done.exitCode != 0)
        page.error = QStringLiteral("the browser exited with %1: %2")
                             .arg(done.exitCode)
                             .arg(QString::fromUtf8(done.err.right(2000)));
    else if (!done.out.contains("<html"))
        page.error = QStringLiteral("the browser printed no document");
    page.loaded = page.error.isEmpty();
    return page;
}

bool HeadlessBrowser::screenshot(const QUrl &url, const QString &pngFile, QSize size,
                                 ColorScheme scheme, QString *error,
                                 std::chrono::milliseconds timeout)
{
    QString problem;
    if (!isAvailable()) {
        problem = unavailableReason();
    } else {
        QFile::remove(pngFile);
        const Run done =
                run({QStringLiteral("--screenshot=") + QFileInfo(pngFile).absoluteFilePath(),
                     QStringLiteral("--window-size=%1,%2").arg(size.width()).arg(size.height()),
                     url.toString()},
                    scheme, timeout);
        if (!done.finished)
            problem =
                    QStringLiteral("the browser did not finish within %1 ms").arg(timeout.count());
        else if (done.exitCode != 0 || !QFileInfo(pngFile).size())
            problem = QStringLiteral("no screenshot (exit %1): %2")
                              .arg(done.exitCode)
                              .arg(QString::fromUtf8(done.err.right(2000)));
    }
    if (error)
        *error = problem;
    return problem.isEmpty();
}

QStringList HeadlessBrowser::consoleMessages(const QByteArray &log)
{
    // Chromium's log prefix: [pid:tid:MMDD/HHMMSS.micros:LEVEL:CONSOLE:line] or CONSOLE(line).
    static const QRegularExpression console(QStringLiteral(R"(:CONSOLE[:(]\d+\)?\]\s*(.*)$)"));
    QStringList messages;
    for (const QByteArray &raw : log.split('\n')) {
        const QString line = QString::fromUtf8(raw).trimmed();
        const QRegularExpressionMatch match = console.match(line);
        if (match.hasMatch())
            messages.append(match.captured(1));
        else if (line.contains(QLatin1String("Refused to"))
                 || line.contains(QLatin1String("Uncaught ")))
            messages.append(line);
    }
    return messages;
}

} // namespace inkwell::test
