#include "store/postrepository.h"

#include "store/localstore.h"

namespace inkwell::store {

namespace {
Error nyi()
{
    return Error{ErrorCode::Internal, QStringLiteral("not implemented yet")};
}
} // namespace

PostRepository::PostRepository(LocalStore &store) : m_store(store) { }

Result<model::Post> PostRepository::create(const QString &, const model::PostFields &)
{
    return nyi();
}
Result<model::Post> PostRepository::update(const QString &, const model::PostFields &)
{
    return nyi();
}
Result<void> PostRepository::remove(const QString &)
{
    return nyi();
}
Result<model::Post> PostRepository::post(const QString &)
{
    return nyi();
}
Result<QList<model::Post>> PostRepository::page(const PostQuery &)
{
    return nyi();
}
Result<qint64> PostRepository::count(const PostQuery &)
{
    return nyi();
}
Result<QList<model::Post>> PostRepository::search(const QString &, const PostQuery &)
{
    return nyi();
}
Result<StatusCounts> PostRepository::counts(const std::optional<QString> &)
{
    return nyi();
}

} // namespace inkwell::store
