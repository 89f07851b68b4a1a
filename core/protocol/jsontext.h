#pragma once

#include "model/error.h"

#include <QByteArray>

// Internal to the protocol library: the checks of a JSON text that QJsonDocument::fromJson does
// not make (it keeps the last of duplicate keys and replaces invalid UTF-8 without a word).
namespace inkwell::protocol::detail {

// One linear pass over the text: objects and arrays nested at most maxDepth levels, strings of
// valid UTF-8 (no overlong forms, surrogates or code points past U+10FFFF) and no key twice in
// one object (compared after unescaping). On failure sets *error to Malformed naming the problem
// and its byte offset, and returns false. Syntax errors are left to the parser that follows.
bool checkJsonText(const QByteArray &json, int maxDepth, Error *error);

} // namespace inkwell::protocol::detail
