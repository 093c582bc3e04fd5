import LoupeIO

/// What one worker found in one chunk; merged by the consumer in input order.
// @unchecked Sendable: a result is made by one worker and handed to the consumer once; its
// chunk's bytes are immutable, and GroupTable/FieldCatalog are not shared while it travels.
package struct ChunkResult: @unchecked Sendable {
    /// The chunk itself: match ranges point into it and it keeps its bytes alive.
    package var chunk: ByteChunk
    /// Matching lines (grep mode), as byte ranges relative to the chunk's start.
    package var matches: [Range<Int>] = []
    /// For each match, the number of newlines before it in the chunk (with line numbers on).
    package var matchNewlines: [Int] = []
    /// For each match of a framed chunk (`ByteChunk.frames`), its frame: where its JSON text is.
    package var matchFrames: [Int] = []
    /// Newlines in the whole chunk (with line numbers on).
    package var newlineCount = 0
    package var matchCount = 0
    /// Valid records read (matching or not); with `skipped`, every line that was parsed. Lines
    /// the prefilter ruled out are in neither.
    package var records = 0
    /// With highlighting on: for each match, the byte ranges (relative to the chunk) of the
    /// values the filter tested.
    package var highlights: [[Range<Int>]] = []
    /// Sort keys of each match, when lines are sorted.
    package var sortKeys: [[RowValue]] = []
    /// The partial group table (count, stats, distinct).
    package var groups: GroupTable?
    /// The schema of the chunk's records (`loupe fields`).
    package var catalog: FieldCatalog?
    /// Projected rows (fields).
    package var rows: [[RowValue]] = []
    /// With `ScanOptions.rowOffsets`: each row's record, as its byte offset in the input (for
    /// its line number).
    package var rowOffsets: [Int] = []
    package var skipped = SkipTally()
    /// Records outside `--since`/`--until` are not errors; those without a readable timestamp
    /// and those a bucket key could not place are counted here.
    package var untimed = 0
    package var unbucketed = 0
    /// The first bad record under `--strict`: its offset in the input and what is wrong.
    package var strictFailure: (offset: Int, message: String)?
    package var regexLimitHits = 0
    /// With `ScanOptions.checkTimeOrder`: the timestamps the time filter read, in order.
    package var timeOrder = TimeOrder()
    /// Fields where a duration met a bare number of unknown unit (this worker's so far).
    package var bareDurations: [BareDuration] = []

    package init(chunk: ByteChunk) {
        self.chunk = chunk
    }
}

extension ChunkResult {
    /// Lines in the chunk: its newlines, plus a last line without one. `newlineCount` must be
    /// known (see `countingLines`).
    package var lineCount: Int {
        let unterminated = chunk.count > 0 && chunk.base[chunk.count - 1] != 0x0A ? 1 : 0
        return newlineCount + unterminated
    }

    /// The result with `newlineCount` filled in, for a scan that did not count newlines (it
    /// does with `-n` and for streams); done on the worker, off the consumer's thread.
    func countingLines() -> ChunkResult {
        var counted = self
        counted.newlineCount = LineFraming.countNewlines(from: chunk.base, to: chunk.end)
        return counted
    }
}

/// How a run treats records beyond what the program says.
package struct ScanOptions: Sendable {
    package var invert = false
    package var lineNumbers = false
    /// Stop a chunk after this many matches (`-m`, or 1 for `-q`).
    package var stopAfter: Int?
    package var strict = false
    /// Keep match ranges (off for `-c` and `-q`, which only count).
    package var collectMatches = true
    /// Keep each projected row's input offset (`ChunkResult.rowOffsets`).
    package var rowOffsets = false
    /// Projected rows hold a number as its JSON text, a string (`--logs`' ids: a 64-bit id
    /// beyond 2^63 must keep every digit, which a double would not).
    package var numbersAsText = false
    package var approximatePercentiles = false
    /// Record where the tested values lie in each matching line, for colored output.
    package var highlight = false
    /// Count every newline of every chunk (needed for line numbers of streamed input).
    package var countAllNewlines = false
    /// Watch the timestamps the time filter reads for one that goes back (`--sorted`).
    package var checkTimeOrder = false

    package init() {}

    /// The prefilter may skip records only when non-matching records are never looked at.
    package var allowsPrefilter: Bool { !invert && !strict }
}

/// The timestamps of a run of records, as far as order goes. Appended across chunks in input
/// order, it tells whether a file promised to be time-sorted was.
package struct TimeOrder: Sendable {
    private var first: (ns: Int64, offset: Int)?
    private var last: Int64?
    /// The input offset of the first record whose timestamp is earlier than the one before it.
    package private(set) var firstDecrease: Int?

    package init() {}

    @inline(__always)
    package mutating func see(_ ns: Int64, at offset: Int) {
        if let last, ns < last, firstDecrease == nil { firstDecrease = offset }
        if first == nil { first = (ns, offset) }
        last = ns
    }

    /// Follows this run with a later one.
    package mutating func append(_ later: TimeOrder) {
        guard let laterFirst = later.first else { return }
        if firstDecrease == nil, let last, laterFirst.ns < last { firstDecrease = laterFirst.offset }
        if firstDecrease == nil { firstDecrease = later.firstDecrease }
        if first == nil { first = laterFirst }
        last = later.last
    }
}
