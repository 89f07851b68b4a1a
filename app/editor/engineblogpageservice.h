#pragma once

#include "ui/publish/blogpageservice.h"

namespace inkwell::net {
class Transport;
}

namespace inkwell::editor {

class EngineSyncService;

// "View on the Blog" over the server of the account the sync service uses: whether it serves
// public sites ("site" in GET /api/v1/capabilities, asked again at each sign-in) and a post's
// page from GET /api/v1/blogs/{id}/posts/{guid}/page. Only a page on that same server is
// opened.
class EngineBlogPageService final : public ui::BlogPageService
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EngineBlogPageService)

public:
    // transport is used on this thread; sync and transport must outlive this.
    EngineBlogPageService(EngineSyncService *sync, net::Transport *transport,
                          QObject *parent = nullptr);

    bool hasSite() const override { return m_hasSite; }
    void findPage(const QString &blog, const QString &guid) override;

    // The account changed (signed in, out, or elsewhere): asks the server what it offers.
    void accountChanged();

private:
    void setHasSite(bool hasSite);

    EngineSyncService *m_sync;
    net::Transport *m_transport;
    bool m_hasSite = false;
    quint64 m_asked = 0; // bumped per capabilities request; a late answer is ignored
};

} // namespace inkwell::editor
