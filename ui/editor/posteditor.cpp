#include "ui/editor/posteditor.h"

#include "editing/editsession.h"
#include "model/post.h"
#include "store/attachmentrepository.h"
#include "store/localstore.h"
#include "ui/common/messagebar.h"
#include "ui/editor/bodyedit.h"
#include "ui/editor/coverpicker.h"
#include "ui/editor/markdownhighlighter.h"
#include "ui/editor/previewbrowser.h"
#include "ui/sync/presencetext.h"
#include "ui/sync/syncservice.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextDocumentLayout>
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
    : QWidget(parent), m_store(store), m_session(new editing::EditSession(store, this)),
      m_bar(new MessageBar(this)), m_title(new QLineEdit(this)), m_editors(new QLabel(this)),
      m_tags(new QLineEdit(this)), m_state(new QComboBox(this)), m_cover(new CoverPicker(this)),
      m_body(new BodyEdit(this)), m_preview(new PreviewBrowser(this)),
      m_highlighter(new MarkdownHighlighter(m_session->document())),
      m_previewTimer(new QTimer(this))
{
    m_session->setSaveDelay(SaveDelayMs);
    // QPlainTextEdit shows only documents laid out its way (QtWidgets, so not set in core).
    m_session->document()->setDocumentLayout(new QPlainTextDocumentLayout(m_session->document()));
    m_body->setDocument(m_session->document());
    const auto loader = [this](const QString &hash) { return attachmentData(hash); };
    m_preview->setAttachmentLoader(loader);
    m_cover->setAttachmentLoader(loader);
    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(150);
    buildLayout();
    connectEdits();
    connectSession();
    openPost({});
}

PostEditor::~PostEditor()
{
    (void)m_session->close();
    // Child widgets lose focus while QWidget deletes them, after this object's members are gone.
    const auto children = findChildren<QObject *>();
    for (QObject *child : children)
        child->disconnect(this);
    // The body shows the session's document, which goes with the session.
    m_body->setDocument(nullptr);
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

    m_editors->setObjectName(QStringLiteral("editors"));
    m_editors->setStyleSheet(QStringLiteral("QLabel#editors { background: #1565c0; color: white; "
                                            "border-radius: 9px; padding: 2px 10px; }"));
    m_editors->setTextFormat(Qt::PlainText);
    m_editors->hide();
    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_editors, 0, Qt::AlignVCenter);

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
    layout->addLayout(header);
    layout->addLayout(details);
    layout->addWidget(splitter, 1);
}

void PostEditor::connectEdits()
{
    connect(m_title, &QLineEdit::textEdited, this, [this](const QString &text) {
        m_session->setTitle(text);
        m_previewTimer->start();
    });
    connect(m_tags, &QLineEdit::textEdited, this,
            [this](const QString &text) { m_session->setTags(parseTags(text)); });
    connect(m_state, &QComboBox::activated, this, [this] {
        m_session->setPublishState(model::PublishState(m_state->currentData().toInt()));
    });
    connect(m_cover, &CoverPicker::removed, this, [this] { m_session->setCover({}); });
    connect(m_body, &QPlainTextEdit::textChanged, m_previewTimer, qOverload<>(&QTimer::start));
    connect(m_title, &QLineEdit::editingFinished, this, [this] { (void)save(); });
    connect(m_tags, &QLineEdit::editingFinished, this, [this] { (void)save(); });
    connect(m_body, &BodyEdit::focusLost, this, [this] { (void)save(); });
    connect(m_body, &BodyEdit::undoRequested, this, &PostEditor::undo);
    connect(m_body, &BodyEdit::redoRequested, this, &PostEditor::redo);
    connect(m_previewTimer, &QTimer::timeout, this, &PostEditor::updatePreview);
    connect(m_body, &BodyEdit::imageReceived, this, &PostEditor::insertImage);
    connect(m_cover, &CoverPicker::fileChosen, this, &PostEditor::setCover);
}

void PostEditor::connectSession()
{
    using editing::EditSession;
    connect(m_session, &EditSession::opened, this, [this] {
        showFields();
        showState();
        showEditors();
    });
    connect(m_session, &EditSession::fieldsChanged, this, &PostEditor::showFields);
    connect(m_session, &EditSession::stateChanged, this, &PostEditor::showState);
    connect(m_session, &EditSession::saved, this, &PostEditor::saved);
    connect(m_session, &EditSession::errorOccurred, this, &PostEditor::errorOccurred);
    connect(m_session, &EditSession::undoStopped, this, &PostEditor::showUndoStopped);
}

void PostEditor::openPost(const QString &guid)
{
    (void)m_session->open(guid);
}

QString PostEditor::guid() const
{
    return m_session->guid();
}

Result<void> PostEditor::save()
{
    return m_session->save();
}

void PostEditor::undo()
{
    QTextCursor cursor = m_body->textCursor();
    if (m_session->undo(&cursor))
        m_body->setTextCursor(cursor);
}

void PostEditor::redo()
{
    QTextCursor cursor = m_body->textCursor();
    m_session->redo(&cursor);
    m_body->setTextCursor(cursor);
}

void PostEditor::showFields()
{
    const model::PostFields fields = m_session->fields();
    if (m_title->text() != fields.title)
        m_title->setText(fields.title);
    if (parseTags(m_tags->text()) != fields.tags)
        m_tags->setText(fields.tags.join(QStringLiteral(", ")));
    m_state->setCurrentIndex(m_state->findData(int(fields.state)));
    m_cover->setCover(fields.cover);
    updatePreview();
}

void PostEditor::showState()
{
    using State = editing::EditSession::State;
    const State state = m_session->state();
    const model::Post &post = m_session->post();
    setEnabled(state == State::Editing || state == State::Held);
    if (state == State::Held) {
        m_bar->showMessage(MessageBar::Kind::Warning,
                           tr("This post changed elsewhere while you were typing, and the changes "
                              "overlap. Nothing is lost: your version is kept until you resolve "
                              "them."));
        connect(m_bar->addButton(tr("Resolve…")), &QPushButton::clicked, this,
                &PostEditor::requestResolve);
    } else if (state == State::Deleted) {
        m_bar->showMessage(MessageBar::Kind::Warning, tr("This post was deleted."));
    } else if (state == State::Editing && post.syncStatus == model::SyncStatus::Conflicted) {
        m_bar->showMessage(MessageBar::Kind::Warning,
                           tr("This post was changed on the server in a way that conflicts with "
                              "your edits."));
        connect(m_bar->addButton(tr("Resolve…")), &QPushButton::clicked, this,
                [this] { Q_EMIT resolveRequested(guid()); });
    } else if (state == State::Editing && !post.lastError.isEmpty()) {
        m_bar->showMessage(MessageBar::Kind::Error,
                           tr("This post could not be synced: %1").arg(post.lastError));
    } else {
        m_bar->dismiss();
    }
}

void PostEditor::setPresence(SyncService *presence)
{
    if (m_presence)
        disconnect(m_presence, nullptr, this, nullptr);
    m_presence = presence;
    if (presence) {
        connect(presence, &SyncService::presenceChanged, this, [this](const QStringList &guids) {
            if (guids.contains(guid()))
                showEditors();
        });
    }
    showEditors();
}

void PostEditor::showEditors()
{
    const model::Post &post = m_session->post();
    const QStringList editors = m_presence && !post.guid.isEmpty() && !post.blog.isEmpty()
            ? m_presence->editorsOf(post.blog, post.guid)
            : QStringList();
    m_editors->setText(PresenceText::editing(editors));
    m_editors->setToolTip(PresenceText::everyone(editors));
    m_editors->setAccessibleName(m_editors->text());
    m_editors->setVisible(!editors.isEmpty());
}

void PostEditor::showUndoStopped(const QString &author)
{
    if (m_session->isHeld())
        return; // the held bar stays: resolving comes first
    m_bar->showMessage(
            MessageBar::Kind::Information,
            author.isEmpty()
                    ? tr("Undo stops here: this text includes a change made "
                         "elsewhere.")
                    : tr("Undo stops here: this text includes a change from %1.").arg(author));
    connect(m_bar->addButton(tr("Undo Their Change")), &QPushButton::clicked, this, [this] {
        QTextCursor cursor = m_body->textCursor();
        m_session->undoIncomingChange(&cursor);
        m_body->setTextCursor(cursor);
        showState();
    });
}

void PostEditor::requestResolve()
{
    const QString open = guid();
    if (m_session->resolveHeld())
        Q_EMIT resolveRequested(open);
}

void PostEditor::updatePreview()
{
    m_preview->showPost(m_title->text(), m_body->toPlainText());
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
    if (guid().isEmpty())
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
    m_session->setCover(stored->sha256);
}

QByteArray PostEditor::attachmentData(const QString &sha256) const
{
    auto attachment = m_store.attachments().attachment(sha256);
    return attachment ? attachment->data : QByteArray();
}

} // namespace inkwell::ui
