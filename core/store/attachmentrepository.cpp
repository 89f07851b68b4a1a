#include "store/attachmentrepository.h"

#include "store/localstore.h"

namespace inkwell::store {

namespace {
Error nyi()
{
    return Error{ErrorCode::Internal, QStringLiteral("not implemented yet")};
}
} // namespace

AttachmentRepository::AttachmentRepository(LocalStore &store) : m_store(store) { }

Result<model::Attachment> AttachmentRepository::add(const QByteArray &, const QString &)
{
    return nyi();
}
Result<model::Attachment> AttachmentRepository::addVerified(const model::Attachment &)
{
    return nyi();
}
Result<model::Attachment> AttachmentRepository::attachment(const QString &)
{
    return nyi();
}
Result<model::Attachment> AttachmentRepository::metadata(const QString &)
{
    return nyi();
}
Result<QStringList> AttachmentRepository::missing(const QStringList &)
{
    return nyi();
}

} // namespace inkwell::store
