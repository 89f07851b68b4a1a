// The one source of the inkwell_pch target, which owns the shared precompiled header.
