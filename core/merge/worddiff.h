#pragma once

#include <QList>
#include <QString>

namespace inkwell::merge {

// A run of characters [start, start + length) of one line.
struct TextSpan
{
    qsizetype start = 0;
    qsizetype length = 0;

    friend bool operator==(const TextSpan &, const TextSpan &) = default;
};

// The word-level differences between two versions of a line (or of a few lines joined by '\n'):
// the spans of `from` that `to` does not have, and the spans of `to` that `from` does not have.
// Words are runs of letters and digits; every other character is a word of its own, so a
// changed comma is one span. Pure and deterministic.
struct WordDiff
{
    QList<TextSpan> removed; // in from
    QList<TextSpan> added; // in to

    friend bool operator==(const WordDiff &, const WordDiff &) = default;
};

WordDiff diffWords(const QString &from, const QString &to);

} // namespace inkwell::merge
