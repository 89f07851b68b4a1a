#include "demoposts.h"

#include "model/post.h"
#include "store/attachmentrepository.h"
#include "store/localstore.h"
#include "store/postrepository.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QImage>
#include <QLinearGradient>
#include <QPainter>

namespace inkwell::editor {

namespace {

// The translation context of the demo texts.
struct DemoPosts
{
    Q_DECLARE_TR_FUNCTIONS(inkwell::editor::DemoPosts)
};

// A small landscape picture drawn here, so the demo needs no image files.
QByteArray demoImage()
{
    QImage image(640, 360, QImage::Format_RGB32);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    QLinearGradient sky(0, 0, 0, 360);
    sky.setColorAt(0, QColor(0x8e, 0xc5, 0xfc));
    sky.setColorAt(1, QColor(0xe0, 0xc3, 0xfc));
    painter.fillRect(image.rect(), sky);
    painter.setBrush(QColor(0xff, 0xd5, 0x4f));
    painter.setPen(Qt::NoPen);
    painter.drawEllipse(QPointF(480, 110), 48, 48);
    painter.setBrush(QColor(0x3d, 0x6f, 0xd6));
    painter.drawPolygon(QPolygonF({{0, 360}, {180, 150}, {330, 360}}));
    painter.setBrush(QColor(0x23, 0x47, 0xa3));
    painter.drawPolygon(QPolygonF({{200, 360}, {400, 120}, {640, 360}}));
    painter.end();
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return png;
}

} // namespace

Result<int> createDemoPosts(store::LocalStore &store, const QString &blog)
{
    auto existing = store.posts().count({});
    if (!existing)
        return existing.error();
    if (*existing > 0)
        return 0;
    auto image = store.attachments().add(demoImage(), QStringLiteral("image/png"));
    if (!image)
        return image.error();
    const QString hash = image->sha256;
    QList<model::PostFields> posts;
    posts.append(
            {DemoPosts::tr("Welcome to Inkwell"),
             DemoPosts::tr(
                     "Inkwell saves **every keystroke** on your computer and syncs with your "
                     "team's server whenever it can.\n\n- Write offline\n- Press *Sync* (Ctrl+R) "
                     "or let it sync by itself\n- Edits that do not overlap merge by themselves\n"),
             {DemoPosts::tr("inkwell"), DemoPosts::tr("guide")},
             model::PublishState::Published,
             {}});
    posts.append(
            {DemoPosts::tr("A walk in the mountains"),
             DemoPosts::tr(
                     "The view from the ridge was worth the climb.\n\n![Mountains](attachment:%1)"
                     "\n\nPaste or drop an image into the editor to add your own.\n")
                     .arg(hash),
             {DemoPosts::tr("travel")},
             model::PublishState::Published,
             hash});
    posts.append({DemoPosts::tr("Draft: ideas for next week"),
                  DemoPosts::tr(
                          "## Ideas\n\n1. Interview with the new editor\n2. Photo essay\n3. `code` "
                          "snippets that explain themselves\n"),
                  {DemoPosts::tr("ideas")},
                  model::PublishState::Draft,
                  {}});
    posts.append(
            {DemoPosts::tr("Markdown cheat sheet"),
             DemoPosts::tr(
                     "# Heading\n\n*italic*, **bold**, `code` and [links](https://example.org)."
                     "\n\n> Quotes look like this.\n"),
             {DemoPosts::tr("guide")},
             model::PublishState::Draft,
             {}});
    // The post with the image goes last, so it is the newest and the one the editor opens first.
    posts.swapItemsAt(1, posts.size() - 1);
    int created = 0;
    for (const model::PostFields &fields : posts) {
        auto post = store.posts().create(blog, fields);
        if (!post)
            return post.error();
        ++created;
    }
    return created;
}

} // namespace inkwell::editor
