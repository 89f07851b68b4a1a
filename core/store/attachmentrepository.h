#pragma once

#include "model/attachment.h"
#include "model/result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace inkwell::store {

class LocalStore;

// Images stored once, addressed by the SHA-256 of their bytes. Thread-safe like LocalStore.
class AttachmentRepository final
{
public:
    // Larger attachments are refused with TooLarge.
    static constexpr qint64 MaxSize = 64 * 1024 * 1024;

    explicit AttachmentRepository(LocalStore &store);

    // Stores data under its SHA-256 unless already present; mimeType is sniffed when empty.
    // Returns the stored attachment's metadata and data.
    Result<model::Attachment> add(const QByteArray &data, const QString &mimeType = {});
    // Stores an attachment whose hash is claimed (e.g. downloaded): HashMismatch when
    // attachment.sha256 (or a non-zero size) does not match the data; nothing is stored then.
    Result<model::Attachment> addVerified(const model::Attachment &attachment);

    // Metadata and bytes; NotFound when absent.
    Result<model::Attachment> attachment(const QString &sha256);
    // Metadata only (data left empty); NotFound when absent.
    Result<model::Attachment> metadata(const QString &sha256);
    // The hashes of the list that are not stored locally, in the given order.
    Result<QStringList> missing(const QStringList &sha256s);

private:
    Result<model::Attachment> store(const model::Attachment &attachment);

    LocalStore &m_store;
};

} // namespace inkwell::store
