// A C kernel because Swift 6.3's SIMD16 comparisons compile to per-lane loops here (measured);
// everything around it stays in Swift.
#define _GNU_SOURCE
#include "loupe_search.h"
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>

/// The candidate starts from `p` to `last`, one at a time: the tail of the vector kernels.
static const uint8_t *loupe_find_from(const uint8_t *haystack, size_t p, size_t last, const uint8_t *needle,
                                      size_t needle_length, size_t rare1, size_t rare2) {
    for (; p <= last; p++) {
        if (haystack[p + rare1] == needle[rare1] && haystack[p + rare2] == needle[rare2] &&
            memcmp(haystack + p, needle, needle_length) == 0)
            return haystack + p;
    }
    return NULL;
}

#if defined(__x86_64__)
#include <immintrin.h>

int loupe_has_avx2(void) { return __builtin_cpu_supports("avx2"); }

/// `loupe_find` 64 candidate starts a step: the prefilter's search runs over every byte of the
/// input, and at 16 a step it took half of `level == "error"`'s time on a 1 GB log.
__attribute__((target("avx2"))) const uint8_t *loupe_find_avx2(const uint8_t *haystack, size_t haystack_length,
                                                             const uint8_t *needle, size_t needle_length,
                                                             size_t rare1, size_t rare2) {
    if (needle_length == 0) return haystack;
    if (haystack_length < needle_length) return NULL;
    const __m256i v1 = _mm256_set1_epi8((char)needle[rare1]);
    const __m256i v2 = _mm256_set1_epi8((char)needle[rare2]);
    const size_t last = haystack_length - needle_length;
    size_t p = 0;
    // The loads read up to p + 63 + max(rare1, rare2) <= last + needle_length - 1: inside.
    while (p + 64 <= last + 1) {
        const uint8_t *q = haystack + p;
        __m256i m0 = _mm256_and_si256(_mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(q + rare1)), v1),
                                      _mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(q + rare2)), v2));
        __m256i m1 = _mm256_and_si256(_mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(q + 32 + rare1)), v1),
                                      _mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(q + 32 + rare2)), v2));
        if (!_mm256_testz_si256(_mm256_or_si256(m0, m1), _mm256_or_si256(m0, m1))) {
            uint64_t mask = (uint64_t)(uint32_t)_mm256_movemask_epi8(m0) | ((uint64_t)(uint32_t)_mm256_movemask_epi8(m1) << 32);
            while (mask) {
                unsigned bit = (unsigned)__builtin_ctzll(mask);
                if (memcmp(q + bit, needle, needle_length) == 0) return q + bit;
                mask &= mask - 1;
            }
        }
        p += 64;
    }
    return loupe_find_from(haystack, p, last, needle, needle_length, rare1, rare2);
}
#endif

const uint8_t *loupe_find(const uint8_t *haystack, size_t haystack_length,
                          const uint8_t *needle, size_t needle_length,
                          size_t rare1, size_t rare2) {
    if (needle_length == 0) return haystack;
    if (haystack_length < needle_length) return NULL;
    if (needle_length == 1) return memchr(haystack, needle[0], haystack_length);
#if defined(__x86_64__)
    if (loupe_has_avx2()) return loupe_find_avx2(haystack, haystack_length, needle, needle_length, rare1, rare2);
#endif
    return loupe_find_sse2(haystack, haystack_length, needle, needle_length, rare1, rare2);
}

const uint8_t *loupe_find_sse2(const uint8_t *haystack, size_t haystack_length,
                               const uint8_t *needle, size_t needle_length,
                               size_t rare1, size_t rare2) {
    if (needle_length == 0) return haystack;
    if (haystack_length < needle_length) return NULL;
    const __m128i v1 = _mm_set1_epi8((char)needle[rare1]);
    const __m128i v2 = _mm_set1_epi8((char)needle[rare2]);
    // Candidate starts are p in [0, last]; the two probes are at p + rare1 and p + rare2.
    const size_t last = haystack_length - needle_length;
    size_t p = 0;
    while (p + 16 <= last + 1) {
        __m128i a = _mm_loadu_si128((const __m128i *)(haystack + p + rare1));
        __m128i b = _mm_loadu_si128((const __m128i *)(haystack + p + rare2));
        unsigned mask = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, v1), _mm_cmpeq_epi8(b, v2)));
        while (mask) {
            unsigned bit = (unsigned)__builtin_ctz(mask);
            if (memcmp(haystack + p + bit, needle, needle_length) == 0) return haystack + p + bit;
            mask &= mask - 1;
        }
        p += 16;
    }
    return loupe_find_from(haystack, p, last, needle, needle_length, rare1, rare2);
}

size_t loupe_count_byte(const uint8_t *start, size_t length, uint8_t byte) {
    const __m128i v = _mm_set1_epi8((char)byte);
    const __m128i zero = _mm_setzero_si128();
    size_t count = 0, i = 0;
    // Matches are -1 bytes: subtracting them counts per lane, at most 255 blocks before the
    // lanes are summed (SSE2 has no popcount instruction, and the C fallback is slow).
    while (i + 16 <= length) {
        size_t blocks = (length - i) / 16;
        if (blocks > 255) blocks = 255;
        __m128i lanes = zero;
        for (size_t b = 0; b < blocks; b++, i += 16) {
            __m128i x = _mm_loadu_si128((const __m128i *)(start + i));
            lanes = _mm_sub_epi8(lanes, _mm_cmpeq_epi8(x, v));
        }
        __m128i sums = _mm_sad_epu8(lanes, zero);
        count += (size_t)_mm_cvtsi128_si32(sums) + (size_t)_mm_extract_epi16(sums, 4);
    }
    for (; i < length; i++) count += start[i] == byte;
    return count;
}

#else

const uint8_t *loupe_find(const uint8_t *haystack, size_t haystack_length,
                          const uint8_t *needle, size_t needle_length,
                          size_t rare1, size_t rare2) {
    (void)rare1;
    (void)rare2;
    return memmem(haystack, haystack_length, needle, needle_length);
}

size_t loupe_count_byte(const uint8_t *start, size_t length, uint8_t byte) {
    size_t count = 0;
    for (size_t i = 0; i < length; i++) count += start[i] == byte;
    return count;
}

#endif

/// The state of `loupe_container_end` over one byte that matters; returns 1 when the
/// container closed at it.
static inline int loupe_container_step(uint8_t c, int *in_string, size_t *depth) {
    if (*in_string) {
        if (c == '"') *in_string = 0;
        return 0;
    }
    switch (c) {
    case '"': *in_string = 1; return 0;
    case '{': case '[': (*depth)++; return 0;
    case '}': case ']': return --(*depth) == 0;
    default: return 0;
    }
}

/// Bit i set when an odd number of bits of `x` are set at or below i: over a quote mask, the
/// bytes inside strings (the opening quote included, the closing one not).
static inline uint64_t loupe_prefix_xor(uint64_t x) {
    x ^= x << 1;
    x ^= x << 2;
    x ^= x << 4;
    x ^= x << 8;
    x ^= x << 16;
    x ^= x << 32;
    return x;
}

/// `loupe_container_end` byte by byte from `*q` to `stop` (a backslash may carry `*q` one byte
/// past it); the end, or NULL with `*q` moved on.
static inline const uint8_t *loupe_container_bytes(const uint8_t **q, const uint8_t *stop, int *in_string, size_t *depth) {
    while (*q < stop) {
        uint8_t c = **q;
        if (c == '\\' && *in_string) {
            *q += 2;
            continue;
        }
        if (loupe_container_step(c, in_string, depth)) return *q + 1;
        (*q)++;
    }
    return NULL;
}

/// One 64-byte step of `loupe_container_end` without backslashes, from its masks (bit i for
/// byte i): the offset one past the closing bracket, or -1 with the state moved on. Strings
/// are told apart by the parity of the quotes before each byte, and the brackets are only
/// walked one by one in a step where the depth could reach zero.
static inline long loupe_container_masks(uint64_t quotes, uint64_t opens, uint64_t closes, int *in_string, size_t *depth) {
    uint64_t inside = loupe_prefix_xor(quotes) ^ (*in_string ? ~(uint64_t)0 : 0);
    opens &= ~inside;
    closes &= ~inside;
    size_t closing = (size_t)__builtin_popcountll(closes);
    if (*depth > closing) {
        *depth = *depth + (size_t)__builtin_popcountll(opens) - closing;
    } else {
        uint64_t brackets = opens | closes;
        while (brackets) {
            unsigned i = (unsigned)__builtin_ctzll(brackets);
            brackets &= brackets - 1;
            if ((opens >> i) & 1) {
                (*depth)++;
            } else if (--(*depth) == 0) {
                return (long)i + 1;
            }
        }
    }
    *in_string = (int)(inside >> 63);
    return -1;
}

#if defined(__SSE2__)
const uint8_t *loupe_container_end_sse2(const uint8_t *p, const uint8_t *end) {
    size_t depth = 0;
    int in_string = 0;
    const uint8_t *q = p;
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i lower = _mm_set1_epi8(0x20);
    const __m128i open = _mm_set1_epi8('{');   // and '[', which | 0x20 makes '{'
    const __m128i close = _mm_set1_epi8('}');  // and ']'
    while (end - q >= 64) {
        uint64_t quotes = 0, backslashes = 0, opens = 0, closes = 0;
        for (int k = 0; k < 4; k++) {
            __m128i x = _mm_loadu_si128((const __m128i *)(q + 16 * k));
            __m128i folded = _mm_or_si128(x, lower);
            quotes |= (uint64_t)(uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x, quote)) << (16 * k);
            backslashes |= (uint64_t)(uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x, backslash)) << (16 * k);
            opens |= (uint64_t)(uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(folded, open)) << (16 * k);
            closes |= (uint64_t)(uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(folded, close)) << (16 * k);
        }
        if (backslashes != 0) {
            // In a string a backslash escapes the next byte, which may lie past the step.
            const uint8_t *found = loupe_container_bytes(&q, q + 64, &in_string, &depth);
            if (found) return found;
            continue;
        }
        long at = loupe_container_masks(quotes, opens, closes, &in_string, &depth);
        if (at >= 0) return q + at;
        q += 64;
    }
    return loupe_container_bytes(&q, end, &in_string, &depth);
}
#endif

#if defined(__x86_64__)
/// Bit i set where byte i of the 64 bytes in `a` then `b` equals each byte of `v`.
#define LOUPE_MASK64(a, b, v)                                                \
    ((uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(a, v)) |     \
     ((uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(b, v)) << 32))

/// `loupe_container_end_sse2` with its masks made 32 bytes at a time, and its bits counted by
/// the CPU: the splitter that cuts a trace export for the workers scans every byte of it on
/// one thread.
__attribute__((target("avx2,popcnt,bmi"))) const uint8_t *loupe_container_end_avx2(const uint8_t *p, const uint8_t *end) {
    size_t depth = 0;
    int in_string = 0;
    const uint8_t *q = p;
    const __m256i quote = _mm256_set1_epi8('"');
    const __m256i backslash = _mm256_set1_epi8('\\');
    const __m256i lower = _mm256_set1_epi8(0x20);
    const __m256i open = _mm256_set1_epi8('{');
    const __m256i close = _mm256_set1_epi8('}');
    while (end - q >= 64) {
        __m256i x0 = _mm256_loadu_si256((const __m256i *)q);
        __m256i x1 = _mm256_loadu_si256((const __m256i *)(q + 32));
        __m256i f0 = _mm256_or_si256(x0, lower);
        __m256i f1 = _mm256_or_si256(x1, lower);
        if (LOUPE_MASK64(x0, x1, backslash) != 0) {
            const uint8_t *found = loupe_container_bytes(&q, q + 64, &in_string, &depth);
            if (found) return found;
            continue;
        }
        long at = loupe_container_masks(LOUPE_MASK64(x0, x1, quote), LOUPE_MASK64(f0, f1, open), LOUPE_MASK64(f0, f1, close),
                                        &in_string, &depth);
        if (at >= 0) return q + at;
        q += 64;
    }
    return loupe_container_bytes(&q, end, &in_string, &depth);
}
#undef LOUPE_MASK64
#endif

const uint8_t *loupe_container_end(const uint8_t *p, const uint8_t *end) {
#if defined(__x86_64__)
    if (loupe_has_avx2() && __builtin_cpu_supports("popcnt") && __builtin_cpu_supports("bmi")) return loupe_container_end_avx2(p, end);
#endif
#if defined(__SSE2__)
    return loupe_container_end_sse2(p, end);
#else
    size_t depth = 0;
    int in_string = 0;
    return loupe_container_bytes(&p, end, &in_string, &depth);
#endif
}
