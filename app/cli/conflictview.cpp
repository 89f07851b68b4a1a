#include "conflictview.h"

#include "model/post.h"
#include "store/conflictresolver.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonValue>

namespace inkwell::cli {

namespace {

using merge::FieldChoice;
using merge::HunkChoice;
using merge::MergeField;

QString tr(const char *text)
{
    return QCoreApplication::translate("inkwell-cli", text);
}

constexpr MergeField OrderedFields[] = {MergeField::Title, MergeField::State, MergeField::Cover,
                                        MergeField::Deletion};

// The stable name of a field in --pick, text and JSON.
QString fieldName(MergeField field)
{
    switch (field) {
    case MergeField::Title:
        return QStringLiteral("title");
    case MergeField::Tags:
        return QStringLiteral("tags");
    case MergeField::State:
        return QStringLiteral("state");
    case MergeField::Cover:
        return QStringLiteral("cover");
    case MergeField::Deletion:
        return QStringLiteral("deletion");
    }
    return {};
}

// A side's value of a field as JSON (deletion: whether that side deleted the post).
QJsonValue fieldValue(MergeField field, const merge::Version &version)
{
    switch (field) {
    case MergeField::Title:
        return version.fields.title;
    case MergeField::Tags:
        return QJsonArray::fromStringList(version.fields.tags);
    case MergeField::State:
        return model::publishStateName(version.fields.state);
    case MergeField::Cover:
        return version.fields.cover;
    case MergeField::Deletion:
        return version.deleted;
    }
    return {};
}

QString fieldText(MergeField field, const merge::Version &version)
{
    const QJsonValue value = fieldValue(field, version);
    if (field == MergeField::Deletion)
        return value.toBool() ? tr("deleted") : tr("kept (edited)");
    if (field == MergeField::Cover && value.toString().isEmpty())
        return tr("(no cover)");
    return value.toString();
}

QString deletionHeading(const merge::MergeSession &session)
{
    return session.mine().deleted ? tr("deletion: you deleted the post, they edited it")
                                  : tr("deletion: they deleted the post, you edited it");
}

void appendLines(QStringList *out, const QString &side, const QStringList &lines)
{
    out->append(QStringLiteral("    ") + side);
    for (const QString &line : lines)
        out->append(QStringLiteral("      | ") + line);
}

QString hunkHeading(const merge::MergeSession &session, qsizetype hunk)
{
    const merge::ResultRange range = session.resultRanges().at(hunk);
    if (range.lineCount == 0)
        return tr("body, at result line %1").arg(range.firstLine + 1);
    if (range.lineCount == 1)
        return tr("body, result line %1").arg(range.firstLine + 1);
    return tr("body, result lines %1-%2")
            .arg(range.firstLine + 1)
            .arg(range.firstLine + range.lineCount);
}

std::optional<HunkChoice> hunkChoice(const QString &name)
{
    if (name == QLatin1String("mine"))
        return HunkChoice::Mine;
    if (name == QLatin1String("theirs"))
        return HunkChoice::Theirs;
    if (name == QLatin1String("both"))
        return HunkChoice::MineThenTheirs;
    if (name == QLatin1String("both-theirs-first"))
        return HunkChoice::TheirsThenMine;
    if (name == QLatin1String("base"))
        return HunkChoice::Base;
    return std::nullopt;
}

std::optional<FieldChoice> fieldChoice(MergeField field, const QString &name)
{
    if (name == QLatin1String("mine"))
        return FieldChoice::Mine;
    if (name == QLatin1String("theirs"))
        return FieldChoice::Theirs;
    if (name == QLatin1String("base") && field != MergeField::Deletion)
        return FieldChoice::Base;
    return std::nullopt;
}

const OpenItem *findItem(const QList<OpenItem> &items, const QString &key)
{
    bool isNumber = false;
    const int number = key.toInt(&isNumber);
    for (const OpenItem &item : items) {
        if (isNumber ? item.number == number : item.field && fieldName(*item.field) == key)
            return &item;
    }
    return nullptr;
}

Result<void> pick(const OpenItem &item, const QString &choice, merge::MergeSession &session)
{
    if (item.field) {
        const auto chosen = fieldChoice(*item.field, choice);
        if (!chosen)
            return Error{ErrorCode::InvalidArgument,
                         tr("%1 cannot be \"%2\"").arg(fieldName(*item.field), choice)};
        session.chooseField(*item.field, *chosen);
        return {};
    }
    const auto chosen = hunkChoice(choice);
    if (!chosen)
        return Error{ErrorCode::InvalidArgument,
                     tr("%1 cannot be \"%2\"").arg(QString::number(item.number), choice)};
    session.chooseHunk(item.hunk, *chosen);
    return {};
}

} // namespace

QList<OpenItem> openItems(const merge::MergeSession &session)
{
    QList<OpenItem> items;
    for (MergeField field : OrderedFields) {
        if (session.isConflicting(field))
            items.append(OpenItem{int(items.size()) + 1, field, -1});
    }
    for (qsizetype i = 0; i < session.hunkCount(); ++i) {
        if (session.hunk(i).kind == merge::HunkKind::Conflict)
            items.append(OpenItem{int(items.size()) + 1, std::nullopt, i});
    }
    return items;
}

QStringList conflictText(const store::Conflict &conflict)
{
    const merge::MergeSession &session = conflict.session;
    const model::Revision &theirs = *conflict.post.theirs;
    const QList<OpenItem> items = openItems(session);
    QStringList out;
    out << tr("%1  %2").arg(conflict.post.guid, conflict.post.fields.title);
    out << tr("theirs: rev %1, changed by %2 at %3")
                    .arg(QString::number(conflict.theirsRev),
                         theirs.modifiedBy.isEmpty() ? tr("(unknown)") : theirs.modifiedBy,
                         theirs.modifiedAt.toUTC().toString(Qt::ISODate));
    out << tr("to decide: %1").arg(items.size());
    for (const OpenItem &item : items) {
        out << QString();
        if (item.field && *item.field == MergeField::Deletion) {
            out << QStringLiteral("[%1] ").arg(item.number) + deletionHeading(session);
        } else if (item.field) {
            out << QStringLiteral("[%1] ").arg(item.number) + fieldName(*item.field);
            out << QStringLiteral("    base:   ") + fieldText(*item.field, session.base());
        }
        if (item.field) {
            out << QStringLiteral("    mine:   ") + fieldText(*item.field, session.mine());
            out << QStringLiteral("    theirs: ") + fieldText(*item.field, session.theirs());
            continue;
        }
        const merge::BodyHunk &hunk = session.hunk(item.hunk);
        out << QStringLiteral("[%1] ").arg(item.number) + hunkHeading(session, item.hunk);
        appendLines(&out, tr("base:"), hunk.base);
        appendLines(&out, tr("mine:"), hunk.mine);
        appendLines(&out, tr("theirs:"), hunk.theirs);
    }
    return out;
}

QJsonObject conflictJson(const store::Conflict &conflict)
{
    const merge::MergeSession &session = conflict.session;
    const model::Revision &theirs = *conflict.post.theirs;
    QJsonArray items;
    for (const OpenItem &item : openItems(session)) {
        QJsonObject object{{QStringLiteral("number"), item.number}};
        if (item.field) {
            object.insert(QStringLiteral("type"), QStringLiteral("field"));
            object.insert(QStringLiteral("field"), fieldName(*item.field));
            object.insert(QStringLiteral("base"), fieldValue(*item.field, session.base()));
            object.insert(QStringLiteral("mine"), fieldValue(*item.field, session.mine()));
            object.insert(QStringLiteral("theirs"), fieldValue(*item.field, session.theirs()));
        } else {
            const merge::BodyHunk &hunk = session.hunk(item.hunk);
            const merge::ResultRange range = session.resultRanges().at(item.hunk);
            object.insert(QStringLiteral("type"), QStringLiteral("hunk"));
            object.insert(QStringLiteral("result_first_line"), qint64(range.firstLine) + 1);
            object.insert(QStringLiteral("result_line_count"), qint64(range.lineCount));
            object.insert(QStringLiteral("base"), QJsonArray::fromStringList(hunk.base));
            object.insert(QStringLiteral("mine"), QJsonArray::fromStringList(hunk.mine));
            object.insert(QStringLiteral("theirs"), QJsonArray::fromStringList(hunk.theirs));
        }
        items.append(object);
    }
    return QJsonObject{
            {QStringLiteral("guid"), conflict.post.guid},
            {QStringLiteral("title"), conflict.post.fields.title},
            {QStringLiteral("deleted"), conflict.post.deleted},
            {QStringLiteral("theirs_rev"), conflict.theirsRev},
            {QStringLiteral("theirs_deleted"), theirs.deleted},
            {QStringLiteral("theirs_modified_by"), theirs.modifiedBy},
            {QStringLiteral("theirs_modified_at"), theirs.modifiedAt.toUTC().toString(Qt::ISODate)},
            {QStringLiteral("items"), items},
    };
}

Result<merge::Version> resolveWithPicks(const QString &picks, merge::MergeSession &session)
{
    const QList<OpenItem> items = openItems(session);
    for (const QString &entry : picks.split(u',', Qt::SkipEmptyParts)) {
        const qsizetype equals = entry.indexOf(u'=');
        const QString key = entry.left(equals).trimmed();
        const OpenItem *item = equals > 0 ? findItem(items, key) : nullptr;
        if (!item)
            return Error{ErrorCode::InvalidArgument,
                         tr("\"%1\" names no item of `conflicts show`").arg(entry)};
        if (auto picked = pick(*item, entry.mid(equals + 1).trimmed(), session); !picked)
            return picked.error();
    }
    QStringList missing;
    for (const OpenItem &item : items) {
        const bool open = item.field ? session.fieldChoice(*item.field) == FieldChoice::Open
                                     : session.hunkChoice(item.hunk) == HunkChoice::Open;
        if (open)
            missing.append(
                    item.field
                            ? QStringLiteral("%1 (%2)").arg(item.number).arg(fieldName(*item.field))
                            : QString::number(item.number));
    }
    if (!missing.isEmpty())
        return Error{ErrorCode::InvalidArgument,
                     tr("not picked: %1").arg(missing.join(QStringLiteral(", ")))};
    return session.resolved();
}

} // namespace inkwell::cli
