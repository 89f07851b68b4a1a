#pragma once

#include "model/result.h"
#include "protocol/blogs.h"

#include <QList>
#include <QObject>
#include <QString>

#include <optional>

namespace inkwell::account {

// The blogs of the signed-in account and the one the writer works in: the post list shows its
// posts, new posts go to it, and posts written while signed out are adopted into it. A
// remembered choice that is no longer one of the account's blogs falls back to the first blog;
// without blogs there is no current blog (posts stay local). The editor and inkwell-cli share
// these rules; the editor's blog picker only shows them and passes on the writer's choice.
class BlogChoice final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BlogChoice)

public:
    explicit BlogChoice(QObject *parent = nullptr);
    ~BlogChoice() override;

    // Replaces the account's blogs (after signing in or listing them again); the current blog
    // is kept while it is still one of them, else remembered, else the first one.
    void setBlogs(const QList<protocol::BlogSummary> &blogs, qint64 remembered = 0);
    const QList<protocol::BlogSummary> &blogs() const { return m_blogs; }
    QList<qint64> ids() const;
    bool isEmpty() const { return m_blogs.isEmpty(); }
    // Whether there is anything to choose: a picker is worth showing only then.
    bool offersChoice() const { return m_blogs.size() > 1; }

    // The current blog's id, 0 when there is none.
    qint64 current() const { return m_current; }
    // The current blog as posts keep it ("" = none: new posts stay local).
    QString currentKey() const;
    QString currentName() const;
    int indexOf(qint64 blog) const;
    // Makes blog the current one; false, and no change, when it is not one of the account's.
    bool choose(qint64 blog);

    // Which posts a list shows: the current blog's, or every post when there is none (signed
    // out: local posts and whatever was synced before).
    std::optional<QString> listScope() const;
    // The blog that posts written while signed out move to ("" = keep them local).
    QString adoptionTarget() const { return currentKey(); }

    // The blog text names: its id, or its name (case-insensitive; it must name one blog only).
    Result<qint64> find(const QString &idOrName) const;

Q_SIGNALS:
    // The current blog changed (also to 0), by choose() or setBlogs().
    void currentChanged(qint64 blog);
    // The list of blogs changed.
    void blogsChanged();

private:
    QList<protocol::BlogSummary> m_blogs;
    qint64 m_current = 0;
};

} // namespace inkwell::account
