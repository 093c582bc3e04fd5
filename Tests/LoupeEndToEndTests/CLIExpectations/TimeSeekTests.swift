import Foundation
import LoupeEngine
import LoupeTestSupport
import Testing

@testable import LoupeKit

/// `--since`/`--until` seeking: the search alone over synthetic lines, then the real binary
/// against a full scan (standard input, which cannot seek) on random time ranges.
@Suite("Time seek")
struct TimeSeekTests {
    typealias Generator = SplitMix64

    /// Lines `t=N` with non-decreasing N (repeats included) and some lines without a time.
    static func lines(count: Int, seed: UInt64) -> [(text: String, time: Int64?)] {
        var rng = Generator(seed: seed)
        var t: Int64 = 1000
        return (0..<count).map { i in
            if Int.random(in: 0..<10, using: &rng) == 0 { return ("no time here \(i)", nil) }
            t += Int64.random(in: 0...3, using: &rng)
            return ("t=\(t) " + String(repeating: "x", count: Int.random(in: 0...40, using: &rng)), t)
        }
    }

    static func seek(_ lines: [(text: String, time: Int64?)], window: Int, since: Int64?, until: Int64?) -> (TimeSeek.Outcome, [Int]) {
        let bytes = Array(lines.map { $0.text + "\n" }.joined().utf8)
        var starts: [Int] = []
        var offset = 0
        for line in lines {
            starts.append(offset)
            offset += line.text.utf8.count + 1
        }
        let outcome = bytes.withUnsafeBufferPointer { buffer in
            TimeSeek(base: buffer.baseAddress!, count: buffer.count, window: window) { p, n in
                let text = String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
                guard text.hasPrefix("t="), let end = text.firstIndex(of: " ") else { return nil }
                return Int64(text[text.index(text.startIndex, offsetBy: 2)..<end])
            }.range(since: since, until: until)
        }
        return (outcome, starts)
    }

    @Test(arguments: [1, 3, 15, 100, 4096])
    func theRangeHoldsEveryLineInsideTheBounds(_ window: Int) {
        let lines = Self.lines(count: 3000, seed: UInt64(window))
        let last = lines.compactMap(\.time).max()!
        var rng = Generator(seed: 42)
        for _ in 0..<40 {
            let a = Int64.random(in: 900...(last + 100), using: &rng)
            let b = Int64.random(in: 900...(last + 100), using: &rng)
            let since: Int64? = Bool.random(using: &rng) ? min(a, b) : nil
            let until: Int64? = Bool.random(using: &rng) ? max(a, b) : nil
            let (outcome, starts) = Self.seek(lines, window: window, since: since, until: until)
            guard case .seeked(let range) = outcome else {
                Issue.record("a sorted file must be seeked: \(outcome)")
                continue
            }
            for (i, line) in lines.enumerated() {
                guard let t = line.time, t >= (since ?? .min), t < (until ?? .max) else { continue }
                #expect(
                    range.contains(starts[i]),
                    "line \(i) (t=\(t)) outside \(range) for [\(String(describing: since)), \(String(describing: until)))")
            }
            #expect(range.lowerBound == 0 || starts.contains(range.lowerBound))
            // Narrowing works: at most two windows (and a line) more than the lines inside.
            if window == 4096, since != nil, until != nil {
                let inside = lines.indices.filter { lines[$0].time.map { $0 >= since! && $0 < until! } ?? false }
                let needed = inside.isEmpty ? 0 : (starts[inside.last!] + lines[inside.last!].text.utf8.count + 1 - starts[inside.first!])
                #expect(range.count <= needed + 2 * window + 200)
            }
        }
    }

    @Test func unsortedFilesAreReadInFull() {
        var lines = Self.lines(count: 3000, seed: 7)
        // Two neighbouring lines swapped where a sample looks: the first line starting in the
        // second half of the bytes (sampling looks at 33 evenly spaced byte offsets).
        let total = lines.reduce(0) { $0 + $1.text.utf8.count + 1 }
        var offset = 0
        var middle = 0
        while offset < total / 2 {
            offset += lines[middle].text.utf8.count + 1
            middle += 1
        }
        let timed = (middle..<lines.count).filter { lines[$0].time != nil }
        var a = timed[0]
        var b = timed[1]
        while lines[a].time == lines[b].time {
            a = b
            b = timed[timed.firstIndex(of: b)! + 1]
        }
        lines.swapAt(a, b)
        let (outcome, _) = Self.seek(lines, window: 64, since: 1500, until: nil)
        guard case .fullScan(let reason) = outcome else {
            Issue.record("expected a full scan, got \(outcome)")
            return
        }
        #expect(reason.hasPrefix("timestamps decrease at byte") || reason.hasPrefix("a timestamp"))
    }

    /// Byte offsets in messages count from 1, like every other message of loupe: the second
    /// line (`t=1 x`, after the 6 bytes of `t=5 x` and its newline) starts at byte 7.
    @Test func offsetsInMessagesCountFromOne() {
        let (outcome, _) = Self.seek([("t=5 x", 5), ("t=1 x", 1)], window: 64, since: 3, until: nil)
        guard case .fullScan(let reason) = outcome else {
            Issue.record("expected a full scan, got \(outcome)")
            return
        }
        #expect(reason == "timestamps decrease at byte 7")
    }

    // MARK: - The binary against a full scan

    /// A time-sorted JSON log of about 1.5 MB, with repeated timestamps, epoch and RFC 3339
    /// stamps, a record without a time and a malformed line.
    static func sortedLog() -> (bytes: [UInt8], start: Int64, end: Int64) {
        var rng = Generator(seed: 2024)
        var ms: Int64 = 1_710_144_000_000  // 2024-03-11T08:00:00Z
        let start = ms
        var text = ""
        for i in 0..<16000 {
            ms += Int64.random(in: 0...40, using: &rng)
            let level = ["info", "warn", "error"][Int.random(in: 0..<3, using: &rng)]
            switch i % 500 {
            case 17: text += #"{"level":"info","msg":"no time"}"# + "\n"
            case 33: text += #"{"ts": broken"# + "\n"
            default:
                let stamp = i % 3 == 0 ? String(ms) : "\"\(LoupeKitTestClock.rfc3339(ms))\""
                text +=
                    #"{"ts":\#(stamp),"level":"\#(level)","n":\#(i),"pad":"\#(String(repeating: "p", count: Int.random(in: 0...60, using: &rng)))"}"#
                    + "\n"
            }
        }
        return (Array(text.utf8), start, ms)
    }

    @Test func seekingGivesWhatAFullScanGivesOnRandomRanges() throws {
        let directory = CLIHarness.temporaryDirectory()
        let log = Self.sortedLog()
        let file = directory.appendingPathComponent("sorted.log")
        try CLIHarness.write(log.bytes, to: file)
        var rng = Generator(seed: 99)
        // -v inverts the query, not the window: it seeks as well.
        let queries = ["*", #"level == "error""#, "* | count by level | sort level", #"-v level == "error""#]
        for round in 0..<16 {
            let a = Int64.random(in: (log.start - 5000)...(log.end + 5000), using: &rng)
            let b = Int64.random(in: (log.start - 5000)...(log.end + 5000), using: &rng)
            var options: [String] = []
            if round % 4 != 1 { options += ["--since", LoupeKitTestClock.rfc3339(min(a, b))] }
            if round % 4 != 2 { options += ["--until", LoupeKitTestClock.rfc3339(max(a, b))] }
            var query = queries[round % queries.count]
            // -n numbers printed records: a table query refuses it.
            var extra = round % 2 == 0 && !query.contains("|") ? ["-n"] : []
            if query.hasPrefix("-v ") {
                query.removeFirst(3)
                extra.append("-v")
            }
            let seeked = try CLIHarness.run(extra + options + ["--sorted", "--stats", query, file.path])
            let scanned = try CLIHarness.run(extra + options + [query], stdin: log.bytes)
            let difference = CLIHarness.firstDifference(scanned.stdoutText, seeked.stdoutText)
            #expect(difference == nil, "\(options) \(query): \(difference ?? "")")
            #expect(seeked.status == scanned.status)
            #expect(seeked.stderr.contains("loupe: stats: \(file.path): seeked to bytes "), "\(seeked.stderr)")
        }
    }

    @Test func anUnsortedFileIsScannedAndSaysSo() throws {
        let directory = CLIHarness.temporaryDirectory()
        var lines = Self.sortedLog().bytes.split(separator: 0x0A).map { Array($0) + [0x0A] }
        lines.reverse()
        let bytes = lines.flatMap { $0 }
        let file = directory.appendingPathComponent("reversed.log")
        try CLIHarness.write(bytes, to: file)
        let options = ["--since", "2024-03-11T08:02:00Z", "--until", "2024-03-11T08:03:00Z"]
        let run = try CLIHarness.run(options + ["--sorted", "--stats", "*", file.path])
        let scanned = try CLIHarness.run(options + ["*"], stdin: bytes)
        #expect(run.stdout == scanned.stdout)
        #expect(!run.stdout.isEmpty)
        #expect(run.stderr.contains("loupe: stats: \(file.path): read in full, no seek: timestamps decrease at byte "))
    }
}

extension TimeSeekTests {
    /// A log whose shape is sorted, almost sorted (a few lines whose clock jumped ahead, as the
    /// user's file had) or shuffled; with the time of each line for an independent count.
    static func log(_ shape: String, seed: UInt64) -> (bytes: [UInt8], times: [Int64], start: Int64, end: Int64) {
        var rng = Generator(seed: seed)
        var ms: Int64 = 1_710_144_000_000
        var times: [Int64] = []
        for i in 0..<12000 {
            ms += Int64.random(in: 0...30, using: &rng)
            let jumped = shape == "almost" && i % 2500 == 1234
            times.append(jumped ? ms + Int64.random(in: 100_000...150_000, using: &rng) : ms)
        }
        if shape == "shuffled" { times.shuffle(using: &rng) }
        let text = times.enumerated().map { i, t in
            let stamp = i % 2 == 0 ? String(t) : "\"\(LoupeKitTestClock.rfc3339(t))\""
            return #"{"ts":\#(stamp),"n":\#(i)}"# + "\n"
        }.joined()
        return (Array(text.utf8), times, times.min()!, times.max()!)
    }

    /// Without --sorted, every answer is a full scan's, whatever the file's order: the count
    /// equals one made here from the times, and a seekable file, standard input and a gzip
    /// copy agree.
    @Test(arguments: ["sorted", "almost", "shuffled"])
    func everyAnswerIsAFullScansWithoutSorted(_ shape: String) throws {
        let directory = CLIHarness.temporaryDirectory()
        let log = Self.log(shape, seed: 7)
        let file = directory.appendingPathComponent("\(shape).log")
        try CLIHarness.write(log.bytes, to: file)
        let gzipped = directory.appendingPathComponent("\(shape).log.gz")
        try CLIHarness.write(try CompressedInputTests.gzip(log.bytes, in: directory), to: gzipped)
        var rng = Generator(seed: 11)
        for round in 0..<6 {
            let a = Int64.random(in: (log.start - 1000)...(log.end + 1000), using: &rng)
            let b = Int64.random(in: (log.start - 1000)...(log.end + 1000), using: &rng)
            // The first range holds the jumped lines of an almost sorted file, far from where
            // they sit in it (the seek that once was the default missed exactly those).
            let (since, until) = round == 0 ? (log.start + 120_000, log.end + 1) : (min(a, b), max(a, b))
            let expected = log.times.filter { $0 >= since && $0 < until }.count
            let options = ["--since", LoupeKitTestClock.rfc3339(since), "--until", LoupeKitTestClock.rfc3339(until), "-c", "*"]
            let plain = try CLIHarness.run(options + ["--stats", file.path])
            let streamed = try CLIHarness.run(options, stdin: log.bytes)
            let compressed = try CLIHarness.run(options + [gzipped.path])
            for run in [plain, streamed, compressed] { #expect(run.stdoutText == "\(expected)\n", "\(shape) [\(since), \(until))") }
            #expect(!plain.stderr.contains("seeked"), "\(plain.stderr)")
        }
    }

    /// With --sorted on a file that is not, a timestamp seen going back is reported with its
    /// line: the user learns that the answer may be short.
    @Test func aBrokenSortedPromiseIsReported() throws {
        let directory = CLIHarness.temporaryDirectory()
        let log = Self.log("almost", seed: 7)
        let file = directory.appendingPathComponent("almost.log")
        try CLIHarness.write(log.bytes, to: file)
        // The whole time range: the seek reads everything, so the jumped line is seen.
        let options = ["--sorted", "--since", LoupeKitTestClock.rfc3339(log.start), "-c", "*", file.path]
        let run = try CLIHarness.run(options)
        #expect(run.stdoutText == "12000\n")
        #expect(
            run.stderr
                == "loupe: \(file.path):1236: a timestamp earlier than the one before it, but --sorted says the input is time-sorted: records outside the part read may be missing (run without --sorted for the exact answer)\n"
        )
        let refused = try CLIHarness.run(["--sorted", "*", file.path])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--sorted goes with --since or --until"), "\(refused.stderr)")
    }
}

/// RFC 3339 text for the test logs (UTC, milliseconds).
enum LoupeKitTestClock {
    static func rfc3339(_ ms: Int64) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'"
        return formatter.string(from: Date(timeIntervalSince1970: Double(ms) / 1000))
    }
}
