#pragma once

#include "merge/mergesession.h"
#include "model/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace inkwell::store {
struct Conflict;
}

namespace inkwell::cli {

// One decision a conflict needs, numbered from 1 as `conflicts show` prints it: the conflicting
// fields first (title, state, cover, deletion), then the conflicting body hunks in body order.
struct OpenItem
{
    int number = 0;
    std::optional<merge::MergeField> field;
    qsizetype hunk = -1; // index into MergeSession::hunk() for a body hunk
};

QList<OpenItem> openItems(const merge::MergeSession &session);

// `conflicts show`: the conflict as text lines, and as JSON (shape documented in docs/cli.md).
QStringList conflictText(const store::Conflict &conflict);
QJsonObject conflictJson(const store::Conflict &conflict);

// Applies `--pick` ("1=mine,2=theirs,title=base,..."; keys are item numbers or field names,
// choices mine, theirs, both, both-theirs-first, base) to session and returns the result.
// InvalidArgument naming a bad key or choice, or every item left unpicked.
Result<merge::Version> resolveWithPicks(const QString &picks, merge::MergeSession &session);

} // namespace inkwell::cli
