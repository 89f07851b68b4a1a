#pragma once

#include "support/tempdir.h"

#include <QByteArray>
#include <QSize>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>

namespace inkwell::test {

// Headless Chromium (Debian's `chromium`, or $INKWELL_CHROMIUM) driven from the command line:
// the DOM after a page has loaded, the messages of its console (errors, uncaught exceptions and
// Content-Security-Policy violations) and screenshots at a window size in light or dark mode.
// Every run has a fresh profile and ends within its timeout (the process is killed after it).
// Tests QSKIP when isAvailable() is false, unless browserRequired() (INKWELL_REQUIRE_BROWSER=1,
// set by `make test`), where a missing browser is a failure.
class HeadlessBrowser final
{
public:
    enum class ColorScheme { Light, Dark };

    struct Page
    {
        bool loaded = false; // the browser ran to the end and printed a document
        QByteArray dom; // the serialised DOM after the load event
        QStringList console; // every console message the page caused (one line each)
        QString error; // why loaded is false
    };

    HeadlessBrowser();

    bool isAvailable() const { return !m_binary.isEmpty(); }
    QString binary() const { return m_binary; }
    static bool browserRequired();
    // The text for QSKIP/QFAIL when the browser is missing.
    static QString unavailableReason();

    // Loads url and returns its DOM and console messages.
    Page load(const QUrl &url, ColorScheme scheme = ColorScheme::Light,
              std::chrono::milliseconds timeout = std::chrono::seconds(30));
    // Writes a PNG of the viewport (size in CSS pixels) after url has loaded; false and a reason
    // in *error when it failed.
    bool screenshot(const QUrl &url, const QString &pngFile, QSize size, ColorScheme scheme,
                    QString *error = nullptr,
                    std::chrono::milliseconds timeout = std::chrono::seconds(30));

    // The console messages in Chromium's log output (--enable-logging=stderr): lines such as
    // `[..:INFO:CONSOLE:1] "Uncaught ReferenceError: f is not defined", source: URL (1)` and the
    // "Refused to ..." lines of older Content-Security-Policy reports.
    static QStringList consoleMessages(const QByteArray &log);

private:
    struct Run
    {
        bool finished = false;
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    Run run(const QStringList &arguments, ColorScheme scheme, std::chrono::milliseconds timeout);

    QString m_binary;
    TempDir m_profiles;
    int m_runs = 0;
};

} // namespace inkwell::test
