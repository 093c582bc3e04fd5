import LoupeEngine
import LoupeQuery

/// What a run tells the user on standard error at the end: skipped records by reason with the
/// first file:line, values aggregates left out, regexes that hit PCRE2's limit, `--stats`.
struct RunReports {
    /// Skips of one input, with the line of each reason's first occurrence.
    struct FileSkips {
        var file: String
        var tally = SkipTally()
        var firstLines: [String: Int] = [:]
    }

    var files: [FileSkips] = []
    var regexLimitHits = 0
    var untimed = 0
    var unbucketed = 0
    var bytesRead = 0
    /// Lines read (blank and bad ones included), for `--stats`.
    var linesRead = 0
    /// Per input, whether `--since`/`--until` seeked or read it in full, for `--stats`.
    var seekNotes: [String] = []
    /// Inputs given as `--sorted` whose timestamps went back, with the line where they did.
    var unsortedInputs: [(name: String, line: Int)] = []
    var strictFailure = false

    mutating func record(_ result: ChunkResult, file: String, locator: LineLocator) {
        regexLimitHits += result.regexLimitHits
        untimed += result.untimed
        unbucketed += result.unbucketed
        guard !result.skipped.isEmpty else { return }
        if files.last?.file != file { files.append(FileSkips(file: file)) }
        for (reason, entry) in result.skipped.entries where files[files.count - 1].firstLines[reason] == nil {
            files[files.count - 1].firstLines[reason] = locator.lineNumber(ofOffset: entry.firstOffset, in: result)
        }
        files[files.count - 1].tally.merge(result.skipped)
    }

    func print(program: Program, groups: GroupTable?) {
        for file in files {
            for (reason, entry) in file.tally.entries {
                let line = file.firstLines[reason] ?? 0
                Diagnostics.error(
                    "skipped \(Diagnostics.plural(entry.count, "line")) with \(reason) in \(file.file) (first at line \(line): \(entry.firstMessage))"
                )
            }
        }
        for input in unsortedInputs {
            Diagnostics.error(
                "\(input.name):\(input.line): a timestamp earlier than the one before it, but --sorted says the input is time-sorted: records outside the part read may be missing (run without --sorted for the exact answer)"
            )
        }
        if regexLimitHits > 0 {
            Diagnostics.error(
                "a regex hit PCRE2's backtracking limit on \(Diagnostics.plural(regexLimitHits, "record")); they were counted as not matching (simplify the pattern)"
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

    func printStats(elapsed: Double, matched: Int) {
        let skipped = files.reduce(0) { $0 + $1.tally.total }
        let megabytes = Double(bytesRead) / 1e6
        let rate = elapsed > 0 ? megabytes / elapsed : 0
        let read = "read \(formatted(megabytes)) MB (\(Diagnostics.plural(linesRead, "line"))) in \(formatted(elapsed)) s"
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
