#ifndef LOUPE_LINE_H
#define LOUPE_LINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/// What `loupe_line_index` found out about a line.
enum {
    /// The line may not be valid JSON in ways the bitmaps do not show (a control byte, a bad
    /// escape, invalid UTF-8, a line longer than the bitmaps): only the full scanner may judge it.
    LOUPE_LINE_SLOW = 1,
    /// Some byte of the line is a backslash.
    LOUPE_LINE_BACKSLASH = 2,
};

/// Stage 1 of a line scan: the length of the JSON line at `line` (up to its newline or `limit`)
/// and, 64 bytes per word, a bitmap of its unescaped quotes and one of its backslashes
/// (`*words` words of each, bits past the line clear). A quote counts as escaped when an odd
/// run of backslashes comes right before it, which is what a reader of a valid string sees.
///
/// Without LOUPE_LINE_SLOW in `*flags` the line has no control byte, is valid UTF-8 and every
/// backslash starts a valid escape, so a reader that takes each string to end at the next
/// unescaped quote reads strings exactly as a full validating reader does; the grammar outside
/// strings is left to the caller. Never reads at or past `limit`.
size_t loupe_line_index(const uint8_t *line, const uint8_t *limit, uint64_t *quotes, uint64_t *backslashes,
                        size_t capacity, size_t *words, unsigned *flags);

/// A `PathSet` trie as flat arrays (owned by the Swift `ScannerTables`), for `loupe_line_walk`.
typedef struct {
    const int32_t *key_edge_start, *key_edge_count, *index_edge_start, *index_edge_count, *leaf_start, *leaf_count;
    const int32_t *edge_key_offset, *edge_key_length, *edge_child;
    const uint8_t *key_bytes;
    const intptr_t *index_value;
    const int32_t *index_child;
    const int32_t *leaf_path, *leaf_rank;
    const bool *tracks_children, *records_value;
    const uint64_t *key_lengths;
} loupe_trie;

/// One value found by `loupe_line_walk`: `kind` is a `JSONKind` raw value (0: missing).
typedef struct {
    uint8_t kind;
    bool escaped;
    int32_t rank;
    intptr_t start, end;
} loupe_slot;

/// Stage 2 of a line scan: walks the `length` bytes at `line` as one JSON value by the grammar
/// of RFC 8259, taking each string to end where the bitmaps of `loupe_line_index` say, and
/// fills `slots` (one per path) as `JSONScanner` does. Returns true when the line is valid;
/// false for an invalid line and for what it leaves to the full scanner (nesting deeper than
/// 64, a tracked object's key written with escapes). Only for lines stage 1 did not flag
/// LOUPE_LINE_SLOW: it relies on stage 1 for everything inside strings and for the absence of
/// control bytes.
bool loupe_line_walk(const uint8_t *line, size_t length, const uint64_t *quotes, const uint64_t *backslashes,
                     size_t words, bool has_backslash, const loupe_trie *trie, loupe_slot *slots, size_t slot_count);

#endif
