#include "mergescreenshots.h"

#include "fakesyncservice.h"
#include "model/post.h"
#include "store/attachmentrepository.h"
#include "store/localstore.h"
#include "store/postrepository.h"
#include "store/syncrepository.h"
#include "ui/merge/mergehunkbar.h"
#include "ui/merge/mergepanes.h"
#include "ui/merge/mergewindow.h"

#include <QAction>
#include <QApplication>
#include <QBuffer>
#include <QDir>
#include <QImage>
#include <QPainter>
#include <QPlainTextEdit>
#include <QTest>

namespace inkwell::test {

namespace {

struct Sides
{
    model::PostFields base;
    model::PostFields mine;
    model::PostFields theirs;
    bool mineDeleted = false;
    bool theirsDeleted = false;
};

QString conflict(store::LocalStore &store, const Sides &sides)
{
    model::Revision pulled;
    pulled.guid = model::createGuid();
    pulled.rev = 41;
    pulled.fields = sides.base;
    pulled.createdBy = QStringLiteral("anna");
    pulled.modifiedBy = QStringLiteral("anna");
    pulled.modifiedAt = QDateTime(QDate(2026, 12, 3), QTime(9, 15), Qt::UTC);
    (void)store.sync().upsertFromServer(QStringLiteral("1"), pulled);
    if (sides.mineDeleted)
        (void)store.posts().remove(pulled.guid);
    else
        (void)store.posts().update(pulled.guid, sides.mine);
    model::Revision theirs = pulled;
    theirs.rev = 57;
    theirs.fields = sides.theirs;
    theirs.deleted = sides.theirsDeleted;
    theirs.modifiedBy = QStringLiteral("ben");
    theirs.modifiedAt = QDateTime(QDate(2026, 12, 4), QTime(8, 42), Qt::UTC);
    (void)store.sync().markConflicted(pulled.guid, theirs);
    return pulled.guid;
}

QString cover(store::LocalStore &store, const QColor &sky, const QColor &ground, bool sun)
{
    QImage image(480, 300, QImage::Format_RGB32);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    QLinearGradient gradient(0, 0, 0, 300);
    gradient.setColorAt(0, sky);
    gradient.setColorAt(1, sky.lighter(150));
    painter.fillRect(image.rect(), gradient);
    painter.setPen(Qt::NoPen);
    if (sun) {
        painter.setBrush(QColor(0xff, 0xd5, 0x4f));
        painter.drawEllipse(QPointF(360, 90), 40, 40);
    }
    painter.setBrush(ground);
    painter.drawPolygon(QPolygonF({{0, 300}, {160, 120}, {300, 300}}));
    painter.setBrush(ground.darker(130));
    painter.drawPolygon(QPolygonF({{180, 300}, {340, 140}, {480, 300}}));
    painter.end();
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    auto stored = store.attachments().add(png, QStringLiteral("image/png"));
    return stored ? stored->sha256 : QString();
}

QString paragraphs(const QStringList &lines)
{
    return lines.join(u'\n') + u'\n';
}

bool shoot(store::LocalStore &store, const QString &guid, const QString &path,
           const std::function<void(ui::MergeWindow &)> &prepare = {})
{
    FakeSyncService sync;
    ui::MergeWindow window(store, &sync, guid);
    window.resize(1280, 760);
    window.show();
    (void)QTest::qWaitForWindowExposed(&window);
    if (prepare)
        prepare(window);
    QApplication::processEvents();
    const bool saved = window.grab().save(path);
    std::printf("%s %s\n", saved ? "wrote" : "FAILED", qPrintable(path));
    return saved;
}

} // namespace

bool makeMergeScreenshots(store::LocalStore &store, const QDir &out, const QString &prefix)
{
    const QStringList base{
            QStringLiteral("# Three days on the ridge"),
            QString(),
            QStringLiteral("We left the valley before sunrise and reached the hut by noon."),
            QStringLiteral("The path was steep but well marked."),
            QString(),
            QStringLiteral("## Day two"),
            QString(),
            QStringLiteral("Fog in the morning, then a clear afternoon over the lakes."),
            QStringLiteral("We counted eleven of them from the summit."),
            QString(),
            QStringLiteral("## Day three"),
            QString(),
            QStringLiteral("The way down took longer than planned."),
            QStringLiteral("Bring more water than you think you need."),
    };
    QStringList mine = base;
    mine[2] = QStringLiteral("We left the valley at five and reached the hut by noon.");
    mine[8] = QStringLiteral(
            "We counted eleven of them from the summit, and two more on the way down.");
    mine[13] = QStringLiteral("Bring more water than you think you need, and a warm jacket.");
    QStringList theirs = base;
    theirs[2] =
            QStringLiteral("We left the valley before sunrise and reached the old hut by noon.");
    theirs[3] = QStringLiteral("The path was steep but well marked with red and white stripes.");
    theirs[8] = QStringLiteral("We counted twelve of them from the summit.");
    theirs[12] = QStringLiteral("The way down took two hours longer than planned.");
    Sides body;
    body.base.title = QStringLiteral("Three days on the ridge");
    body.base.body = paragraphs(base);
    body.mine = body.base;
    body.mine.body = paragraphs(mine);
    body.theirs = body.base;
    body.theirs.body = paragraphs(theirs);
    bool ok = shoot(store, conflict(store, body),
                    out.filePath(prefix + QStringLiteral("merge-body-conflict.png")),
                    [](ui::MergeWindow &window) {
                        // One conflict decided, the next one current.
                        window.hunkBar()->choiceAction(merge::HunkChoice::Theirs)->trigger();
                        window.hunkBar()->nextAction()->trigger();
                    });

    Sides fields;
    fields.base.title = QStringLiteral("Lakes at dawn");
    fields.base.body = QStringLiteral("Eleven lakes, one morning.\n");
    fields.base.cover = cover(store, QColor(0x8e, 0xc5, 0xfc), QColor(0x3d, 0x6f, 0xd6), false);
    fields.mine = fields.base;
    fields.mine.title = QStringLiteral("Lakes at dawn, seen from the ridge");
    fields.mine.cover = cover(store, QColor(0xf6, 0xa0, 0x5a), QColor(0x5b, 0x3a, 0x7a), true);
    fields.theirs = fields.base;
    fields.theirs.title = QStringLiteral("Eleven lakes at dawn");
    fields.theirs.cover = cover(store, QColor(0x7f, 0xd6, 0xc2), QColor(0x2e, 0x7d, 0x4f), true);
    ok &= shoot(store, conflict(store, fields),
                out.filePath(prefix + QStringLiteral("merge-field-conflict.png")));

    Sides deleted;
    deleted.base.title = QStringLiteral("Packing list");
    deleted.base.body = QStringLiteral("- boots\n- map\n- water\n");
    deleted.mine = deleted.base;
    deleted.mine.body = QStringLiteral("- boots\n- map\n- water\n- warm jacket\n");
    deleted.theirs = deleted.base;
    deleted.theirsDeleted = true;
    ok &= shoot(store, conflict(store, deleted),
                out.filePath(prefix + QStringLiteral("merge-edit-vs-delete.png")));
    return ok;
}

} // namespace inkwell::test
