#pragma once

#include "model/post.h"
#include "store/localstore.h"
#include "store/postrepository.h"
#include "support/tempdir.h"

#include <QApplication>
#include <QMessageBox>
#include <QObject>
#include <QPushButton>
#include <QStringList>
#include <QTest>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>

#include <memory>

namespace inkwell::test {

// A fresh local store in a temporary folder for one UI test.
struct StoreFixture
{
    TempDir dir;
    std::unique_ptr<store::LocalStore> store;

    StoreFixture()
        : store(std::make_unique<store::LocalStore>(dir.filePath(QStringLiteral("t.sqlite"))))
    {
        const Result<void> opened = store->open();
        if (!opened)
            qFatal("store did not open: %s", qPrintable(opened.error().message));
    }

    model::Post create(const QString &title, const QString &body = {},
                       model::PublishState state = model::PublishState::Draft,
                       const QString &blog = QStringLiteral("1"))
    {
        model::PostFields fields;
        fields.title = title;
        fields.body = body;
        fields.state = state;
        auto post = store->posts().create(blog, fields);
        if (!post)
            qFatal("create failed: %s", qPrintable(post.error().message));
        return *post;
    }
};

// Without a keychain the editor asks where to keep the token: from now on, every 50 ms, clicks the
// buttons with one of buttonTexts (such as "Do Not Keep") in every visible message box, so a test
// never waits on a dialog. The timer lives as long as owner.
inline void answerMessageBoxes(QObject *owner, const QStringList &buttonTexts)
{
    auto *answer = new QTimer(owner);
    QObject::connect(answer, &QTimer::timeout, owner, [buttonTexts] {
        const auto windows = QApplication::topLevelWidgets();
        for (QWidget *widget : windows) {
            auto *box = qobject_cast<QMessageBox *>(widget);
            if (!box || !box->isVisible())
                continue;
            const auto buttons = box->findChildren<QPushButton *>();
            for (QPushButton *button : buttons) {
                if (buttonTexts.contains(button->text()))
                    button->click();
            }
        }
    });
    answer->start(50);
}

// The button that shows action in one of window's tool bars.
inline QToolButton *toolBarButton(QWidget *window, QAction *action)
{
    const auto bars = window->findChildren<QToolBar *>();
    for (QToolBar *bar : bars) {
        if (auto *button = qobject_cast<QToolButton *>(bar->widgetForAction(action)))
            return button;
    }
    return nullptr;
}

// The tool button that shows action inside parent.
inline QToolButton *buttonFor(QWidget *parent, QAction *action)
{
    const auto buttons = parent->findChildren<QToolButton *>();
    for (QToolButton *button : buttons) {
        if (button->defaultAction() == action)
            return button;
    }
    return nullptr;
}

} // namespace inkwell::test
