#pragma once

#include <chrono>

namespace inkwell::net {

// Exponential backoff: initial, 2x, 4x, ... capped at maximum; reset() starts over.
class Backoff
{
public:
    Backoff(std::chrono::milliseconds initial = std::chrono::seconds(1),
            std::chrono::milliseconds maximum = std::chrono::seconds(60));

    // The interval to wait now; the following call returns the next one.
    std::chrono::milliseconds next();
    // The interval next() would return, without advancing.
    std::chrono::milliseconds peek() const { return m_current; }
    void reset() { m_current = m_initial; }

    std::chrono::milliseconds initial() const { return m_initial; }
    std::chrono::milliseconds maximum() const { return m_maximum; }

private:
    std::chrono::milliseconds m_initial;
    std::chrono::milliseconds m_maximum;
    std::chrono::milliseconds m_current;
};

} // namespace inkwell::net
