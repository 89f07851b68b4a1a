#pragma once

#include <QByteArray>
#include <QString>

namespace inkwell::model {

// An image stored once, addressed by the SHA-256 of its bytes.
struct Attachment
{
    QString sha256; // lower-case hex
    QString mimeType;
    qint64 size = 0;
    QByteArray data; // may be empty when only the metadata was loaded or not downloaded yet

    friend bool operator==(const Attachment &, const Attachment &) = default;

    // Lower-case hex SHA-256 of bytes.
    static QString hashOf(const QByteArray &bytes);
    static bool isValidHash(const QString &hash);
};

} // namespace inkwell::model
