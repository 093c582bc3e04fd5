// A file cut short while loupe reads its mapping raises SIGBUS on the first page past the new
// end. Nothing can be read there any more, so the run cannot go on; what it can do is say which
// file changed and exit with loupe's error status, instead of dying with "Bus error". The
// handler touches only this fixed table and calls only write(2) and _exit(2), which are
// async-signal-safe.

#include "loupe_signals.h"

#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#define SLOTS 256
#define NAME_BYTES 512

struct mapping {
    // 0 while free; the base address while the slot describes a mapping. The name and length
    // are written before `base` is published (release) and read after it is seen (acquire).
    _Atomic uintptr_t base;
    size_t length;
    char name[NAME_BYTES];
};

static struct mapping mappings[SLOTS];

void loupe_mapping_register(const void *base, size_t length, const char *name) {
    for (int i = 0; i < SLOTS; i++) {
        uintptr_t expected = 0;
        // Claim the slot with a sentinel, fill it, then publish the real base.
        if (atomic_compare_exchange_strong(&mappings[i].base, &expected, (uintptr_t)1)) {
            mappings[i].length = length;
            size_t n = 0;
            // Control bytes in a name would act on the terminal: shown as '?'.
            for (; name[n] != 0 && n + 1 < NAME_BYTES; n++) {
                unsigned char c = (unsigned char)name[n];
                mappings[i].name[n] = (c < 0x20 || c == 0x7F) ? '?' : (char)c;
            }
            mappings[i].name[n] = 0;
            atomic_store_explicit(&mappings[i].base, (uintptr_t)base, memory_order_release);
            return;
        }
    }
    // More files mapped at once than slots: a fault there takes the default action.
}

void loupe_mapping_unregister(const void *base) {
    for (int i = 0; i < SLOTS; i++) {
        if (atomic_load_explicit(&mappings[i].base, memory_order_acquire) == (uintptr_t)base) {
            atomic_store_explicit(&mappings[i].base, 0, memory_order_release);
            return;
        }
    }
}

static void say(const char *text) {
    size_t n = strlen(text);
    while (n > 0) {
        ssize_t w = write(2, text, n);
        if (w <= 0) return;
        text += w;
        n -= (size_t)w;
    }
}

static void on_sigbus(int number, siginfo_t *info, void *context) {
    (void)number;
    (void)context;
    uintptr_t address = (uintptr_t)info->si_addr;
    const char *name = NULL;
    for (int i = 0; i < SLOTS; i++) {
        uintptr_t base = atomic_load_explicit(&mappings[i].base, memory_order_acquire);
        if (base > 1 && address >= base && address - base < mappings[i].length) {
            name = mappings[i].name;
            break;
        }
    }
    if (!name) {
        // Not a read past the end of a mapped input: the default action, as if unhandled.
        signal(SIGBUS, SIG_DFL);
        raise(SIGBUS);
        return;
    }
    say("loupe: ");
    say(name);
    say(": the file got shorter while loupe read it (truncated or rewritten by another program); "
        "read it again once it is complete\n");
    _exit(2);
}

void loupe_install_sigbus_handler(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_sigbus;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    sigaction(SIGBUS, &action, NULL);
}
