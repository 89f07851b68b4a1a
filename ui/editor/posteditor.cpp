#include "ui/editor/posteditor.h"

#include "merge/postmerge.h"
#include "model/post.h"
#include "store/attachmentrepository.h"
#include "store/localstore.h"
#include "store/postrepository.h"
#include "ui/editor/bodyedit.h"
#include "editing/bodypatcher.h"
#include "ui/editor/coverpicker.h"
#include "ui/editor/markdownhighlighter.h"
#include "ui/common/messagebar.h"
#include "ui/editor/previewbrowser.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

namespace inkwell::ui {

namespace {

QStringList parseTags(const QString &text)
{
    QStringList tags;
    for (const QString &part : text.split(u',')) {
        const QString tag = part.trimmed();
        if (!tag.isEmpty() && !tags.contains(tag))
            tags.append(tag);
    }
    return tags;
}

} // namespace

PostEditor::PostEditor(store::LocalStore &store, QWidget *parent)
    : QWidget(parent), m_store(store), m_bar(new MessageBar(this)), m_title(new QLineEdit(this)),
      m_tags(new QLineEdit(this)), m_state(new QComboBox(this)), m_cover(new CoverPicker(this)),
      m_body(new BodyEdit(this)), m_preview(new PreviewBrowser(this)),
      m_highlighter(new MarkdownHighlighter(m_body->document())), m_saveTimer(new QTimer(this)),
      m_previewTimer(new QTimer(this))
{
    const auto loader = [this](const QString &hash) { return attachmentData(hash); };
    m_preview->setAttachmentLoader(loader);
    m_cover->setAttachmentLoader(loader);
    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(SaveDelayMs);
    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(150);
    buildLayout();
    connectEdits();
    // Queued even for this thread's own writes, so a save never re-enters the editor.
    connect(&m_store, &store::LocalStore::postsChanged, this, &PostEditor::onPostsChanged,
            Qt::QueuedConnection);
    openPost({});
}

PostEditor::~PostEditor()
{
    if (!m_guid.isEmpty())
        (void)save();
    // Child widgets lose focus while QWidget deletes them, after this object's members are gone.
    const auto children = findChildren<QObject *>();
    for (QObject *child : children)
        child->disconnect(this);
}

void PostEditor::buildLayout()
{
    m_title->setObjectName(QStringLiteral("title"));
    m_title->setPlaceholderText(tr("Title"));
    m_title->setAccessibleName(tr("Post title"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_tags->setObjectName(QStringLiteral("tags"));
    m_tags->setPlaceholderText(tr("Tags, separated by commas"));
    m_tags->setAccessibleName(tr("Tags"));
    m_state->setObjectName(QStringLiteral("state"));
    m_state->setAccessibleName(tr("Publication state"));
    m_state->addItem(tr("Draft"), int(model::PublishState::Draft));
    m_state->addItem(tr("Published"), int(model::PublishState::Published));

    auto *details = new QHBoxLayout;
    details->addWidget(m_tags, 1);
    details->addWidget(m_state);
    details->addWidget(m_cover);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("editorSplitter"));
    splitter->addWidget(m_body);
    splitter->addWidget(m_preview);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_bar);
    layout->addWidget(m_title);
    layout->addLayout(details);
    layout->addWidget(splitter, 1);
}

void PostEditor::connectEdits()
{
    const auto changed = [this] {
        if (!m_loading)
            scheduleSave();
    };
    connect(m_title, &QLineEdit::textEdited, this, changed);
    connect(m_tags, &QLineEdit::textEdited, this, changed);
    connect(m_state, &QComboBox::activated, this, changed);
    connect(m_body, &QPlainTextEdit::textChanged, this, changed);
    connect(m_title, &QLineEdit::editingFinished, this, [this] { (void)save(); });
    connect(m_tags, &QLineEdit::editingFinished, this, [this] { (void)save(); });
    connect(m_body, &BodyEdit::focusLost, this, [this] { (void)save(); });
    connect(m_saveTimer, &QTimer::timeout, this, [this] { (void)save(); });
    connect(m_previewTimer, &QTimer::timeout, this, &PostEditor::updatePreview);
    connect(m_body, &BodyEdit::imageReceived, this, &PostEditor::insertImage);
    connect(m_cover, &CoverPicker::fileChosen, this, &PostEditor::setCover);
    connect(m_cover, &CoverPicker::removed, this, changed);
}

void PostEditor::openPost(const QString &guid)
{
    if (!m_guid.isEmpty())
        (void)save();
    m_guid.clear();
    m_holdSaves = false;
    m_bar->dismiss();
    model::Post post;
    if (!guid.isEmpty()) {
        auto loaded = m_store.posts().post(guid);
        if (!loaded || loaded->deleted) {
            if (!loaded)
                Q_EMIT errorOccurred(loaded.error());
        } else {
            post = *loaded;
            m_guid = guid;
        }
    }
    m_stored = post.fields;
    showFields(post.fields);
    m_body->document()->clearUndoRedoStacks();
    setEnabled(!m_guid.isEmpty());
    if (!m_guid.isEmpty())
        showStatus(post);
}

model::PostFields PostEditor::currentFields() const
{
    model::PostFields fields;
    fields.title = m_title->text();
    fields.body = m_body->toPlainText();
    fields.tags = parseTags(m_tags->text());
    fields.state = model::PublishState(m_state->currentData().toInt());
    fields.cover = m_cover->cover();
    return fields;
}

void PostEditor::showFields(const model::PostFields &fields)
{
    m_loading = true;
    if (m_title->text() != fields.title)
        m_title->setText(fields.title);
    if (parseTags(m_tags->text()) != fields.tags)
        m_tags->setText(fields.tags.join(QStringLiteral(", ")));
    m_state->setCurrentIndex(m_state->findData(int(fields.state)));
    m_cover->setCover(fields.cover);
    if (m_body->toPlainText() != fields.body)
        m_body->setPlainText(fields.body);
    m_loading = false;
    updatePreview();
}

Result<void> PostEditor::save()
{
    m_saveTimer->stop();
    // The update succeeds only if the post is still as we last read it; a change that lands in
    // between (a sync merge) makes it fail with Conflict: merge that change in and try again.
    constexpr int MaxAttempts = 3;
    for (int attempt = 0; attempt < MaxAttempts; ++attempt) {
        if (m_guid.isEmpty() || m_holdSaves)
            return {};
        const model::PostFields fields = currentFields();
        if (fields == m_stored)
            return {};
        auto updated = m_store.posts().update(m_guid, fields, m_stored);
        if (updated) {
            m_stored = updated->fields;
            Q_EMIT saved(m_guid);
            return {};
        }
        if (updated.error().code != ErrorCode::Conflict) {
            Q_EMIT errorOccurred(updated.error());
            return updated.error();
        }
        catchUpWithStore();
    }
    const Error busy{ErrorCode::Conflict, tr("The post kept changing while it was saved.")};
    Q_EMIT errorOccurred(busy);
    return busy;
}

void PostEditor::catchUpWithStore()
{
    auto current = m_store.posts().post(m_guid);
    if (!current || current->deleted)
        return;
    if (current->fields != m_stored)
        mergeStoreVersion(current->fields);
}

void PostEditor::scheduleSave()
{
    m_saveTimer->start();
    m_previewTimer->start();
}

void PostEditor::updatePreview()
{
    m_preview->showPost(m_title->text(), m_body->toPlainText());
}

void PostEditor::onPostsChanged(const QStringList &guids)
{
    if (m_guid.isEmpty() || !guids.contains(m_guid))
        return;
    auto post = m_store.posts().post(m_guid);
    if (!post) {
        Q_EMIT errorOccurred(post.error());
        return;
    }
    if (post->deleted) {
        m_bar->showMessage(MessageBar::Kind::Warning, tr("This post was deleted."));
        setEnabled(false);
        return;
    }
    if (post->fields != m_stored)
        mergeStoreVersion(post->fields);
    showStatus(*post);
}

void PostEditor::showStatus(const model::Post &post)
{
    if (post.syncStatus == model::SyncStatus::Conflicted) {
        m_bar->showMessage(MessageBar::Kind::Warning,
                           tr("This post was changed on the server in a way that conflicts with "
                              "your edits."));
        connect(m_bar->addButton(tr("Resolve…")), &QPushButton::clicked, this,
                [this] { Q_EMIT resolveRequested(m_guid); });
    } else if (!post.lastError.isEmpty()) {
        m_bar->showMessage(MessageBar::Kind::Error,
                           tr("This post could not be synced: %1").arg(post.lastError));
    } else if (!m_holdSaves) {
        m_bar->dismiss();
    }
}

void PostEditor::mergeStoreVersion(const model::PostFields &theirs)
{
    const model::PostFields mine = currentFields();
    const merge::PostMerge result =
            merge::mergePost(merge::Version{m_stored, false}, merge::Version{mine, false},
                             merge::Version{theirs, false});
    if (!result.isClean()) {
        m_holdSaves = true;
        m_bar->showMessage(MessageBar::Kind::Warning,
                           tr("This post changed elsewhere while you were typing, and the changes "
                              "overlap. Nothing is lost: choose which version to keep."));
        connect(m_bar->addButton(tr("Keep Mine")), &QPushButton::clicked, this, [this] {
            m_holdSaves = false;
            m_bar->dismiss();
            auto post = m_store.posts().post(m_guid);
            if (post)
                m_stored = post->fields; // mine replaces theirs deliberately
            (void)save();
        });
        connect(m_bar->addButton(tr("Take Theirs")), &QPushButton::clicked, this,
                [this] { openPost(m_guid); });
        return;
    }
    const model::PostFields &merged = result.merged.fields;
    m_loading = true;
    if (!editing::applyTheirChanges(m_body->document(), result.body))
        setBody(merged.body);
    m_loading = false;
    m_stored = theirs;
    showFields(merged);
    if (merged != theirs)
        scheduleSave();
}

void PostEditor::setBody(const QString &text)
{
    // Replace through a cursor, so undo history stays and the caret keeps its offset.
    const int position = m_body->textCursor().position();
    QTextCursor cursor(m_body->document());
    cursor.select(QTextCursor::Document);
    cursor.insertText(text);
    QTextCursor caret = m_body->textCursor();
    caret.setPosition(std::min(position, int(text.size())));
    m_body->setTextCursor(caret);
}

void PostEditor::insertImageFromFile()
{
    QStringList patterns;
    for (const QString &suffix : BodyEdit::imageSuffixes())
        patterns << QStringLiteral("*.") + suffix;
    const QStringList paths = QFileDialog::getOpenFileNames(
            this, tr("Insert Image"), {}, tr("Images (%1)").arg(patterns.join(u' ')));
    for (const QString &path : paths) {
        QFile file(path);
        if (file.open(QIODevice::ReadOnly))
            insertImage(file.readAll(), QFileInfo(path).completeBaseName());
    }
}

void PostEditor::insertImage(const QByteArray &bytes, const QString &name)
{
    if (m_guid.isEmpty())
        return;
    auto stored = m_store.attachments().add(bytes);
    if (!stored) {
        Q_EMIT errorOccurred(stored.error());
        return;
    }
    QString alt = name;
    alt.remove(u'[').remove(u']');
    m_body->textCursor().insertText(
            QStringLiteral("![%1](attachment:%2)").arg(alt, stored->sha256));
    m_body->setFocus();
}

void PostEditor::setCover(const QByteArray &bytes, const QString &)
{
    auto stored = m_store.attachments().add(bytes);
    if (!stored) {
        Q_EMIT errorOccurred(stored.error());
        return;
    }
    m_cover->setCover(stored->sha256);
    scheduleSave();
}

QByteArray PostEditor::attachmentData(const QString &sha256) const
{
    auto attachment = m_store.attachments().attachment(sha256);
    return attachment ? attachment->data : QByteArray();
}

} // namespace inkwell::ui
