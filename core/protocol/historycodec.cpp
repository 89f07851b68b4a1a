// Encoding and decoding of post history (history.h).
#include "protocol/history.h"
