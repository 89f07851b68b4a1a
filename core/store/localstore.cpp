#include "store/localstore.h"

#include "store/attachmentrepository.h"
#include "store/postrepository.h"
#include "store/syncrepository.h"

#include <atomic>

namespace inkwell::store {

namespace {
std::atomic<quint64> nextStoreId{1};
Error notImplemented()
{
    return Error{ErrorCode::Internal, QStringLiteral("not implemented yet")};
}
} // namespace

LocalStore::LocalStore(const QString &path, QObject *parent)
    : QObject(parent), m_path(path), m_id(nextStoreId++),
      m_posts(std::make_unique<PostRepository>(*this)),
      m_attachments(std::make_unique<AttachmentRepository>(*this)),
      m_sync(std::make_unique<SyncRepository>(*this))
{ }

LocalStore::~LocalStore() = default;

Result<void> LocalStore::open()
{
    return notImplemented();
}

bool LocalStore::isOpen() const
{
    return m_open;
}

QString LocalStore::path() const
{
    return m_path;
}

Result<void> LocalStore::write(const std::function<Result<void>()> &work)
{
    Q_UNUSED(work);
    return notImplemented();
}

PostRepository &LocalStore::posts()
{
    return *m_posts;
}

AttachmentRepository &LocalStore::attachments()
{
    return *m_attachments;
}

SyncRepository &LocalStore::sync()
{
    return *m_sync;
}

void LocalStore::releaseThreadConnection() { }

Result<void> LocalStore::checkIntegrity()
{
    return notImplemented();
}

} // namespace inkwell::store
