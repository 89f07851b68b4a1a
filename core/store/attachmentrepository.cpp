#include "store/attachmentrepository.h"

#include "store/localstore.h"
#include "store/postrow.h"
#include "store/threadconnection.h"

#include <QMimeDatabase>

namespace inkwell::store {

namespace {

enum class Content { MetadataOnly, WithData };

Result<model::Attachment> read(ThreadConnection &connection, const QString &sha256, Content content)
{
    auto statement = connection.statement(
            content == Content::WithData
                    ? QStringLiteral("SELECT mime, size, data FROM attachments WHERE sha256 = ?")
                    : QStringLiteral("SELECT mime, size FROM attachments WHERE sha256 = ?"));
    if (!statement)
        return statement.error();
    if (auto done = statement->exec({sha256}, QStringLiteral("reading an attachment")); !done)
        return done.error();
    if (!statement->next()) {
        if (auto status = statement->status(QStringLiteral("reading an attachment")); !status)
            return status.error();
        return Error{ErrorCode::NotFound, QStringLiteral("no attachment ") + sha256.left(64)};
    }
    model::Attachment attachment;
    attachment.sha256 = sha256;
    attachment.mimeType = statement->text(0);
    attachment.size = statement->integer(1);
    if (content == Content::WithData)
        attachment.data = statement->blob(2);
    return attachment;
}

} // namespace

AttachmentRepository::AttachmentRepository(LocalStore &store) : m_store(store) { }

Result<model::Attachment> AttachmentRepository::add(const QByteArray &data, const QString &mimeType)
{
    if (data.size() > MaxSize) {
        return Error{ErrorCode::TooLarge,
                     QStringLiteral("an attachment of %1 bytes is larger than %2")
                             .arg(data.size())
                             .arg(MaxSize)};
    }
    model::Attachment attachment;
    attachment.sha256 = model::Attachment::hashOf(data);
    attachment.mimeType =
            mimeType.isEmpty() ? QMimeDatabase().mimeTypeForData(data).name() : mimeType;
    attachment.size = data.size();
    attachment.data = data;
    return store(attachment);
}

Result<model::Attachment> AttachmentRepository::addVerified(const model::Attachment &attachment)
{
    if (!model::Attachment::isValidHash(attachment.sha256)) {
        return Error{ErrorCode::InvalidArgument,
                     QStringLiteral("not a lower-case SHA-256: ") + attachment.sha256.left(80)};
    }
    if (attachment.data.size() > MaxSize)
        return Error{ErrorCode::TooLarge, QStringLiteral("the attachment is too large")};
    const QString actual = model::Attachment::hashOf(attachment.data);
    if (actual != attachment.sha256
        || (attachment.size != 0 && attachment.size != attachment.data.size())) {
        return Error{ErrorCode::HashMismatch,
                     QStringLiteral("attachment %1: the data has SHA-256 %2 and %3 bytes")
                             .arg(attachment.sha256, actual)
                             .arg(attachment.data.size())};
    }
    model::Attachment checked = attachment;
    checked.size = attachment.data.size();
    if (checked.mimeType.isEmpty())
        checked.mimeType = QMimeDatabase().mimeTypeForData(checked.data).name();
    return store(checked);
}

Result<model::Attachment> AttachmentRepository::store(const model::Attachment &attachment)
{
    auto written = m_store.change([&]() -> Result<void> {
        auto connection = m_store.connection();
        if (!connection)
            return connection.error();
        auto statement =
                (*connection)
                        ->statement(QStringLiteral("INSERT INTO attachments (sha256, mime, size, "
                                                   "data, added_at) VALUES (?, ?, ?, ?, ?) "
                                                   "ON CONFLICT (sha256) DO NOTHING"));
        if (!statement)
            return statement.error();
        auto done = statement->exec({attachment.sha256, attachment.mimeType, attachment.size,
                                     attachment.data, postrow::toStoredTime(postrow::now())},
                                    QStringLiteral("storing an attachment"));
        if (!done)
            return done;
        if (statement->changes() > 0)
            m_store.noteAttachmentAdded(*connection, attachment.sha256);
        return {};
    });
    if (!written)
        return written.error();
    return attachment;
}

Result<model::Attachment> AttachmentRepository::attachment(const QString &sha256)
{
    auto connection = m_store.connection();
    if (!connection)
        return connection.error();
    return read(**connection, sha256, Content::WithData);
}

Result<model::Attachment> AttachmentRepository::metadata(const QString &sha256)
{
    auto connection = m_store.connection();
    if (!connection)
        return connection.error();
    return read(**connection, sha256, Content::MetadataOnly);
}

Result<QStringList> AttachmentRepository::missing(const QStringList &sha256s)
{
    auto connection = m_store.connection();
    if (!connection)
        return connection.error();
    QStringList absent;
    for (const QString &sha256 : sha256s) {
        auto statement =
                (*connection)
                        ->statement(QStringLiteral("SELECT 1 FROM attachments WHERE sha256 = ?"));
        if (!statement)
            return statement.error();
        if (auto done = statement->exec({sha256}, QStringLiteral("looking up an attachment"));
            !done)
            return done.error();
        if (!statement->next()) {
            if (auto status = statement->status(QStringLiteral("looking up an attachment"));
                !status)
                return status.error();
            absent.append(sha256);
        }
    }
    return absent;
}

} // namespace inkwell::store
