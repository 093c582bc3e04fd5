#ifndef LOUPE_SEARCH_H
#define LOUPE_SEARCH_H

#include <stddef.h>
#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// The first occurrence of `needle` in `haystack`, or NULL. `rare1` and `rare2` are two
/// distinct offsets into the needle whose bytes are rare in the input: candidates are the
/// positions where both bytes sit at the right distance (16 positions per step with SSE2),
/// confirmed with memcmp; 64 positions per step where the CPU has AVX2. Without SSE2 it is
/// glibc's memmem.
const uint8_t *loupe_find(const uint8_t *haystack, size_t haystack_length,
                          const uint8_t *needle, size_t needle_length,
                          size_t rare1, size_t rare2);

#if defined(__x86_64__)
/// 1 when this CPU runs AVX2 code: the one test of it, for the kernels and for tests.
int loupe_has_avx2(void);

/// The two kernels `loupe_find` picks from by the CPU (AVX2: 64 candidate starts a step; SSE2:
/// 16), both exported so that tests compare each with a plain search on any machine that runs
/// them.
const uint8_t *loupe_find_sse2(const uint8_t *haystack, size_t haystack_length,
                               const uint8_t *needle, size_t needle_length,
                               size_t rare1, size_t rare2);
const uint8_t *loupe_find_avx2(const uint8_t *haystack, size_t haystack_length,
                               const uint8_t *needle, size_t needle_length,
                               size_t rare1, size_t rare2);
#endif

/// How many bytes equal to `byte` lie in [start, start + length).
size_t loupe_count_byte(const uint8_t *start, size_t length, uint8_t byte);

/// One past the object or array that opens at `p` (`{` or `[`), found without validating:
/// brackets are counted outside strings and string bodies skipped (a backslash skips the byte
/// after it); NULL when the bytes end first. 64 bytes per step (AVX2 where the CPU has it,
/// else SSE2), where strings are found by the parity of the quotes before each byte.
const uint8_t *loupe_container_end(const uint8_t *p, const uint8_t *end);

/// The two kernels behind `loupe_container_end`, for the tests that compare them; the AVX2 one
/// runs only where `loupe_has_avx2()` says so.
const uint8_t *loupe_container_end_sse2(const uint8_t *p, const uint8_t *end);
const uint8_t *loupe_container_end_avx2(const uint8_t *p, const uint8_t *end);

/// The first byte at or after `p` (and before `end`) that ends a run of plain string bytes: '"',
/// '\\', a control byte or a non-ASCII byte; `end` when there is none. Inline so the JSON scanner
/// gets it without a call; 16 bytes per step with SSE2.
static inline const uint8_t *loupe_skip_plain(const uint8_t *p, const uint8_t *end) {
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i space = _mm_set1_epi8(0x20);
    while (end - p >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)p);
        // Signed compare: bytes >= 0x80 are negative, so "< 0x20" also catches non-ASCII.
        __m128i special = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, backslash)),
                                       _mm_cmplt_epi8(x, space));
        unsigned mask = (unsigned)_mm_movemask_epi8(special);
        if (mask) return p + __builtin_ctz(mask);
        p += 16;
    }
#endif
    while (p < end && *p != '"' && *p != '\\' && *p >= 0x20 && *p < 0x80) p++;
    return p;
}

/// The common object key: plain bytes up to a closing quote, optional blanks, then ':'.
/// `p` is just after the opening quote. Returns the byte after the ':' and sets `*quote` to the
/// closing quote; returns NULL for anything else (escapes, non-ASCII, a newline, a missing ':'),
/// which the full reader then handles (a newline is whitespace there only when the text is not
/// a line).
static inline const uint8_t *loupe_plain_key(const uint8_t *p, const uint8_t *end, const uint8_t **quote) {
    const uint8_t *q = loupe_skip_plain(p, end);
    if (q >= end || *q != '"') return NULL;
    *quote = q;
    q++;
    if (q < end && *q == ':') return q + 1;
    while (q < end && (*q == ' ' || *q == '\t' || *q == '\r')) q++;
    if (q >= end || *q != ':') return NULL;
    return q + 1;
}

#endif
