#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

class QSettings;

namespace inkwell::ui {

// Where a session token is kept between runs.
enum class TokenStorage { Keychain, File, None };

// The editor's preferences and account, kept with QSettings (never the token itself).
struct EditorSettings
{
    enum class Mode { NotChosen, Server, OfflineOnly };

    Mode mode = Mode::NotChosen;
    QUrl server;
    QString user;
    QList<qint64> blogs;
    TokenStorage tokenStorage = TokenStorage::Keychain;
    bool autoSync = true;
    int syncPeriodMinutes = 5;

    static EditorSettings load(QSettings &settings);
    void save(QSettings &settings) const;
    // The blog new posts go to: the first blog of the account as text, "" for local only.
    QString defaultBlog() const;
};

} // namespace inkwell::ui
