// model::blogCopy(): what the public site shows of a post, from what this copy knows.
#include "model/blogcopy.h"

#include <QTest>

using namespace inkwell;
using model::BlogCopy;

namespace {

model::Post synced(model::PublishState state)
{
    model::Post post;
    post.guid = model::createGuid();
    post.blog = QStringLiteral("1");
    post.rev = 4;
    post.fields.title = QStringLiteral("On the ridge");
    post.fields.state = state;
    post.base = post.fields;
    post.syncStatus = model::SyncStatus::Synced;
    return post;
}

} // namespace

class TestBlogCopy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void neverSyncedIsNotOnTheBlog()
    {
        model::Post post;
        post.fields.state = model::PublishState::Published;
        QCOMPARE(model::blogCopy(post), BlogCopy::None);
        post.blog = QStringLiteral("1"); // pushed to no server yet
        QCOMPARE(model::blogCopy(post), BlogCopy::None);
    }

    void syncedPublishedIsCurrent()
    {
        QCOMPARE(model::blogCopy(synced(model::PublishState::Published)), BlogCopy::Current);
        QCOMPARE(model::blogCopy(synced(model::PublishState::Draft)), BlogCopy::None);
    }

    void localEditsOfAPublishedPostAreNotOnTheBlog()
    {
        model::Post post = synced(model::PublishState::Published);
        post.fields.body = QStringLiteral("More.");
        post.syncStatus = model::SyncStatus::NeedsSync;
        QCOMPARE(model::blogCopy(post), BlogCopy::Older);
        // Taken back to draft here: the blog still shows it until the sync.
        post = synced(model::PublishState::Published);
        post.fields.state = model::PublishState::Draft;
        QCOMPARE(model::blogCopy(post), BlogCopy::Older);
        post = synced(model::PublishState::Published);
        post.deleted = true;
        post.syncStatus = model::SyncStatus::NeedsSync;
        QCOMPARE(model::blogCopy(post), BlogCopy::Older);
        post.syncStatus = model::SyncStatus::Synced;
        QCOMPARE(model::blogCopy(post), BlogCopy::None);
    }

    void publishedHereButDraftOnTheServerIsNotOnTheBlog()
    {
        model::Post post = synced(model::PublishState::Draft);
        post.fields.state = model::PublishState::Published;
        post.syncStatus = model::SyncStatus::NeedsSync;
        QCOMPARE(model::blogCopy(post), BlogCopy::None);
    }

    void aConflictComparesWithTheServersVersion()
    {
        model::Post post = synced(model::PublishState::Draft);
        post.syncStatus = model::SyncStatus::Conflicted;
        model::Revision theirs;
        theirs.rev = 7;
        theirs.fields = post.fields;
        theirs.fields.state = model::PublishState::Published;
        post.theirs = theirs;
        QCOMPARE(model::blogCopy(post), BlogCopy::Older);
        post.theirs->deleted = true;
        QCOMPARE(model::blogCopy(post), BlogCopy::None);
    }
};

QTEST_APPLESS_MAIN(TestBlogCopy)
#include "tst_blogcopy.moc"
