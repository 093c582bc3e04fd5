// Stage 1 and stage 2 of JSONScanner.scanLine's fast path. C because it is a tight loop over
// bitmaps where Swift kept the cursor in memory across out-of-line calls (measured); the Swift
// byte scanner stays the reference and reads every line this path rejects.
#include "loupe_line.h"
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#include <immintrin.h>
#endif

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

// MARK: - Stage 2

enum { LOUPE_KIND_NULL = 1, LOUPE_KIND_FALSE, LOUPE_KIND_TRUE, LOUPE_KIND_NUMBER, LOUPE_KIND_STRING, LOUPE_KIND_OBJECT, LOUPE_KIND_ARRAY };

/// Nesting deeper than this goes to the full scanner, whose stack grows.
#define LOUPE_WALK_DEPTH 64

typedef struct {
    bool is_array;
    int32_t node, leaf_node;
    intptr_t index, start;
} loupe_walk_frame;

/// The state of one walk: the line's bitmaps and the trie.
typedef struct {
    const uint64_t *quotes, *backslashes;
    size_t words;
    bool has_backslash;
    const loupe_trie *t;
    loupe_slot *slots;
} loupe_walk;

/// The first unescaped quote at or after `offset`, or -1.
static inline intptr_t loupe_next_quote(const loupe_walk *w, size_t offset) {
    size_t i = offset >> 6;
    if (i >= w->words) return -1;
    uint64_t bits = w->quotes[i] & (~(uint64_t)0 << (offset & 63));
    while (bits == 0) {
        if (++i >= w->words) return -1;
        bits = w->quotes[i];
    }
    return (intptr_t)(i << 6 | (size_t)__builtin_ctzll(bits));
}

/// Whether a backslash lies in [start, end).
static inline bool loupe_backslash_in(const loupe_walk *w, size_t start, size_t end) {
    if (!w->has_backslash || start >= end) return false;
    size_t i = start >> 6, last = (end - 1) >> 6;
    uint64_t bits = w->backslashes[i] & (~(uint64_t)0 << (start & 63));
    for (; i < last; bits = w->backslashes[++i])
        if (bits) return true;
    return (bits & (~(uint64_t)0 >> (63 - ((end - 1) & 63)))) != 0;
}

/// `JSONScanner.record`: the value goes to every path that ends at `node`, unless a reading of
/// lower rank already found one.
static inline void loupe_record(const loupe_walk *w, int32_t node, uint8_t kind, bool escaped, intptr_t start, intptr_t end) {
    const loupe_trie *t = w->t;
    int32_t first = t->leaf_start[node], count = t->leaf_count[node];
    for (int32_t leaf = first; leaf < first + count; leaf++) {
        loupe_slot *slot = &w->slots[t->leaf_path[leaf]];
        int32_t rank = t->leaf_rank[leaf];
        if (rank <= slot->rank) {
            slot->kind = kind;
            slot->escaped = escaped;
            slot->rank = rank;
            slot->start = start;
            slot->end = end;
        }
    }
}

static inline int32_t loupe_index_child(const loupe_trie *t, int32_t node, intptr_t index) {
    int32_t first = t->index_edge_start[node], count = t->index_edge_count[node];
    for (int32_t edge = first; edge < first + count; edge++)
        if (t->index_value[edge] == index) return t->index_child[edge];
    return -1;
}

static inline int32_t loupe_find_key(const loupe_trie *t, int32_t node, const uint8_t *key, size_t length) {
    int32_t first = t->key_edge_start[node], count = t->key_edge_count[node];
    for (int32_t edge = first; edge < first + count; edge++) {
        if ((size_t)t->edge_key_length[edge] == length && memcmp(t->key_bytes + t->edge_key_offset[edge], key, length) == 0)
            return t->edge_child[edge];
    }
    return -1;
}

static inline bool loupe_is_digit(const uint8_t *q, const uint8_t *end) {
    return q < end && (uint8_t)(*q - '0') < 10;
}

bool loupe_line_walk(const uint8_t *base, size_t length, const uint64_t *quotes, const uint64_t *backslashes,
                     size_t words, bool has_backslash, const loupe_trie *t, loupe_slot *slots, size_t slot_count) {
    const loupe_walk w = {quotes, backslashes, words, has_backslash, t, slots};
    for (size_t i = 0; i < slot_count; i++) slots[i] = (loupe_slot){0, false, INT32_MAX, 0, 0};
    loupe_walk_frame frames[LOUPE_WALK_DEPTH];
    size_t depth = 0;
    const uint8_t *p = base, *end = base + length;
    int32_t pending = (t->tracks_children[0] || t->records_value[0]) ? 0 : -1;
    // Stage 1 let no control byte through, so a blank here is a space.
#define SKIP_BLANKS() while (p < end && *p == ' ') p++

value:
    SKIP_BLANKS();
    if (p >= end) return false;
    switch (*p) {
    case '{': case '[': {
        bool is_array = *p == '[';
        int32_t node = pending >= 0 && t->tracks_children[pending] ? pending : -1;
        int32_t leaf = pending >= 0 && t->records_value[pending] ? pending : -1;
        if (depth == LOUPE_WALK_DEPTH) return false;
        frames[depth++] = (loupe_walk_frame){is_array, node, leaf, 0, p - base};
        p++;
        SKIP_BLANKS();
        if (p < end && *p == (is_array ? ']' : '}')) {
            p++;
            depth--;
            if (leaf >= 0) loupe_record(&w, leaf, is_array ? LOUPE_KIND_ARRAY : LOUPE_KIND_OBJECT, false, frames[depth].start, p - base);
            goto after;
        }
        if (is_array) {
            pending = node >= 0 ? loupe_index_child(t, node, 0) : -1;
            goto value;
        }
        goto key;
    }
    case '"': {
        size_t start = (size_t)(p + 1 - base);
        intptr_t close = loupe_next_quote(&w, start);
        if (close < 0) return false;
        if (pending >= 0 && t->records_value[pending])
            loupe_record(&w, pending, LOUPE_KIND_STRING, loupe_backslash_in(&w, start, (size_t)close), (intptr_t)start, close);
        p = base + close + 1;
        goto after;
    }
    case '-': case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9': {
        // RFC 8259's number, as JSONScanner.scanNumber reads it.
        const uint8_t *q = p;
        if (*q == '-') q++;
        if (!loupe_is_digit(q, end)) return false;
        if (*q == '0') q++;
        else while (loupe_is_digit(q, end)) q++;
        if (q < end && *q == '.') {
            q++;
            if (!loupe_is_digit(q, end)) return false;
            while (loupe_is_digit(q, end)) q++;
        }
        if (q < end && (*q | 0x20) == 'e') {
            q++;
            if (q < end && (*q == '+' || *q == '-')) q++;
            if (!loupe_is_digit(q, end)) return false;
            while (loupe_is_digit(q, end)) q++;
        }
        if (pending >= 0 && t->records_value[pending]) loupe_record(&w, pending, LOUPE_KIND_NUMBER, false, p - base, q - base);
        p = q;
        goto after;
    }
    case 't': case 'f': case 'n': {
        uint8_t kind;
        size_t n;
        if (end - p >= 4 && memcmp(p, "true", 4) == 0) { kind = LOUPE_KIND_TRUE; n = 4; }
        else if (end - p >= 5 && memcmp(p, "false", 5) == 0) { kind = LOUPE_KIND_FALSE; n = 5; }
        else if (end - p >= 4 && memcmp(p, "null", 4) == 0) { kind = LOUPE_KIND_NULL; n = 4; }
        else return false;
        if (pending >= 0 && t->records_value[pending]) loupe_record(&w, pending, kind, false, p - base, p + n - base);
        p += n;
        goto after;
    }
    default:
        return false;
    }

key: {
    // `"key"`, blanks, ':' in an object whose trie node is frames[depth - 1].node.
    int32_t node = frames[depth - 1].node;
    SKIP_BLANKS();
    if (p >= end || *p != '"') return false;
    size_t start = (size_t)(p + 1 - base);
    intptr_t close = loupe_next_quote(&w, start);
    if (close < 0) return false;
    pending = -1;
    if (node >= 0) {
        size_t n = (size_t)close - start;
        // A key written with escapes must be decoded to compare: the full scanner does that.
        if (loupe_backslash_in(&w, start, (size_t)close)) return false;
        if (t->key_lengths[node] & ((uint64_t)1 << (n < 63 ? n : 63))) pending = loupe_find_key(t, node, p + 1, n);
    }
    p = base + close + 1;
    SKIP_BLANKS();
    if (p >= end || *p != ':') return false;
    p++;
    goto value;
}

after:
    for (;;) {
        SKIP_BLANKS();
        if (depth == 0) return p == end;
        if (p >= end) return false;
        loupe_walk_frame *top = &frames[depth - 1];
        if (*p == ',') {
            p++;
            if (top->is_array) {
                top->index++;
                pending = top->node >= 0 ? loupe_index_child(t, top->node, top->index) : -1;
                goto value;
            }
            goto key;
        }
        if (*p != (top->is_array ? ']' : '}')) return false;
        p++;
        depth--;
        if (top->leaf_node >= 0)
            loupe_record(&w, top->leaf_node, top->is_array ? LOUPE_KIND_ARRAY : LOUPE_KIND_OBJECT, false, top->start, p - base);
    }
#undef SKIP_BLANKS
}
