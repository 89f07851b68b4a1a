#include "editledger.h"

#include <algorithm>

namespace inkwell::test {

namespace {

QString slotName(EditLedger::Slot slot)
{
    switch (slot) {
    case EditLedger::Slot::Line:
        return QStringLiteral("line");
    case EditLedger::Slot::Title:
        return QStringLiteral("title");
    case EditLedger::Slot::Tag:
        return QStringLiteral("tag");
    }
    return QString();
}

} // namespace

bool EditLedger::holds(const model::PostFields &fields, Slot slot, const QString &value)
{
    switch (slot) {
    case Slot::Line:
        return fields.body.split(u'\n').contains(value);
    case Slot::Title:
        return fields.title == value;
    case Slot::Tag:
        return fields.tags.contains(value);
    }
    return false;
}

void EditLedger::record(const QString &guid, Slot slot, const QString &value, const QString &origin)
{
    m_writes.append({guid, slot, value, origin, false, QString()});
}

void EditLedger::supersede(const QString &guid, Slot slot, const QString &previous,
                           const QString &by)
{
    for (Write &write : m_writes) {
        if (write.guid == guid && write.slot == slot && write.value == previous
            && write.dropped.isEmpty())
            write.dropped = QStringLiteral("replaced by ") + by;
    }
}

void EditLedger::observe(const QString &guid, const model::PostFields &server)
{
    for (Write &write : m_writes) {
        if (!write.acknowledged && write.guid == guid && holds(server, write.slot, write.value))
            write.acknowledged = true;
    }
}

void EditLedger::resolved(const QString &guid, const model::PostFields &mine,
                          const model::PostFields &theirs, const model::PostFields &result,
                          const QString &choice, const model::Post *copy)
{
    for (Write &write : m_writes) {
        if (write.guid != guid || !write.dropped.isEmpty())
            continue;
        const bool inMine = holds(mine, write.slot, write.value);
        const bool inTheirs = holds(theirs, write.slot, write.value);
        if ((!inMine && !inTheirs) || holds(result, write.slot, write.value))
            continue;
        if (copy && inMine && holds(copy->fields, write.slot, write.value))
            write.guid = copy->guid; // kept in the new post
        else
            write.dropped = QStringLiteral("discarded by ") + choice;
    }
}

QString EditLedger::lost(const QHash<QString, model::Revision> &server,
                         const QSet<QString> &deleted) const
{
    for (const Write &write : m_writes) {
        if (!write.acknowledged || !write.dropped.isEmpty())
            continue;
        const auto revision = server.constFind(write.guid);
        if (revision == server.cend()) {
            if (deleted.contains(write.guid))
                continue; // deleted before it ever reached the server
            return QStringLiteral("post %1 of acknowledged %2 '%3' (%4) is not on the server")
                    .arg(write.guid, slotName(write.slot), write.value, write.origin);
        }
        if (revision->deleted)
            continue;
        if (!holds(revision->fields, write.slot, write.value)) {
            return QStringLiteral("post %1 lost acknowledged %2 '%3' (%4); title '%5', body:\n%6")
                    .arg(write.guid, slotName(write.slot), write.value, write.origin,
                         revision->fields.title, revision->fields.body);
        }
    }
    return QString();
}

qsizetype EditLedger::acknowledgedCount() const
{
    return std::count_if(m_writes.cbegin(), m_writes.cend(),
                         [](const Write &write) { return write.acknowledged; });
}

qsizetype EditLedger::droppedCount() const
{
    return std::count_if(m_writes.cbegin(), m_writes.cend(),
                         [](const Write &write) { return !write.dropped.isEmpty(); });
}

} // namespace inkwell::test
