#pragma once

#include "model/error.h"

#include <QString>

#include <utility>
#include <variant>

namespace inkwell::history {

// Why the history of a post could not be read, as a writer needs to tell the cases apart.
enum class HistoryProblem {
    Offline, // the server could not be reached (network, timeout, overloaded)
    SignedOut, // no account, or the server refused the token
    Unsupported, // the server keeps no history (an older server)
    NotFound, // the server has no such post or revision in a blog of this account
    Failed, // anything else (a malformed answer, a server fault)
};

// A failed history request: what it means for the writer and the error behind it (for logs).
struct HistoryFailure
{
    HistoryProblem problem = HistoryProblem::Failed;
    Error error;

    friend bool operator==(const HistoryFailure &, const HistoryFailure &) = default;
};

// The sentence shown to a writer for a failure, translated.
QString historyFailureText(const HistoryFailure &failure);

// The value of a history request, or the failure that says why there is none.
template<typename T>
class [[nodiscard]] HistoryResult
{
public:
    HistoryResult(T value) : m_state(std::move(value)) { }
    HistoryResult(HistoryFailure failure) : m_state(std::move(failure)) { }

    bool hasValue() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return hasValue(); }
    const T &value() const { return std::get<T>(m_state); }
    const T &operator*() const { return value(); }
    const T *operator->() const { return &value(); }
    const HistoryFailure &failure() const { return std::get<HistoryFailure>(m_state); }

private:
    std::variant<T, HistoryFailure> m_state;
};

} // namespace inkwell::history
