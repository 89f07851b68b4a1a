#pragma once

#include "model/error.h"

#include <utility>
#include <variant>

namespace inkwell {

// The value of an operation that can fail, or the Error that says why it did not succeed.
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(const T &value) : m_state(value) { }
    Result(T &&value) : m_state(std::move(value)) { }
    Result(Error error) : m_state(std::move(error)) { }
    Result(ErrorCode code, QString message) : m_state(Error{code, std::move(message)}) { }

    bool hasValue() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return hasValue(); }

    const T &value() const & { return std::get<T>(m_state); }
    T &value() & { return std::get<T>(m_state); }
    T &&value() && { return std::get<T>(std::move(m_state)); }
    const T &operator*() const & { return value(); }
    T &operator*() & { return value(); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }

    const Error &error() const { return std::get<Error>(m_state); }

private:
    std::variant<T, Error> m_state;
};

// Success with no value, or an Error.
template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) { }
    Result(ErrorCode code, QString message) : m_error{code, std::move(message)} { }

    bool hasValue() const { return m_error.code == ErrorCode::None; }
    explicit operator bool() const { return hasValue(); }
    const Error &error() const { return m_error; }

private:
    Error m_error;
};

} // namespace inkwell
