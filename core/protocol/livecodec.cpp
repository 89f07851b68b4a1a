// Encoding and decoding of live updates and presence (live.h).
#include "protocol/live.h"
