#pragma once

#include <QWidget>

#include <functional>

class QLabel;
class QToolButton;

namespace inkwell::ui {

// The cover image of a post: a thumbnail with Choose… and Remove buttons. It holds only the
// attachment hash; choosing a file hands its bytes out through fileChosen() for storing.
class CoverPicker final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CoverPicker)

public:
    using AttachmentLoader = std::function<QByteArray(const QString &sha256)>;

    explicit CoverPicker(QWidget *parent = nullptr);

    void setAttachmentLoader(AttachmentLoader loader) { m_loader = std::move(loader); }
    // Shows the cover with this hash (empty: none) without emitting changed().
    void setCover(const QString &sha256);
    QString cover() const { return m_cover; }

    // Opens the file dialog; the caller stores the bytes and calls setCover() + changed.
    void chooseFile();

Q_SIGNALS:
    void fileChosen(const QByteArray &data, const QString &name);
    void removed();

private:
    void showThumbnail();

    QLabel *m_thumbnail;
    QToolButton *m_choose;
    QToolButton *m_remove;
    QString m_cover;
    AttachmentLoader m_loader;
};

} // namespace inkwell::ui
