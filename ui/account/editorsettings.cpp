#include "ui/account/editorsettings.h"

#include <QSettings>

namespace inkwell::ui {

EditorSettings EditorSettings::load(QSettings &settings)
{
    EditorSettings result;
    const QString mode = settings.value(QStringLiteral("account/mode")).toString();
    if (mode == QLatin1String("server"))
        result.mode = Mode::Server;
    else if (mode == QLatin1String("offline"))
        result.mode = Mode::OfflineOnly;
    result.server = QUrl(settings.value(QStringLiteral("account/server")).toString());
    result.user = settings.value(QStringLiteral("account/user")).toString();
    const QStringList blogs = settings.value(QStringLiteral("account/blogs")).toStringList();
    const QStringList names = settings.value(QStringLiteral("account/blogNames")).toStringList();
    for (qsizetype i = 0; i < blogs.size(); ++i) {
        bool ok = false;
        const qint64 id = blogs.at(i).toLongLong(&ok);
        if (ok && id > 0)
            result.blogs.append({id, i < names.size() ? names.at(i) : blogs.at(i)});
    }
    result.chosenBlog = settings.value(QStringLiteral("account/chosenBlog")).toLongLong();
    const QString storage = settings.value(QStringLiteral("account/tokenStorage")).toString();
    if (storage == QLatin1String("file"))
        result.tokenStorage = TokenStorage::File;
    else if (storage == QLatin1String("none"))
        result.tokenStorage = TokenStorage::None;
    result.autoSync = settings.value(QStringLiteral("sync/auto"), true).toBool();
    result.syncPeriodMinutes =
            std::clamp(settings.value(QStringLiteral("sync/periodMinutes"), 5).toInt(), 1, 1440);
    return result;
}

void EditorSettings::save(QSettings &settings) const
{
    const char *modeName = mode == Mode::Server ? "server"
            : mode == Mode::OfflineOnly         ? "offline"
                                                : "";
    settings.setValue(QStringLiteral("account/mode"), QString::fromLatin1(modeName));
    settings.setValue(QStringLiteral("account/server"), server.toString());
    settings.setValue(QStringLiteral("account/user"), user);
    QStringList ids;
    QStringList names;
    for (const protocol::BlogSummary &blog : blogs) {
        ids.append(QString::number(blog.id));
        names.append(blog.name);
    }
    settings.setValue(QStringLiteral("account/blogs"), ids);
    settings.setValue(QStringLiteral("account/blogNames"), names);
    settings.setValue(QStringLiteral("account/chosenBlog"), chosenBlog);
    const char *storage = tokenStorage == TokenStorage::File ? "file"
            : tokenStorage == TokenStorage::None             ? "none"
                                                             : "keychain";
    settings.setValue(QStringLiteral("account/tokenStorage"), QString::fromLatin1(storage));
    settings.setValue(QStringLiteral("sync/auto"), autoSync);
    settings.setValue(QStringLiteral("sync/periodMinutes"), syncPeriodMinutes);
}

} // namespace inkwell::ui
