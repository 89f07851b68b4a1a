#pragma once

#include "model/result.h"

#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

class QCoreApplication;

namespace inkwell::net {
class Transport;
}
namespace inkwell::store {
class LocalStore;
}
namespace inkwell::ui {
class MainWindow;
}

namespace inkwell::editor {

class AccountController;
class EngineBlogPageService;
class EngineSyncService;

// The editor's composition root: opens the local database (with a clear dialog when it cannot),
// builds the sync service, the account handling and the main window, and wires them together.
class EditorApplication final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EditorApplication)

public:
    struct Options
    {
        QString dataDir; // empty: QStandardPaths::AppDataLocation
        bool offlineOnly = false; // no server in this run
        bool demo = false; // create example posts when the database is empty
        QUrl server; // with user: sign in at start, password from $INKWELL_PASSWORD
        QString user;
        bool dark = false;
    };

    // Reads the command line of the inkwell executable; a --server address the address rule
    // refuses (see net::parseServerAddress; --allow-http permits plain http) is an error.
    static Result<Options> parseArguments(const QStringList &arguments);
    // Loads Inkwell's and Qt's translations for the system locale.
    static void installTranslations(QCoreApplication &application);

    explicit EditorApplication(Options options, QObject *parent = nullptr);
    ~EditorApplication() override;

    // Opens the database and shows the main window; false when the writer chose to quit
    // because the database could not be opened.
    bool start();

    ui::MainWindow *window() const { return m_window.get(); }
    store::LocalStore *store() const { return m_store.get(); }
    EngineSyncService *syncService() const { return m_sync; }
    QString databasePath() const;

private:
    bool openStore();
    void wireWindow();
    void showSettings();
    void showConflict(const QString &guid);
    void onAccountChanged(const QString &text, const QString &currentBlog);

    Options m_options;
    std::unique_ptr<store::LocalStore> m_store;
    std::unique_ptr<net::Transport> m_transport;
    EngineSyncService *m_sync = nullptr;
    EngineBlogPageService *m_blogPages = nullptr;
    AccountController *m_account = nullptr;
    std::unique_ptr<ui::MainWindow> m_window;
    bool m_demoDone = false;
};

} // namespace inkwell::editor
