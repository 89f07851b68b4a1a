#include "editing/editsession.h"

#include "editing/bodypatcher.h"
#include "merge/postmerge.h"
#include "store/localstore.h"
#include "store/postrepository.h"
#include "store/syncrepository.h"

#include <QTextCursor>
#include <QTextDocument>
#include <QTimer>

namespace inkwell::editing {

namespace {

model::PostFields withoutBody(model::PostFields fields)
{
    fields.body.clear();
    return fields;
}

// Replaces the whole text through a cursor: one undo step, history kept.
void replaceText(QTextDocument *document, const QString &text)
{
    QTextCursor cursor(document);
    cursor.select(QTextCursor::Document);
    cursor.insertText(text);
}

} // namespace

EditSession::EditSession(store::LocalStore &store, QObject *parent)
    : QObject(parent), m_store(store), m_document(new QTextDocument(this)),
      m_saveTimer(new QTimer(this)), m_barriers(m_document)
{
    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(DefaultSaveDelayMs);
    connect(m_saveTimer, &QTimer::timeout, this, [this] { (void)save(); });
    connect(m_document, &QTextDocument::contentsChanged, this, &EditSession::onDocumentChanged);
    connect(m_document, &QTextDocument::undoCommandAdded, this,
            [this] { m_barriers.noteUndoStepAdded(); });
    // Queued even for this thread's own writes, so a save never re-enters the session.
    connect(&m_store, &store::LocalStore::postsChanged, this, &EditSession::onPostsChanged,
            Qt::QueuedConnection);
}

EditSession::~EditSession()
{
    (void)leave();
}

Result<void> EditSession::open(const QString &guid)
{
    if (!guid.isEmpty() && guid == m_post.guid
        && (m_state == State::Editing || m_state == State::Held)) {
        return {}; // already open: keeps the buffer, its history and a held state
    }
    (void)leave();
    if (guid.isEmpty()) {
        Q_EMIT opened({});
        return {};
    }
    auto loaded = m_store.posts().post(guid);
    if (!loaded) {
        Q_EMIT opened({});
        return report(loaded.error());
    }
    if (loaded->deleted) {
        Q_EMIT opened({});
        return Error{ErrorCode::NotFound, QStringLiteral("post %1 is deleted").arg(guid)};
    }
    reset(*loaded);
    Q_EMIT opened(guid);
    return {};
}

Result<void> EditSession::close()
{
    if (m_state == State::Closed)
        return {};
    const Result<void> left = leave();
    Q_EMIT opened({});
    return left;
}

Result<void> EditSession::leave()
{
    Result<void> outcome;
    if (m_state == State::Editing)
        outcome = save(); // may find an overlapping change and hold
    if (m_state == State::Held)
        outcome = resolveHeld();
    if (m_state == State::Held) {
        // The store would not keep it as a conflict (e.g. the post became Conflicted meanwhile):
        // the buffer is still not dropped, but kept as a new post.
        auto copy = m_store.posts().create(m_post.blog, fields());
        if (copy)
            Q_EMIT saved(copy->guid);
        else
            outcome = report(copy.error());
    }
    if (m_state != State::Closed)
        reset({});
    return outcome;
}

void EditSession::reset(const model::Post &post)
{
    m_saveTimer->stop();
    m_post = post;
    m_base = post.fields;
    m_others = withoutBody(post.fields);
    m_applying = true;
    m_document->setPlainText(post.fields.body); // also empties the undo history
    m_applying = false;
    m_barriers.clear();
    setState(post.guid.isEmpty() ? State::Closed : State::Editing);
}

model::PostFields EditSession::fields() const
{
    model::PostFields fields = m_others;
    fields.body = m_document->toPlainText();
    return fields;
}

void EditSession::setTitle(const QString &title)
{
    if (m_others.title == title)
        return;
    m_others.title = title;
    onDocumentChanged();
}

void EditSession::setTags(const QStringList &tags)
{
    if (m_others.tags == tags)
        return;
    m_others.tags = tags;
    onDocumentChanged();
}

void EditSession::setPublishState(model::PublishState state)
{
    if (m_others.state == state)
        return;
    m_others.state = state;
    onDocumentChanged();
}

void EditSession::setCover(const QString &sha256)
{
    if (m_others.cover == sha256)
        return;
    m_others.cover = sha256;
    onDocumentChanged();
}

void EditSession::setSaveDelay(int milliseconds)
{
    m_saveTimer->setInterval(milliseconds);
}

void EditSession::onDocumentChanged()
{
    if (m_applying || (m_state != State::Editing && m_state != State::Held))
        return;
    if (m_state == State::Editing)
        m_saveTimer->start();
    Q_EMIT edited(m_post.guid);
}

Result<void> EditSession::save()
{
    m_saveTimer->stop();
    // The update succeeds only if the post is still as the buffer's base; a change that landed
    // in between (a sync merge) fails it with Conflict: merge that change in and try again.
    constexpr int MaxAttempts = 3;
    for (int attempt = 0; attempt < MaxAttempts; ++attempt) {
        if (m_state != State::Editing)
            return {};
        const model::PostFields buffer = fields();
        if (buffer == m_base)
            return {};
        auto updated = m_store.posts().update(m_post.guid, buffer, m_base);
        if (updated) {
            m_post = *updated;
            m_base = updated->fields;
            Q_EMIT saved(m_post.guid);
            return {};
        }
        // NotFound: deleted meanwhile; catching up holds the buffer.
        const ErrorCode code = updated.error().code;
        if (code != ErrorCode::Conflict && code != ErrorCode::NotFound)
            return report(updated.error());
        if (!catchUp())
            return updated.error();
    }
    return report(
            {ErrorCode::Conflict, QStringLiteral("the post kept changing while it was saved")});
}

Result<void> EditSession::resolveHeld()
{
    if (m_state != State::Held)
        return {};
    auto stored = m_store.sync().storeEditConflict(m_post.guid, fields(), m_base);
    if (!stored)
        return report(stored.error());
    m_post = *stored;
    m_base = stored->fields;
    setState(State::Editing);
    Q_EMIT saved(m_post.guid);
    return {};
}

void EditSession::onPostsChanged(const QStringList &guids)
{
    if (m_state != State::Closed && guids.contains(m_post.guid))
        (void)catchUp();
}

bool EditSession::catchUp()
{
    auto stored = m_store.posts().post(m_post.guid);
    if (!stored) {
        (void)report(stored.error());
        return false;
    }
    takeIn(*stored);
    return true;
}

void EditSession::takeIn(const model::Post &stored)
{
    const bool statusChanged = stored.syncStatus != m_post.syncStatus
            || stored.lastError != m_post.lastError || stored.deleted != m_post.deleted;
    const bool unsaved = fields() != m_base;
    if (m_state == State::Deleted && !stored.deleted) { // restored: start over
        reset(stored);
        Q_EMIT opened(stored.guid);
        return;
    }
    if (m_state == State::Held || m_state == State::Deleted) {
        m_post = stored; // theirs is read again when the held buffer is stored
    } else if (stored.deleted) {
        m_post = stored;
        setState(unsaved ? State::Held : State::Deleted);
    } else if (stored.fields != m_base) {
        mergeIn(stored);
    } else {
        m_post = stored;
    }
    if (statusChanged)
        Q_EMIT stateChanged();
}

void EditSession::mergeIn(const model::Post &stored)
{
    const merge::PostMerge result =
            merge::mergePost(merge::Version{m_base, false}, merge::Version{fields(), false},
                             merge::Version{stored.fields, false});
    m_post = stored;
    if (!result.isClean()) {
        setState(State::Held);
        return;
    }
    const model::PostFields &merged = result.merged.fields;
    const int stepsBefore = m_document->availableUndoSteps();
    m_applying = true;
    if (!applyTheirChanges(m_document, result.body) && m_document->toPlainText() != merged.body)
        replaceText(m_document, merged.body);
    m_applying = false;
    // Undo must not silently revert a colleague's change: it stops before this step.
    if (m_document->availableUndoSteps() > stepsBefore)
        m_barriers.add(stored.modifiedBy);
    m_base = stored.fields;
    if (withoutBody(merged) != m_others) {
        m_others = withoutBody(merged);
        Q_EMIT fieldsChanged();
    }
    if (merged != stored.fields)
        m_saveTimer->start(); // the writer's unsaved edits, now on top of theirs
}

bool EditSession::undo(QTextCursor *cursor)
{
    if (m_barriers.undo(cursor))
        return true;
    Q_EMIT undoStopped(m_barriers.blockingAuthor().value_or(QString()));
    return false;
}

void EditSession::undoIncomingChange(QTextCursor *cursor)
{
    m_barriers.undoPast(cursor);
}

void EditSession::redo(QTextCursor *cursor)
{
    m_barriers.redo(cursor);
}

bool EditSession::isUndoAvailable() const
{
    return m_document->isUndoAvailable() && !m_barriers.blockingAuthor();
}

void EditSession::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged();
}

Result<void> EditSession::report(const Error &error)
{
    Q_EMIT errorOccurred(error);
    return error;
}

} // namespace inkwell::editing
