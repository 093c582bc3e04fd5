#ifndef LOUPE_SEARCH_H
#define LOUPE_SEARCH_H

#include <stddef.h>
#include <stdint.h>

/// The first occurrence of `needle` in `haystack`, or NULL. `rare1` and `rare2` are two
/// distinct offsets into the needle whose bytes are rare in the input: candidates are the
/// positions where both bytes sit at the right distance (16 positions per step with SSE2),
/// confirmed with memcmp. Without SSE2 it is glibc's memmem.
const uint8_t *loupe_find(const uint8_t *haystack, size_t haystack_length,
                          const uint8_t *needle, size_t needle_length,
                          size_t rare1, size_t rare2);

/// How many bytes equal to `byte` lie in [start, start + length).
size_t loupe_count_byte(const uint8_t *start, size_t length, uint8_t byte);

#endif
