#pragma once

#include "model/error.h"
#include "protocol/limits.h"

#include <QByteArray>

// Internal to the protocol library: the check of a JSON text that the parser
// (model::parseJsonObject()) does not make: it keeps duplicate keys without a word. Invalid UTF-8
// needs none: the parser refuses it, overlong forms and surrogates included.
namespace inkwell::protocol::detail {

// One linear pass over the text: at most limits.maxValuesPerDocument values (the parse's memory
// grows with them), objects and arrays nested at most limits.maxDepth levels, objects of at most
// limits.maxKeysPerObject keys, and no key twice in one object (compared after unescaping). On
// failure sets *error to Malformed naming the problem (and its byte offset where there is one),
// and returns false. Syntax errors are left to the parser after it.
bool checkJsonText(const QByteArray &json, const Limits &limits, Error *error);

} // namespace inkwell::protocol::detail
