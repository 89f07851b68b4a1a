#pragma once

#include "ui/merge/mergehighlighter.h"

#include <QWidget>

#include <array>
#include <optional>

class QLabel;
class QPlainTextEdit;

namespace inkwell::merge {
class MergeSession;
}

namespace inkwell::ui {

// The body of a merge side by side: Mine | Result | Theirs, and Base as an extra pane on a
// toggle. Renders a MergeSession (it holds no merge state of its own): changed lines and words
// highlighted, the current hunk drawn stronger, the panes scrolled together hunk by hunk. The
// result pane is editable; edits are announced, the owner applies them to the session and
// calls refreshResult().
class MergePanes final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MergePanes)

public:
    explicit MergePanes(QWidget *parent = nullptr);

    // Shows session (which must outlive this widget or the next setSession()).
    void setSession(const merge::MergeSession *session);
    // Re-renders the result pane after a change of choices, keeping its caret and scrolling.
    void refreshResult();
    // Re-colours every pane (after choices changed the state of hunks).
    void refreshHighlights();

    void setBaseVisible(bool visible);
    bool isBaseVisible() const;

    qsizetype currentHunk() const { return m_current; }
    // Makes hunk current and scrolls every pane to it.
    void setCurrentHunk(qsizetype hunk);

    QPlainTextEdit *pane(MergeSide side) const { return m_panes.at(std::size_t(side)); }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

Q_SIGNALS:
    // The writer edited the result pane; text is its whole content.
    void resultEdited(const QString &text);
    // The caret moved into another hunk (by clicking or moving in a pane).
    void currentHunkChanged(qsizetype hunk);

private:
    void render(MergeSide side);
    void highlight(MergeSide side);
    void updateWords(MergeSide side);
    void syncScrolling(MergeSide from);
    void onCursorMoved(MergeSide side);
    qsizetype hunkAtLine(MergeSide side, qsizetype line) const;
    void scrollTo(MergeSide side, qsizetype line);

    const merge::MergeSession *m_session = nullptr;
    std::array<QPlainTextEdit *, 4> m_panes{};
    std::array<QLabel *, 4> m_titles{};
    std::array<QList<PaneRange>, 4> m_ranges;
    // Changed words per side and hunk; the result's are recomputed only for hunks whose lines
    // changed (m_resultLines), so typing in a long result stays fast.
    std::array<QList<QList<merge::TextSpan>>, 4> m_words;
    QList<std::optional<QStringList>> m_resultLines;
    qsizetype m_current = -1;
    bool m_rendering = false;
    bool m_syncing = false;
};

} // namespace inkwell::ui
