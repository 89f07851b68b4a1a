#pragma once

#include "model/post.h"
#include "store/localstore.h"
#include "store/postrepository.h"
#include "support/tempdir.h"

#include <QTest>

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

} // namespace inkwell::test
