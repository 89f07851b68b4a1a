#include "ui/merge/mergepanes.h"

#include "merge/bodymerge.h"
#include "merge/mergesession.h"

#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSplitter>
#include <QTextBlock>
#include <QVBoxLayout>

#include <algorithm>

namespace inkwell::ui {

namespace {

constexpr std::array<MergeSide, 4> allSides{MergeSide::Base, MergeSide::Mine, MergeSide::Result,
                                            MergeSide::Theirs};

QString sideText(const merge::MergeSession &session, MergeSide side)
{
    switch (side) {
    case MergeSide::Base:
        return session.base().fields.body;
    case MergeSide::Mine:
        return session.mine().fields.body;
    case MergeSide::Theirs:
        return session.theirs().fields.body;
    case MergeSide::Result:
        return session.resultBody();
    }
    return {};
}

// The line at the top of the pane's viewport.
qsizetype topLine(QPlainTextEdit *pane)
{
    return pane->cursorForPosition(QPoint(0, 0)).blockNumber();
}

} // namespace

MergePanes::MergePanes(QWidget *parent) : QWidget(parent)
{
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setChildrenCollapsible(false);
    const QString titles[] = {tr("Base (before both changes)"), tr("Mine (your version)"),
                              tr("&Result (editable)"), tr("Theirs (server version)")};
    const QString names[] = {tr("Base version"), tr("Your version"), tr("Merge result"),
                             tr("Server version")};
    const char *objectNames[] = {"basePane", "minePane", "resultPane", "theirsPane"};
    for (MergeSide side : allSides) {
        const auto i = std::size_t(side);
        auto *column = new QWidget(splitter);
        auto *layout = new QVBoxLayout(column);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->setSpacing(2);
        m_titles[i] = new QLabel(titles[i], column);
        QFont bold = m_titles[i]->font();
        bold.setBold(true);
        m_titles[i]->setFont(bold);
        auto *pane = new QPlainTextEdit(column);
        pane->setObjectName(QLatin1StringView(objectNames[i]));
        pane->setAccessibleName(names[i]);
        pane->setReadOnly(side != MergeSide::Result);
        pane->setTextInteractionFlags(side == MergeSide::Result ? Qt::TextEditorInteraction
                                                                : Qt::TextSelectableByKeyboard
                                                      | Qt::TextSelectableByMouse);
        pane->setTabChangesFocus(true);
        m_titles[i]->setBuddy(pane);
        layout->addWidget(m_titles[i]);
        layout->addWidget(pane, 1);
        splitter->addWidget(column);
        m_panes[i] = pane;
        connect(pane->verticalScrollBar(), &QScrollBar::valueChanged, this,
                [this, side] { syncScrolling(side); });
        connect(pane, &QPlainTextEdit::cursorPositionChanged, this,
                [this, side] { onCursorMoved(side); });
    }
    pane(MergeSide::Result)->installEventFilter(this);
    connect(pane(MergeSide::Result), &QPlainTextEdit::textChanged, this, [this] {
        if (!m_rendering)
            Q_EMIT resultEdited(pane(MergeSide::Result)->toPlainText());
    });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
    setBaseVisible(false);
    setTabOrder(pane(MergeSide::Base), pane(MergeSide::Mine));
    setTabOrder(pane(MergeSide::Mine), pane(MergeSide::Result));
    setTabOrder(pane(MergeSide::Result), pane(MergeSide::Theirs));
}

bool MergePanes::eventFilter(QObject *watched, QEvent *event)
{
    // Ctrl+Z in the result pane undoes its typing; with nothing typed to undo it goes on to the
    // window, which undoes the last choice.
    if (watched == pane(MergeSide::Result) && event->type() == QEvent::ShortcutOverride) {
        auto *key = static_cast<QKeyEvent *>(event);
        const QTextDocument *document = pane(MergeSide::Result)->document();
        if ((key->matches(QKeySequence::Undo) && !document->isUndoAvailable())
            || (key->matches(QKeySequence::Redo) && !document->isRedoAvailable())) {
            event->ignore();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void MergePanes::setSession(const merge::MergeSession *session)
{
    m_session = session;
    // A deleted side still shows its last text; its title says it is gone.
    const bool mineDeleted = session && session->mine().deleted;
    const bool theirsDeleted = session && session->theirs().deleted;
    m_titles[std::size_t(MergeSide::Mine)]->setText(mineDeleted ? tr("Mine (deleted here)")
                                                                : tr("Mine (your version)"));
    m_titles[std::size_t(MergeSide::Theirs)]->setText(
            theirsDeleted ? tr("Theirs (deleted on the server)") : tr("Theirs (server version)"));
    m_current = -1;
    m_resultLines.clear();
    for (MergeSide side : allSides) {
        m_words[std::size_t(side)].clear();
        render(side);
    }
}

void MergePanes::updateWords(MergeSide side)
{
    QList<QList<merge::TextSpan>> &words = m_words[std::size_t(side)];
    const qsizetype count = m_session ? m_session->hunkCount() : 0;
    if (side != MergeSide::Result) {
        if (words.size() == count)
            return; // the sides never change within a session
        words.resize(count);
        for (qsizetype i = 0; i < count; ++i)
            words[i] = MergeHighlighter::changedWords(*m_session, side, i);
        return;
    }
    words.resize(count);
    m_resultLines.resize(count);
    for (qsizetype i = 0; i < count; ++i) {
        QStringList lines = m_session->hunkResultLines(i);
        if (m_resultLines.at(i) == lines)
            continue;
        words[i] = MergeHighlighter::changedWords(*m_session, side, i);
        m_resultLines[i] = std::move(lines);
    }
}

void MergePanes::render(MergeSide side)
{
    QPlainTextEdit *edit = pane(side);
    const QString text = m_session ? sideText(*m_session, side) : QString();
    if (edit->toPlainText() != text) {
        const QTextCursor caret = edit->textCursor();
        const int block = caret.blockNumber();
        const int column = caret.positionInBlock();
        const int scroll = edit->verticalScrollBar()->value();
        m_rendering = true;
        edit->setPlainText(text);
        QTextCursor restored(edit->document()->findBlockByNumber(
                std::min(block, edit->document()->blockCount() - 1)));
        restored.setPosition(restored.block().position()
                             + std::min(column, restored.block().length() - 1));
        edit->setTextCursor(restored);
        edit->verticalScrollBar()->setValue(scroll);
        m_rendering = false;
    }
    m_ranges[std::size_t(side)] =
            m_session ? MergeHighlighter::ranges(*m_session, side) : QList<PaneRange>();
    updateWords(side);
    highlight(side);
}

void MergePanes::highlight(MergeSide side)
{
    QPlainTextEdit *edit = pane(side);
    if (!m_session) {
        edit->setExtraSelections({});
        return;
    }
    edit->setExtraSelections(MergeHighlighter::selections(
            *m_session, side, m_ranges[std::size_t(side)], m_words[std::size_t(side)],
            edit->document(), m_current, edit->palette()));
}

void MergePanes::refreshResult()
{
    render(MergeSide::Result);
}

void MergePanes::refreshHighlights()
{
    for (MergeSide side : allSides) {
        if (side == MergeSide::Result)
            render(side);
        else
            highlight(side);
    }
}

void MergePanes::setBaseVisible(bool visible)
{
    pane(MergeSide::Base)->parentWidget()->setVisible(visible);
}

bool MergePanes::isBaseVisible() const
{
    return !pane(MergeSide::Base)->parentWidget()->isHidden();
}

void MergePanes::setCurrentHunk(qsizetype hunk)
{
    if (!m_session || hunk < 0 || hunk >= m_session->hunkCount())
        return;
    const bool changed = hunk != m_current;
    m_current = hunk;
    for (MergeSide side : allSides)
        highlight(side);
    // Show a few lines of context above the hunk; the other panes follow.
    const qsizetype line = m_ranges[std::size_t(MergeSide::Result)].value(hunk).first;
    m_syncing = true;
    for (MergeSide side : allSides)
        scrollTo(side, std::max<qsizetype>(0, m_ranges[std::size_t(side)].value(hunk).first - 3));
    m_syncing = false;
    QPlainTextEdit *result = pane(MergeSide::Result);
    const QTextBlock block = result->document()->findBlockByNumber(int(line));
    if (block.isValid() && result->textCursor().blockNumber() != block.blockNumber()) {
        const bool rendering = m_rendering;
        m_rendering = true;
        result->setTextCursor(QTextCursor(block));
        m_rendering = rendering;
    }
    if (changed)
        Q_EMIT currentHunkChanged(hunk);
}

qsizetype MergePanes::hunkAtLine(MergeSide side, qsizetype line) const
{
    const QList<PaneRange> &ranges = m_ranges[std::size_t(side)];
    // The last hunk starting at or before line that has lines there (empty hunks are skipped).
    auto it = std::upper_bound(
            ranges.cbegin(), ranges.cend(), line,
            [](qsizetype value, const PaneRange &range) { return value < range.first; });
    while (it != ranges.cbegin()) {
        --it;
        if (it->count > 0 || it->first < line)
            return it - ranges.cbegin();
    }
    return ranges.isEmpty() ? -1 : 0;
}

void MergePanes::scrollTo(MergeSide side, qsizetype line)
{
    QPlainTextEdit *edit = pane(side);
    const QTextBlock block = edit->document()->findBlockByNumber(int(line));
    if (block.isValid())
        edit->verticalScrollBar()->setValue(block.firstLineNumber());
}

void MergePanes::syncScrolling(MergeSide from)
{
    // Scrolling one pane scrolls the others; the guard stops their scrolls from coming back.
    if (m_syncing || m_rendering || !m_session)
        return;
    const qsizetype line = topLine(pane(from));
    const qsizetype hunk = hunkAtLine(from, line);
    if (hunk < 0)
        return;
    const qsizetype offset = line - m_ranges[std::size_t(from)].at(hunk).first;
    m_syncing = true;
    for (MergeSide side : allSides) {
        if (side == from)
            continue;
        const PaneRange range = m_ranges[std::size_t(side)].value(hunk);
        scrollTo(side,
                 range.first
                         + std::clamp<qsizetype>(offset, 0,
                                                 std::max<qsizetype>(0, range.count - 1)));
    }
    m_syncing = false;
}

void MergePanes::onCursorMoved(MergeSide side)
{
    if (m_rendering || !m_session)
        return;
    const qsizetype hunk = hunkAtLine(side, pane(side)->textCursor().blockNumber());
    if (hunk < 0 || hunk == m_current)
        return;
    m_current = hunk;
    for (MergeSide each : allSides)
        highlight(each);
    Q_EMIT currentHunkChanged(hunk);
}

} // namespace inkwell::ui
