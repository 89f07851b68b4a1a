#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace inkwell::history {
class RevisionDiff;
}

namespace inkwell::ui {

// Renders a history::RevisionDiff: the changed fields as a small table, the body as a unified
// diff ("−" lines only in the older version, "+" lines only in the newer one) with the changed
// words tinted stronger, and a legend. Read-only; the tints are mixed into the palette's base
// colour, so they read in light and dark themes.
class HistoryDiffView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryDiffView)

public:
    explicit HistoryDiffView(QWidget *parent = nullptr);

    // Shows diff; fromName and toName name the two versions (e.g. "Revision 12", "Current text")
    // in the field table's heads and the legend.
    void setDiff(const history::RevisionDiff &diff, const QString &fromName, const QString &toName);

    QPlainTextEdit *textView() const { return m_text; }
    QLabel *fieldsLabel() const { return m_fields; }

private:
    QLabel *m_fields;
    QPlainTextEdit *m_text;
    QLabel *m_legend;
};

} // namespace inkwell::ui
