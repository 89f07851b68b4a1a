#include "account/blogchoice.h"

namespace inkwell::account {

BlogChoice::BlogChoice(QObject *parent) : QObject(parent) { }

BlogChoice::~BlogChoice() = default;

void BlogChoice::setBlogs(const QList<protocol::BlogSummary> &blogs, qint64 remembered)
{
    const qint64 before = m_current;
    const bool listChanged = blogs != m_blogs;
    m_blogs = blogs;
    if (indexOf(m_current) < 0) // not one of the account's blogs (any more)
        m_current = indexOf(remembered) >= 0 ? remembered
                : m_blogs.isEmpty()          ? 0
                                             : m_blogs.constFirst().id;
    if (listChanged)
        Q_EMIT blogsChanged();
    if (m_current != before)
        Q_EMIT currentChanged(m_current);
}

QList<qint64> BlogChoice::ids() const
{
    QList<qint64> ids;
    ids.reserve(m_blogs.size());
    for (const protocol::BlogSummary &blog : m_blogs)
        ids.append(blog.id);
    return ids;
}

QString BlogChoice::currentKey() const
{
    return m_current > 0 ? QString::number(m_current) : QString();
}

QString BlogChoice::currentName() const
{
    const int index = indexOf(m_current);
    return index >= 0 ? m_blogs.at(index).name : QString();
}

int BlogChoice::indexOf(qint64 blog) const
{
    if (blog <= 0)
        return -1;
    for (int i = 0; i < m_blogs.size(); ++i) {
        if (m_blogs.at(i).id == blog)
            return i;
    }
    return -1;
}

bool BlogChoice::choose(qint64 blog)
{
    if (indexOf(blog) < 0)
        return false;
    if (blog != m_current) {
        m_current = blog;
        Q_EMIT currentChanged(m_current);
    }
    return true;
}

std::optional<QString> BlogChoice::listScope() const
{
    if (m_current <= 0)
        return std::nullopt;
    return currentKey();
}

Result<qint64> BlogChoice::find(const QString &idOrName) const
{
    const QString text = idOrName.trimmed();
    bool isNumber = false;
    const qint64 id = text.toLongLong(&isNumber);
    if (isNumber && indexOf(id) >= 0)
        return id;
    qint64 found = 0;
    for (const protocol::BlogSummary &blog : m_blogs) {
        if (blog.name.compare(text, Qt::CaseInsensitive) != 0)
            continue;
        if (found != 0)
            return Error{ErrorCode::InvalidArgument,
                         QStringLiteral("several blogs are named \"%1\": use the id").arg(text)};
        found = blog.id;
    }
    if (found == 0)
        return Error{ErrorCode::NotFound,
                     QStringLiteral("no blog \"%1\" in this account").arg(text)};
    return found;
}

} // namespace inkwell::account
