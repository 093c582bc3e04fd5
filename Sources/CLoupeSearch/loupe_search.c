// A C kernel because Swift 6.3's SIMD16 comparisons compile to per-lane loops here (measured);
// everything around it stays in Swift.
#define _GNU_SOURCE
#include "loupe_search.h"
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>

const uint8_t *loupe_find(const uint8_t *haystack, size_t haystack_length,
                          const uint8_t *needle, size_t needle_length,
                          size_t rare1, size_t rare2) {
    if (needle_length == 0) return haystack;
    if (haystack_length < needle_length) return NULL;
    if (needle_length == 1) return memchr(haystack, needle[0], haystack_length);
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
    for (; p <= last; p++) {
        if (haystack[p + rare1] == needle[rare1] && haystack[p + rare2] == needle[rare2] &&
            memcmp(haystack + p, needle, needle_length) == 0)
            return haystack + p;
    }
    return NULL;
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

const uint8_t *loupe_container_end(const uint8_t *p, const uint8_t *end) {
    size_t depth = 0;
    int in_string = 0;
    const uint8_t *q = p;
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i lower = _mm_set1_epi8(0x20);
    const __m128i open = _mm_set1_epi8('{');   // and '[', which | 0x20 makes '{'
    const __m128i close = _mm_set1_epi8('}');  // and ']'
    // 64 bytes a step, as masks: strings are told apart from the rest by the parity of the
    // quotes before each byte (a step with a backslash goes byte by byte instead), and the
    // brackets are only walked one by one in a step where the depth could reach zero.
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
            const uint8_t *stop = q + 64;
            while (q < stop) {
                uint8_t c = *q;
                if (c == '\\' && in_string) {
                    q += 2;
                    continue;
                }
                if (loupe_container_step(c, &in_string, &depth)) return q + 1;
                q++;
            }
            continue;
        }
        uint64_t inside = loupe_prefix_xor(quotes) ^ (in_string ? ~(uint64_t)0 : 0);
        opens &= ~inside;
        closes &= ~inside;
        size_t closing = (size_t)__builtin_popcountll(closes);
        if (depth > closing) {
            depth = depth + (size_t)__builtin_popcountll(opens) - closing;
        } else {
            uint64_t brackets = opens | closes;
            while (brackets) {
                unsigned i = (unsigned)__builtin_ctzll(brackets);
                brackets &= brackets - 1;
                if ((opens >> i) & 1) {
                    depth++;
                } else if (--depth == 0) {
                    return q + i + 1;
                }
            }
        }
        in_string = (int)(inside >> 63);
        q += 64;
    }
#endif
    while (q < end) {
        uint8_t c = *q;
        if (c == '\\' && in_string) {
            q += 2;
            continue;
        }
        if (loupe_container_step(c, &in_string, &depth)) return q + 1;
        q++;
    }
    return NULL;
}

// MARK: - Stage 1 of a line scan

/// A private flag of `loupe_line_index`: the line has non-ASCII bytes, to validate as UTF-8.
#define LOUPE_LINE_NON_ASCII 4u

/// The masks of one 64-byte block that `loupe_line_index` needs; `control` is bytes below
/// 0x20, the newline included.
typedef struct {
    uint64_t quote, backslash, control, high;
} loupe_block_masks;

#if defined(__SSE2__)
static inline loupe_block_masks loupe_classify_sse2(const uint8_t *block) {
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i c1f = _mm_set1_epi8(0x1F);
    loupe_block_masks m = {0, 0, 0, 0};
    for (int k = 0; k < 4; k++) {
        __m128i x = _mm_loadu_si128((const __m128i *)(block + 16 * k));
        m.quote |= (uint64_t)(uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x, quote)) << (16 * k);
        m.backslash |= (uint64_t)(uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x, backslash)) << (16 * k);
        // Unsigned x <= 0x1F: max(x, 0x1F) == 0x1F.
        m.control |= (uint64_t)(uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(x, c1f), c1f)) << (16 * k);
        m.high |= (uint64_t)(uint32_t)_mm_movemask_epi8(x) << (16 * k);
    }
    return m;
}

#include <immintrin.h>

/// The same with AVX2, half the instructions; only called where the CPU has it.
__attribute__((target("avx2"))) static inline loupe_block_masks loupe_classify_avx2(const uint8_t *block) {
    const __m256i quote = _mm256_set1_epi8('"');
    const __m256i backslash = _mm256_set1_epi8('\\');
    const __m256i c1f = _mm256_set1_epi8(0x1F);
    loupe_block_masks m = {0, 0, 0, 0};
    for (int k = 0; k < 2; k++) {
        __m256i x = _mm256_loadu_si256((const __m256i *)(block + 32 * k));
        m.quote |= (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(x, quote)) << (32 * k);
        m.backslash |= (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(x, backslash)) << (32 * k);
        m.control |= (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_max_epu8(x, c1f), c1f)) << (32 * k);
        m.high |= (uint64_t)(uint32_t)_mm256_movemask_epi8(x) << (32 * k);
    }
    return m;
}
#endif

/// The same masks a byte at a time, for targets without SSE2.
static inline loupe_block_masks loupe_classify_portable(const uint8_t *block) {
    loupe_block_masks m = {0, 0, 0, 0};
    for (int i = 0; i < 64; i++) {
        uint8_t c = block[i];
        uint64_t bit = (uint64_t)1 << i;
        if (c == '"') m.quote |= bit;
        if (c == '\\') m.backslash |= bit;
        if (c < 0x20) m.control |= bit;
        if (c >= 0x80) m.high |= bit;
    }
    return m;
}

/// The bytes escaped by a backslash (the byte after each odd run), given the backslashes of a
/// block; `*carry` says whether the previous block's last byte escapes this block's first.
/// (The carry-add trick of simdjson: runs are told odd or even by where they start.)
static inline uint64_t loupe_escaped(uint64_t backslash, uint64_t *carry) {
    const uint64_t even = 0x5555555555555555ULL;
    backslash &= ~*carry;
    uint64_t follows = (backslash << 1) | *carry;
    uint64_t odd_starts = backslash & ~even & ~follows;
    uint64_t sums;
    *carry = __builtin_add_overflow(odd_starts, backslash, &sums);
    return (even ^ (sums << 1)) & follows;
}

static inline int loupe_hex(uint8_t c) {
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

/// 1 when the byte after a backslash at `p` makes a valid escape; `p[0]` is that byte.
static inline int loupe_escape_valid(const uint8_t *p, const uint8_t *limit) {
    switch (*p) {
    case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
        return 1;
    case 'u':
        return limit - p > 4 && loupe_hex(p[1]) && loupe_hex(p[2]) && loupe_hex(p[3]) && loupe_hex(p[4]);
    default:
        return 0;
    }
}

/// 1 when [p, end) is valid UTF-8 by RFC 3629 (no overlongs, surrogates or values past
/// U+10FFFF), the same rule as `JSONString.validUTF8SequenceLength`.
static int loupe_valid_utf8(const uint8_t *p, const uint8_t *end) {
    while (p < end) {
        uint8_t b = *p;
        if (b < 0x80) {
            p++;
            continue;
        }
        size_t available = (size_t)(end - p);
        uint8_t low = 0x80, high = 0xBF;
        size_t length;
        if (b >= 0xC2 && b <= 0xDF) length = 2;
        else if (b == 0xE0) { length = 3; low = 0xA0; }
        else if (b == 0xED) { length = 3; high = 0x9F; }
        else if (b >= 0xE1 && b <= 0xEF) length = 3;
        else if (b == 0xF0) { length = 4; low = 0x90; }
        else if (b >= 0xF1 && b <= 0xF3) length = 4;
        else if (b == 0xF4) { length = 4; high = 0x8F; }
        else return 0;
        if (available < length || p[1] < low || p[1] > high) return 0;
        for (size_t i = 2; i < length; i++)
            if (p[i] < 0x80 || p[i] > 0xBF) return 0;
        p += length;
    }
    return 1;
}

/// The body of `loupe_line_index`, inlined once per instruction set.
__attribute__((always_inline)) static inline size_t loupe_line_index_body(const uint8_t *line, const uint8_t *limit, uint64_t *quotes,
                                                                          uint64_t *backslashes, size_t capacity, size_t *words,
                                                                          unsigned *flags, int avx2) {
    const uint8_t *p = line;
    uint64_t carry = 0;
    unsigned f = 0;
    size_t w = 0;
    size_t length = 0;
    uint8_t pad[64];
    for (;;) {
        if (w == capacity) {
            *words = 0;
            *flags = LOUPE_LINE_SLOW;
            return 0;
        }
        size_t available = (size_t)(limit - p);
        const uint8_t *block = p;
        uint64_t valid = ~(uint64_t)0;
        if (available < 64) {
            // The last block of the input is read from a copy: nothing past `limit` is touched.
            memset(pad, ' ', sizeof pad);
            memcpy(pad, p, available);
            block = pad;
            valid = ((uint64_t)1 << available) - 1;
        }
#if defined(__SSE2__)
        loupe_block_masks m = avx2 ? loupe_classify_avx2(block) : loupe_classify_sse2(block);
#else
        (void)avx2;
        loupe_block_masks m = loupe_classify_portable(block);
#endif
        uint64_t inside = valid;  // the bytes of this block that belong to the line
        int last = available <= 64;
        uint64_t control = m.control & valid;
        size_t newline = 64;
        if (control) {
            // The first control byte ends the line if it is the newline; any other is an error
            // the full scanner reports.
            newline = (size_t)__builtin_ctzll(control);
            if (block[newline] != '\n') {
                *words = 0;
                *flags = LOUPE_LINE_SLOW;
                return 0;
            }
            inside = ((uint64_t)1 << newline) - 1;
            last = 1;
        }
        uint64_t backslash = m.backslash & inside;
        uint64_t quote = m.quote & inside;
        if (m.high & inside) f |= LOUPE_LINE_NON_ASCII;
        if (backslash | carry) {
            f |= backslash ? LOUPE_LINE_BACKSLASH : 0;
            uint64_t escaped = loupe_escaped(backslash, &carry);
            quote &= ~escaped;
            // An escape of the line's end (its newline, or past the input) is never valid.
            if ((escaped & ~inside) || (last && carry)) f |= LOUPE_LINE_SLOW;
            for (uint64_t e = escaped & inside; e; e &= e - 1) {
                if (!loupe_escape_valid(p + __builtin_ctzll(e), limit)) f |= LOUPE_LINE_SLOW;
            }
        }
        quotes[w] = quote;
        backslashes[w] = backslash;
        w++;
        if (last) {
            length = (size_t)(p - line) + (newline < 64 ? newline : available);
            break;
        }
        p += 64;
    }
    if ((f & LOUPE_LINE_NON_ASCII) && !(f & LOUPE_LINE_SLOW) && !loupe_valid_utf8(line, line + length)) f |= LOUPE_LINE_SLOW;
    *words = w;
    *flags = f & (LOUPE_LINE_SLOW | LOUPE_LINE_BACKSLASH);
    return length;
}

#if defined(__SSE2__)
__attribute__((target("avx2"))) static size_t loupe_line_index_avx2(const uint8_t *line, const uint8_t *limit, uint64_t *quotes,
                                                                    uint64_t *backslashes, size_t capacity, size_t *words,
                                                                    unsigned *flags) {
    return loupe_line_index_body(line, limit, quotes, backslashes, capacity, words, flags, 1);
}
#endif

size_t loupe_line_index(const uint8_t *line, const uint8_t *limit, uint64_t *quotes, uint64_t *backslashes,
                        size_t capacity, size_t *words, unsigned *flags) {
#if defined(__SSE2__)
    // One load and test of the CPU model that the runtime filled in at startup.
    if (__builtin_cpu_supports("avx2"))
        return loupe_line_index_avx2(line, limit, quotes, backslashes, capacity, words, flags);
#endif
    return loupe_line_index_body(line, limit, quotes, backslashes, capacity, words, flags, 0);
}
