#include "net/backoff.h"

#include <algorithm>

namespace inkwell::net {

Backoff::Backoff(std::chrono::milliseconds initial, std::chrono::milliseconds maximum)
    : m_initial(std::max(initial, std::chrono::milliseconds(1))),
      m_maximum(std::max(maximum, m_initial)), m_current(m_initial)
{ }

std::chrono::milliseconds Backoff::next()
{
    const std::chrono::milliseconds interval = m_current;
    m_current = std::min(m_current * 2, m_maximum);
    return interval;
}

} // namespace inkwell::net
