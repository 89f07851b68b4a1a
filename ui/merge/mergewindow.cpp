#include "ui/merge/mergewindow.h"

#include "model/post.h"
#include "store/attachmentrepository.h"
#include "store/localstore.h"
#include "ui/common/messagebar.h"
#include "ui/merge/mergefieldrow.h"
#include "ui/merge/mergehunkbar.h"
#include "ui/merge/mergepanes.h"
#include "ui/sync/syncservice.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace inkwell::ui {

using merge::FieldChoice;
using merge::HunkChoice;
using merge::MergeField;

MergeWindow::MergeWindow(store::LocalStore &store, SyncService *sync, const QString &guid,
                         QWidget *parent)
    : QDialog(parent), m_store(store), m_sync(sync), m_guid(guid), m_resolver(store),
      m_header(new QLabel(this)), m_bar(new MessageBar(this)), m_fieldBox(new QWidget(this)),
      m_hunkBar(new MergeHunkBar(this)), m_panes(new MergePanes(this))
{
    setObjectName(QStringLiteral("mergeWindow"));
    setWindowTitle(tr("Resolve Conflict"));
    setSizeGripEnabled(true);
    auto conflict = guid.isEmpty() ? Result<store::Conflict>(Error{ErrorCode::InvalidArgument, {}})
                                   : m_resolver.conflict(guid);
    m_hasConflict = bool(conflict);
    if (!m_hasConflict)
        return;
    m_conflict = std::move(*conflict);
    m_header->setObjectName(QStringLiteral("mergeHeader"));
    m_header->setTextFormat(Qt::PlainText);
    m_header->setWordWrap(true);
    m_fieldBox->setObjectName(QStringLiteral("fieldBox"));
    auto *fieldLayout = new QVBoxLayout(m_fieldBox);
    fieldLayout->setContentsMargins(0, 0, 0, 0);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(m_bar);
    layout->addWidget(m_fieldBox);
    layout->addWidget(m_hunkBar);
    layout->addWidget(m_panes, 1);
    buildButtons(layout);

    connect(m_hunkBar, &MergeHunkBar::hunkChosen, this, &MergeWindow::chooseHunk);
    connect(m_hunkBar->nextAction(), &QAction::triggered, this, [this] { goToConflict(true); });
    connect(m_hunkBar->previousAction(), &QAction::triggered, this,
            [this] { goToConflict(false); });
    connect(m_hunkBar->undoAction(), &QAction::triggered, this, [this] { undoOrRedo(true); });
    connect(m_hunkBar->redoAction(), &QAction::triggered, this, [this] { undoOrRedo(false); });
    connect(m_hunkBar->baseAction(), &QAction::toggled, m_panes, &MergePanes::setBaseVisible);
    connect(m_panes, &MergePanes::resultEdited, this, &MergeWindow::onResultEdited);
    connect(m_panes, &MergePanes::currentHunkChanged, this, &MergeWindow::updateState);
    connect(
            &store, &store::LocalStore::postsChanged, this,
            [this](const QStringList &guids) {
                if (guids.contains(m_guid))
                    checkForChanges();
            },
            Qt::QueuedConnection);
    if (m_sync)
        connect(m_sync, &SyncService::attachmentArrived, this, &MergeWindow::onAttachmentArrived);
    showConflict();
    resize(1200, 760);
}

MergeWindow::~MergeWindow() = default;

void MergeWindow::buildButtons(QVBoxLayout *layout)
{
    // Left: whole-post choices; right: Save and Cancel.
    auto *row = new QHBoxLayout;
    m_keepMine = new QPushButton(tr("Keep &Mine"), this);
    m_keepMine->setToolTip(tr("Your version wins every open conflict; their other changes are "
                              "kept. Save stores it."));
    m_takeTheirs = new QPushButton(tr("Take &Theirs"), this);
    m_takeTheirs->setToolTip(tr("The server's version wins every open conflict. Save stores it."));
    m_keepBoth = new QPushButton(tr("Keep &Both"), this);
    m_keepBoth->setToolTip(tr("Save your version as a new post now and take the server's "
                              "version for this one"));
    m_keepMine->setObjectName(QStringLiteral("keepMine"));
    m_takeTheirs->setObjectName(QStringLiteral("takeTheirs"));
    m_keepBoth->setObjectName(QStringLiteral("keepBoth"));
    for (QPushButton *button : {m_keepMine, m_takeTheirs, m_keepBoth}) {
        button->setAutoDefault(false);
        row->addWidget(button);
    }
    auto *legend = new QLabel(MergeHighlighter::legend(palette()), this);
    legend->setObjectName(QStringLiteral("legend"));
    legend->setTextFormat(Qt::RichText);
    row->addSpacing(12);
    row->addWidget(legend);
    row->addStretch(1);
    auto *buttons = new QDialogButtonBox(this);
    m_save = buttons->addButton(tr("&Save"), QDialogButtonBox::AcceptRole);
    m_save->setObjectName(QStringLiteral("save"));
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(QStringLiteral("cancel"));
    m_cancel->setToolTip(tr("Close without changing anything; the post stays in conflict"));
    m_save->setDefault(true);
    row->addWidget(buttons);
    connect(m_keepMine, &QPushButton::clicked, this, [this] { chooseAll(FieldChoice::Mine); });
    connect(m_takeTheirs, &QPushButton::clicked, this, [this] { chooseAll(FieldChoice::Theirs); });
    connect(m_keepBoth, &QPushButton::clicked, this, &MergeWindow::keepBoth);
    connect(m_save, &QPushButton::clicked, this, &MergeWindow::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addLayout(row);
}

void MergeWindow::showConflict()
{
    const model::Post &post = m_conflict.post;
    const QString title = post.fields.title.isEmpty() ? tr("Untitled") : post.fields.title;
    setWindowTitle(tr("Resolve Conflict – %1").arg(title));
    const model::Revision theirs = post.theirs.value_or(model::Revision{});
    const QString who = theirs.modifiedBy.isEmpty() ? tr("someone") : theirs.modifiedBy;
    const QString when = theirs.modifiedAt.isValid()
            ? QLocale().toString(theirs.modifiedAt.toLocalTime(), QLocale::ShortFormat)
            : tr("an unknown time");
    QString text;
    if (m_conflict.session.theirs().deleted)
        text = tr("“%1” was deleted on the server by %2 on %3 (revision %4) while you changed it "
                  "here. Choose what to keep.");
    else if (m_conflict.session.mine().deleted)
        text = tr("“%1” was changed on the server by %2 on %3 (revision %4) after you deleted "
                  "it here. Choose what to keep.");
    else
        text = tr("“%1” was changed on the server by %2 on %3 (revision %4) while you changed "
                  "it here. Choose what to keep.");
    m_header->setText(text.arg(title, who, when).arg(m_conflict.theirsRev));
    rebuildFieldRows();
    m_panes->setSession(&m_conflict.session);
    // Start at the first conflict, or the first hunk when only fields conflict.
    const qsizetype first = m_conflict.session.nextOpenHunk(-1);
    m_panes->setCurrentHunk(first >= 0 ? first : 0);
    m_keepBoth->setEnabled(!m_conflict.session.mine().deleted);
    setTabChain();
    // The writer starts where the first decision is: a field row, else the result.
    if (!m_rows.isEmpty())
        m_rows.constFirst()->mineButton()->setFocus();
    else
        m_panes->pane(MergeSide::Result)->setFocus();
    updateState();
}

void MergeWindow::setTabChain()
{
    // Top to bottom: the field choices, the hunk strip, the panes, the buttons.
    QList<QWidget *> chain;
    for (MergeFieldRow *row : std::as_const(m_rows))
        chain << row->mineButton() << row->theirsButton();
    const auto tools = m_hunkBar->findChildren<QToolButton *>();
    for (QToolButton *tool : tools)
        chain << tool;
    for (MergeSide side : {MergeSide::Base, MergeSide::Mine, MergeSide::Result, MergeSide::Theirs})
        chain << m_panes->pane(side);
    chain << m_keepMine << m_takeTheirs << m_keepBoth << m_save << m_cancel;
    for (qsizetype i = 1; i < chain.size(); ++i)
        QWidget::setTabOrder(chain.at(i - 1), chain.at(i));
}

void MergeWindow::rebuildFieldRows()
{
    qDeleteAll(m_rows);
    m_rows.clear();
    const auto loader = [this](const QString &sha256) {
        auto attachment = m_store.attachments().attachment(sha256);
        if (attachment)
            return attachment->data;
        if (m_sync)
            m_sync->requestAttachment(m_conflict.post.blog, sha256);
        return QByteArray();
    };
    for (MergeField field : {MergeField::Deletion, MergeField::Title, MergeField::State,
                             MergeField::Tags, MergeField::Cover}) {
        if (!m_conflict.session.isConflicting(field))
            continue;
        auto *row = new MergeFieldRow(m_conflict.session, field, loader, m_fieldBox);
        connect(row, &MergeFieldRow::chosen, this, [this](MergeField which, FieldChoice choice) {
            m_conflict.session.chooseField(which, choice);
            m_panes->refreshHighlights();
            updateState();
        });
        m_fieldBox->layout()->addWidget(row);
        m_rows.append(row);
    }
    m_fieldBox->setVisible(!m_rows.isEmpty());
}

void MergeWindow::updateState()
{
    const merge::MergeSession &session = m_conflict.session;
    for (MergeFieldRow *row : std::as_const(m_rows))
        row->showChoice(session);
    m_hunkBar->showState(session, m_panes->currentHunk());
    const qsizetype left = session.unresolvedCount();
    m_save->setEnabled(!m_done && left == 0);
    m_save->setToolTip(left == 0 ? tr("Store the result; it syncs on the next run")
                                 : tr("Resolve the %n open conflict(s) first", "", int(left)));
}

void MergeWindow::chooseHunk(HunkChoice choice)
{
    const qsizetype hunk = m_panes->currentHunk();
    if (hunk < 0 || hunk >= m_conflict.session.hunkCount())
        return;
    m_conflict.session.chooseHunk(hunk, choice);
    m_panes->refreshHighlights();
    updateState();
}

void MergeWindow::chooseAll(FieldChoice side)
{
    m_conflict.session.chooseAllOpen(side);
    m_panes->refreshHighlights();
    updateState();
}

void MergeWindow::goToConflict(bool forward)
{
    const merge::MergeSession &session = m_conflict.session;
    const qsizetype from = m_panes->currentHunk();
    qsizetype next = forward ? session.nextOpenHunk(from) : session.previousOpenHunk(from);
    if (next < 0) {
        // Nothing is open: walk the conflict hunks to review the choices made.
        const qsizetype count = session.hunkCount();
        for (qsizetype step = 1; step <= count && next < 0; ++step) {
            const qsizetype i = ((from + (forward ? step : -step)) % count + count) % count;
            if (session.hunk(i).kind == merge::HunkKind::Conflict)
                next = i;
        }
    }
    if (next >= 0)
        m_panes->setCurrentHunk(next);
    updateState();
}

void MergeWindow::onResultEdited(const QString &text)
{
    // Typing inside a hunk already written by hand changes no hunk's state: only the result
    // pane needs new colours then, which keeps typing in a long result quick.
    const auto choices = [this] {
        QList<HunkChoice> all;
        for (qsizetype i = 0; i < m_conflict.session.hunkCount(); ++i)
            all.append(m_conflict.session.hunkChoice(i));
        return all;
    };
    const QList<HunkChoice> before = choices();
    m_conflict.session.editResultBody(text);
    if (choices() == before)
        m_panes->refreshResult();
    else
        m_panes->refreshHighlights();
    updateState();
}

void MergeWindow::undoOrRedo(bool undo)
{
    merge::MergeSession &session = m_conflict.session;
    if (undo ? !session.canUndo() : !session.canRedo())
        return;
    undo ? session.undo() : session.redo();
    m_panes->refreshHighlights();
    updateState();
}

void MergeWindow::save()
{
    auto result = m_conflict.session.resolved();
    if (!result) {
        updateState();
        return;
    }
    auto stored = m_resolver.resolveWith(m_guid, *result, m_conflict.theirsRev);
    if (!stored) {
        finish(stored.error());
        return;
    }
    finish({});
}

void MergeWindow::keepBoth()
{
    auto kept = m_resolver.keepBoth(m_guid, m_conflict.theirsRev);
    finish(kept ? Error{} : kept.error());
}

void MergeWindow::finish(const Error &error)
{
    if (error.code == ErrorCode::None) {
        m_done = true;
        Q_EMIT resolved(m_guid);
        accept();
        return;
    }
    if (error.code == ErrorCode::Conflict && checkForChanges())
        return;
    m_bar->showMessage(MessageBar::Kind::Error, errorText(error.code));
}

bool MergeWindow::checkForChanges()
{
    if (m_done || !m_hasConflict)
        return false;
    auto fresh = m_resolver.conflict(m_guid);
    if (!fresh) {
        // Resolved elsewhere (another window, the command line) or no longer conflicted.
        m_done = true;
        m_bar->showMessage(MessageBar::Kind::Warning,
                           tr("This conflict was resolved elsewhere; there is nothing left to "
                              "save. Close the window to see the post."));
        m_keepMine->setEnabled(false);
        m_takeTheirs->setEnabled(false);
        m_keepBoth->setEnabled(false);
        updateState();
        return true;
    }
    const merge::MergeSession &now = m_conflict.session;
    if (fresh->theirsRev == m_conflict.theirsRev && fresh->session.mine() == now.mine()
        && fresh->session.theirs() == now.theirs() && fresh->session.base() == now.base())
        return false;
    remerge(*fresh);
    return true;
}

void MergeWindow::remerge(const store::Conflict &fresh)
{
    const merge::MergeSession previous = m_conflict.session;
    const bool theirsChanged =
            fresh.theirsRev != m_conflict.theirsRev || fresh.session.theirs() != previous.theirs();
    m_conflict = fresh;
    const merge::CarriedChoices carried = m_conflict.session.carryChoicesFrom(previous);
    showConflict();
    QString text = theirsChanged
            ? tr("The server's version changed while you were resolving; the merge was redone.")
            : tr("Your version of the post changed while you were resolving; the merge was "
                 "redone.");
    if (carried.dropped > 0)
        text += u' '
                + tr("%n of your choices no longer apply; please check the result.", "",
                     int(carried.dropped));
    else if (carried.kept > 0)
        text += u' ' + tr("Your choices were kept.");
    m_bar->showMessage(MessageBar::Kind::Warning, text);
}

void MergeWindow::onAttachmentArrived(const QString &sha256)
{
    const merge::Version &mine = m_conflict.session.mine();
    const merge::Version &theirs = m_conflict.session.theirs();
    if (mine.fields.cover != sha256 && theirs.fields.cover != sha256)
        return;
    for (MergeFieldRow *row : std::as_const(m_rows))
        row->reloadCovers();
}

} // namespace inkwell::ui
