#pragma once

#include <QDialog>

class QPlainTextEdit;

namespace inkwell::ui {

class SyncService;

// A window listing what the syncer did and what failed, newest last; kept while the app runs.
class SyncLogWindow final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncLogWindow)

public:
    SyncLogWindow(SyncService *sync, QWidget *parent = nullptr);

    void append(const QDateTime &at, const QString &message);
    QString text() const;

private:
    QPlainTextEdit *m_log;
};

} // namespace inkwell::ui
