import Glibc
import LoupeEngine
import LoupeIO
import LoupeOutput
import LoupeQuery
import LoupeTrace

/// Messages for the user on standard error, each prefixed `loupe: `.
public enum Diagnostics {
    /// Writes `loupe: <message>` and a newline to standard error.
    public static func error(_ message: String) {
        write("loupe: " + message + "\n")
    }

    /// Writes text to standard error, with every control character but newline and tab shown
    /// escaped: messages quote file names, keys and values, which must not act on the terminal.
    public static func write(_ text: String) {
        writeRaw(TerminalText.sanitizeKeepingLineBreaks(text))
    }

    /// Writes text to standard error as is: for loupe's own terminal controls (the progress
    /// line), never for text holding names from the input.
    static func writeRaw(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress! + offset, $0.count - offset) }
            if n <= 0 {
                if n < 0 && errno == EINTR { continue }
                return
            }
            offset += n
        }
        bytes.removeAll()
    }

    /// The one wording for an input that could not be read to its end (a cut document, a
    /// compressed stream cut short), whatever reads it: where, why and how much came before.
    static func stoppedReading(_ name: String, at place: String, _ problem: String, before: String) {
        error("stopped reading \(name) at \(place): \(problem) (\(before) read before it)")
    }

    /// A line-reading input cut short (`InputError.isCutShort`) after `lines` whole lines.
    static func cutShort(_ name: String, _ error: InputError, afterLines lines: Int) {
        stoppedReading(name, at: "line \(lines + 1)", error.problem, before: plural(lines, "line"))
    }

    /// `1 line`, `3 lines`.
    static func plural(_ n: Int, _ word: String, _ plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? word : plural ?? word + "s")
    }
}

/// What a run tells the user on standard error at the end: skipped records by reason with the
/// first file:line, values aggregates left out, regexes that hit PCRE2's limit, `--stats`.
struct RunReports {
    /// Skips of one input, with the line of each reason's first occurrence.
    struct FileSkips {
        var file: String
        var tally = SkipTally()
        var firstLines: [String: Int] = [:]
        /// What a skipped record is called: a line, or a record of a framed shape (a JSON value).
        var unit = "line"
    }

    var files: [FileSkips] = []
    var regexLimitHits = 0
    var untimed = 0
    var unbucketed = 0
    var bytesRead = 0
    /// Lines read (blank and bad ones included), for `--stats`.
    var linesRead = 0
    /// Lines parsed: valid records and skipped ones. Lines that the prefilter ruled out, and
    /// blank lines, are not parsed, so a bad line among them is not counted.
    var parsed = 0
    /// Per input, whether `--since`/`--until` seeked or read it in full, for `--stats`.
    var seekNotes: [String] = []
    /// Inputs given as `--sorted` whose timestamps went back, with the line where they did.
    var unsortedInputs: [(name: String, line: Int)] = []
    var strictFailure = false
    /// Fields where a duration met bare numbers of unknown unit, with the first comparison.
    var bareDurations: [BareDuration] = []
    /// `loupe fields`: records holding values nested deeper than the listing goes.
    var deepFieldRecords = 0

    mutating func record(_ result: ChunkResult, file: String, locator: LineLocator) {
        regexLimitHits += result.regexLimitHits
        untimed += result.untimed
        unbucketed += result.unbucketed
        parsed += result.records + result.skipped.total
        for entry in result.bareDurations where !bareDurations.contains(where: { $0.slot == entry.slot }) {
            bareDurations.append(entry)
        }
        deepFieldRecords += result.catalog?.deepRecords ?? 0
        guard !result.skipped.isEmpty else { return }
        // By name, not "the last file": --merge interleaves the chunks of several files, and
        // each file's skips are still reported once.
        let i: Int
        if let known = files.firstIndex(where: { $0.file == file }) {
            i = known
        } else {
            i = files.count
            files.append(FileSkips(file: file, unit: result.chunk.frames?.recordsAreLines == false ? "record" : "line"))
        }
        for (reason, entry) in result.skipped.entries where files[i].firstLines[reason] == nil {
            files[i].firstLines[reason] = locator.lineNumber(ofOffset: entry.firstOffset, in: result)
        }
        files[i].tally.merge(result.skipped)
    }

    /// Prints the reports. `filter` is the program whose filter read the records (its paths
    /// name the fields of `bareDurations`), when another one made the table.
    func print(program: Program, groups: GroupTable?, filter: Program? = nil) {
        for file in files {
            for (reason, entry) in file.tally.entries {
                let line = file.firstLines[reason] ?? 0
                Diagnostics.error(
                    "skipped \(Diagnostics.plural(entry.count, file.unit)) with \(reason) in \(file.file) (first at line \(line): \(entry.firstMessage))"
                )
            }
        }
        for input in unsortedInputs {
            Diagnostics.error(
                "\(input.name):\(input.line): a timestamp earlier than the one before it, but --sorted says the input is time-sorted: records outside the part read may be missing (run without --sorted for the exact answer)"
            )
        }
        let paths = (filter ?? program).paths.paths
        for entry in bareDurations.sorted(by: { $0.slot < $1.slot }) where entry.slot < paths.count {
            Diagnostics.error(Self.bareDurationNote(field: paths[entry.slot].description, entry))
        }
        if regexLimitHits > 0 {
            Diagnostics.error(
                "a regex hit PCRE2's backtracking limit on \(Diagnostics.plural(regexLimitHits, "record")); they were counted as not matching (simplify the pattern)"
            )
        }
        if deepFieldRecords > 0 {
            Diagnostics.error(
                "values nested deeper than \(FieldCatalog.listedDepth) levels are not listed (in \(Diagnostics.plural(deepFieldRecords, "record")))"
            )
        }
        if untimed > 0 {
            Diagnostics.error(
                "left out \(Diagnostics.plural(untimed, "record")) without a readable timestamp (--since/--until; choose the field with --time-field)"
            )
        }
        if unbucketed > 0 {
            Diagnostics.error(
                "left out \(Diagnostics.plural(unbucketed, "record")) whose bucket() timestamp is missing or not RFC 3339 or an epoch number"
            )
        }
        if case .rows(let plan) = program.plan, case .group(_, let aggregates) = plan.source, let groups {
            // Aggregates over the same field leave out the same records: say it once for them.
            var lines: [(names: [String], leftOut: LeftOutCount)] = []
            for (spec, leftOut) in zip(aggregates, groups.leftOut()) where leftOut.missing + leftOut.notNumber > 0 {
                if let i = lines.firstIndex(where: { $0.leftOut == leftOut }) {
                    lines[i].names.append(spec.name)
                } else {
                    lines.append(([spec.name], leftOut))
                }
            }
            for (names, leftOut) in lines {
                var parts: [String] = []
                if leftOut.missing > 0 {
                    parts.append("\(Diagnostics.plural(leftOut.missing, "record")) where the value is missing or null")
                }
                if leftOut.notNumber > 0 { parts.append("\(Diagnostics.plural(leftOut.notNumber, "record")) where it is not a number") }
                Diagnostics.error("\(names.joined(separator: ", ")): left out " + parts.joined(separator: " and "))
            }
        }
    }

    /// Why a duration never matched a field of bare numbers, and how to write the comparison.
    static func bareDurationNote(field: String, _ entry: BareDuration) -> String {
        let op = entry.comparison.symbol
        let written = "\(field) \(op) \(DurationText.literal(nanoseconds: entry.nanoseconds))"
        let outcome = entry.comparison == .notEqual ? "holds for all of them" : "matched none of them"
        let ms = "\(field) \(op) \(DurationText.number(entry.nanoseconds / 1e6))"
        let s = "\(field) \(op) \(DurationText.number(entry.nanoseconds / 1e9))"
        return "\(field) holds bare numbers whose unit its name does not say, so \(written) \(outcome);"
            + " write the number in their unit instead (\(ms) for milliseconds, \(s) for seconds)"
    }

    /// The note for an input whose first block holds no line that may be a JSON record.
    static func plainTextNote(file: String, _ finding: PlainTextProbe.Finding, wholeInput: Bool) -> String {
        let line = TerminalText.sanitize(finding.firstLine)
        let what =
            wholeInput
            ? "\(file) holds no JSON records (its lines look like: \(line))"
            : "\(file) holds no JSON records in its first \(Diagnostics.plural(finding.lines, "line")) (they look like: \(line))"
        return what + "; loupe reads JSON lines, JSON arrays and values, and lines with text before an object"
    }

    /// The `--stats` line. `prefiltered`: the query's literals ruled lines out unparsed.
    func printStats(elapsed: Double, matched: Int, prefiltered: Bool) {
        let skipped = files.reduce(0) { $0 + $1.tally.total }
        let megabytes = Double(bytesRead) / 1e6
        let rate = elapsed > 0 ? megabytes / elapsed : 0
        var lines = "\(Diagnostics.plural(linesRead, "line")), \(parsed) parsed"
        if parsed < linesRead { lines += prefiltered ? ", the others blank or without the query's literals" : ", the others blank" }
        let read = "read \(formatted(megabytes)) MB (\(lines)) in \(formatted(elapsed)) s"
        Diagnostics.error(
            "stats: \(read) (\(formatted(rate)) MB/s), \(Diagnostics.plural(matched, "match", "matches")), \(skipped) skipped")
        for note in seekNotes {
            Diagnostics.error("stats: " + note)
        }
    }

    private func formatted(_ x: Double) -> String {
        let rounded = (x * 100).rounded() / 100
        return String(rounded)
    }
}

/// The end-of-run messages about skipped and repaired spans (TRACE-SEMANTICS 1 and 2), one
/// line per kind, each saying what loupe did about it.
enum RepairReport {
    /// `side`: which of two inputs the repairs are of (`diff`'s and the gate's `base (b.json)`),
    /// said before each repair line; skips name their input themselves.
    static func print(_ totals: TraceInputTotals, side: String? = nil) {
        let read = totals.read
        printSkips(read)
        let prefix = side.map { "\($0): " } ?? ""
        func error(_ message: String) { Diagnostics.error(prefix + message) }
        if read.negativeDurationsClamped > 0 {
            error(
                "\(spans(read.negativeDurationsClamped)) ended before \(it(read.negativeDurationsClamped)) started: end set to start (duration 0)"
            )
        }
        if read.missingDurations > 0 {
            error("\(spans(read.missingDurations)) had no end time or duration: read as duration 0")
        }
        if read.selfParentsCleared > 0 {
            error(
                "\(spans(read.selfParentsCleared)) named \(read.selfParentsCleared == 1 ? "itself" : "themselves") as parent: read as having no parent"
            )
        }
        if totals.duplicateSpans > 0 {
            error(
                "dropped \(Diagnostics.plural(totals.duplicateSpans, "duplicate span")) (a trace and span id seen before; the first was kept)"
            )
        }
        if totals.missingParents > 0 {
            error(
                "\(spans(totals.missingParents)) \(totals.missingParents == 1 ? "names a parent" : "name parents") not in the input: each heads an orphan fragment"
            )
        }
        if totals.cyclesCut > 0 {
            error(
                "cut \(Diagnostics.plural(totals.cyclesCut, "parent cycle")): the member with the earliest start heads an orphan fragment")
        }
    }

    /// One line per input and skip reason, the same for every command that reads spans: which
    /// input, where (the line, or the byte of a one-line document), why, and how much was read.
    /// A broken document, or an input cut short, cannot be read past the break.
    static func printSkips(_ read: ReadReport) {
        for input in read.inputs {
            let format = InputFormat(rawValue: input.format)
            let isLines = format?.isLines == true
            let read = format?.isOTLPLogs == true ? Diagnostics.plural(input.logRecords, "log record") : spans(input.spans)
            for skip in input.skips {
                let at: String
                if let line = skip.line, line > 1 || isLines { at = "line \(line)" } else { at = "byte \(skip.offset + 1)" }
                if skip.reason == .truncatedInput || (skip.reason.isDocumentLevel && !isLines) {
                    Diagnostics.stoppedReading(input.name, at: at, skip.message, before: read)
                } else {
                    let what = Diagnostics.plural(skip.count, skip.reason.isDocumentLevel ? "line" : "span")
                    Diagnostics.error("skipped \(what) \(skip.reason.phrase(skip.count)) in \(input.name) (first at \(at): \(skip.message))")
                }
            }
        }
    }

    private static func spans(_ n: Int) -> String { Diagnostics.plural(n, "span") }

    private static func it(_ n: Int) -> String { n == 1 ? "it" : "they" }
}
