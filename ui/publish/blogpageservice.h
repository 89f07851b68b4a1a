#pragma once

#include <QObject>
#include <QString>
#include <QUrl>

namespace inkwell::ui {

// What "View on the Blog" needs from the server: whether it serves public sites at all, and the
// address of a post's page there. A seam so the window works the same with the real client
// (app/editor) and in tests. Answers arrive as signals, never inside the call.
class BlogPageService : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BlogPageService)

public:
    ~BlogPageService() override = default;

    // True when the signed-in server offers public sites ("site" in its capabilities).
    virtual bool hasSite() const = 0;
    // Asks for the page of post guid in blog; pageFound() or pageFailed() follows.
    virtual void findPage(const QString &blog, const QString &guid) = 0;

Q_SIGNALS:
    void hasSiteChanged(bool hasSite);
    void pageFound(const QString &guid, const QUrl &url);
    // message is shown to the writer as it is.
    void pageFailed(const QString &guid, const QString &message);

protected:
    explicit BlogPageService(QObject *parent = nullptr) : QObject(parent) { }
};

} // namespace inkwell::ui
