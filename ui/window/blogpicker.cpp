#include "ui/window/blogpicker.h"

#include "account/blogchoice.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>

namespace inkwell::ui {

BlogPicker::BlogPicker(QWidget *parent) : QWidget(parent), m_combo(new QComboBox(this))
{
    setObjectName(QStringLiteral("blogPickerBox"));
    m_combo->setObjectName(QStringLiteral("blogPicker"));
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_combo->setMinimumContentsLength(12);
    m_combo->setToolTip(tr("The blog you are working in: the list shows its posts and new posts "
                           "go to it"));
    m_combo->setAccessibleName(tr("Blog"));
    auto *label = new QLabel(tr("&Blog:"), this);
    label->setBuddy(m_combo);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 0, 6, 0);
    layout->addWidget(label);
    layout->addWidget(m_combo);
    connect(m_combo, &QComboBox::activated, this, [this](int index) {
        if (m_choice && !m_choice->choose(m_combo->itemData(index).toLongLong()))
            showCurrent();
    });
}

BlogPicker::~BlogPicker() = default;

void BlogPicker::setChoice(account::BlogChoice *choice)
{
    if (m_choice)
        m_choice->disconnect(this);
    m_choice = choice;
    if (m_choice) {
        connect(m_choice, &account::BlogChoice::blogsChanged, this, &BlogPicker::rebuild);
        connect(m_choice, &account::BlogChoice::currentChanged, this, &BlogPicker::showCurrent);
    }
    rebuild();
}

void BlogPicker::rebuild()
{
    const QSignalBlocker blocker(m_combo);
    m_combo->clear();
    if (m_choice) {
        for (const protocol::BlogSummary &blog : m_choice->blogs())
            m_combo->addItem(blog.name, blog.id);
    }
    showCurrent();
}

void BlogPicker::showCurrent()
{
    const QSignalBlocker blocker(m_combo);
    m_combo->setCurrentIndex(m_choice ? m_choice->indexOf(m_choice->current()) : -1);
}

} // namespace inkwell::ui
