#ifndef LOUPE_SIGNALS_H
#define LOUPE_SIGNALS_H

#include <stddef.h>

/// Notes that [base, base + length) maps the file `name`, so that a read past the file's end
/// (another program cut the file while loupe reads it: SIGBUS) is reported with its name.
void loupe_mapping_register(const void *base, size_t length, const char *name);

/// Forgets the mapping at `base` (it is being unmapped).
void loupe_mapping_unregister(const void *base);

/// Installs the SIGBUS handler: it names the file whose mapping faulted, says it changed while
/// it was read, and exits with status 2; a fault outside every mapped input takes the default
/// action. Installed once, at start.
void loupe_install_sigbus_handler(void);

#endif
