#pragma once

#include "protocol/blogs.h"

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
    QList<protocol::BlogSummary> blogs; // the account's blogs, names as last listed
    qint64 chosenBlog = 0; // the blog the writer works in (account::BlogChoice), 0 = none yet
    TokenStorage tokenStorage = TokenStorage::Keychain;
    bool autoSync = true;
    int syncPeriodMinutes = 5;

    static EditorSettings load(QSettings &settings);
    void save(QSettings &settings) const;
};

} // namespace inkwell::ui
