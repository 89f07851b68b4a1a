#pragma once

#include "merge/version.h"
#include "model/post.h"

#include <QRandomGenerator>
#include <QStringList>
#include <QTest>

Q_DECLARE_METATYPE(inkwell::merge::Version)

namespace inkwell::test {

inline const QString kCoverA(64, u'a');
inline const QString kCoverB(64, u'b');
inline const QString kCoverC(64, u'c');

// A draft version of a post that is not deleted.
inline merge::Version post(const QString &title, const QString &body, const QStringList &tags = {},
                           const QString &cover = kCoverA)
{
    return merge::Version{model::PostFields{title, body, tags, model::PublishState::Draft, cover},
                          false};
}

inline merge::Version deletedCopy(merge::Version version)
{
    version.deleted = true;
    return version;
}

// Up to seven short lines ("0" to "4"), for random merge inputs.
inline QStringList randomLines(QRandomGenerator &random)
{
    QStringList lines;
    for (int i = random.bounded(8); i > 0; --i)
        lines.append(QString::number(random.bounded(5)));
    return lines;
}

// Up to three random edits of the lines: a line inserted, removed or edited.
inline QStringList randomLineEdits(QRandomGenerator &random, QStringList lines)
{
    for (int i = random.bounded(4); i > 0; --i) {
        const qsizetype at = random.bounded(int(lines.size()) + 1);
        switch (random.bounded(3)) {
        case 0:
            lines.insert(at, QStringLiteral("new %1").arg(random.bounded(3)));
            break;
        case 1:
            if (at < lines.size())
                lines.removeAt(at);
            break;
        default:
            if (at < lines.size())
                lines[at] += QStringLiteral(" edited");
        }
    }
    return lines;
}

} // namespace inkwell::test
