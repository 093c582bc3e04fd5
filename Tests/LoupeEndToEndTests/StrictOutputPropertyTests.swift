import Foundation
import LoupeTestSupport
import Testing

/// The promise of `--strict`, end to end, for every shape of output: a run that stops at a bad
/// record prints only lines that stand before it in the input (as grep would have printed them),
/// never an answer computed from part of the input (a table, `-c`'s count, sorted records, a
/// field catalog); a run without a bad record prints what the run without `--strict` prints.
/// A limit, `-m` or `-q` shortens what is printed, never what `--strict` reads.
/// Random records with at most one damaged line, at random block sizes and thread counts.
@Suite("--strict output", .enabled(if: LoupeProcess.binaryExists, "the loupe binary was not found next to the test bundle"))
struct StrictOutputPropertyTests {
    /// A query and whether its output is lines of the input (else: an answer about all of it).
    static let queries: [(arguments: [String], printsLines: Bool)] = [
        (["*"], true),
        (["level == \"error\""], true),
        (["-c", "*"], false),
        (["* | count by service"], false),
        (["level == \"error\" | stats count() by service"], false),
        (["* | sort id desc | limit 3"], false),
        (["fields"], false),
        // A limit, -m or -q ends the printing, not the reading: a bad record after it still fails.
        (["* | limit 3"], true),
        (["-m", "2", "level == \"error\""], true),
        (["-q", "*"], true),
        (["* | fields id, service | limit 2"], false),
    ]

    static let damage = ["not json", "{\"level\":\"error\",", "{\"level\":\"error\",\"id\":NaN}", "{\"level\":\"error\"}}", "\u{1}"]

    @Test func aStrictRunPrintsNoPartialAnswer() throws {
        let directory = try TemporaryDirectory(prefix: "loupe-strict")
        var rng = SplitMix64(seed: 29)
        for round in 0..<60 {
            var lines: [String] = []
            for i in 0..<Int(20 + rng.next() % 400) {
                let level = rng.next() % 3 == 0 ? "error" : "info"
                lines.append("{\"level\":\"\(level)\",\"id\":\(i),\"service\":\"s\(rng.next() % 4)\"}")
            }
            let bad: Int? = rng.next() % 4 == 0 ? nil : Int(rng.next() % UInt64(lines.count))
            if let bad { lines.insert(Self.damage[Int(rng.next() % UInt64(Self.damage.count))], at: bad) }
            directory.write("app.log", Array((lines.joined(separator: "\n") + "\n").utf8))
            let before = Set(lines.prefix(bad ?? lines.count))
            let setting = ["--threads", String(1 + rng.next() % 2), "--block-size", String(256 + rng.next() % 4096)]
            for query in Self.queries {
                let isFields = query.arguments == ["fields"]
                let arguments = (isFields ? ["fields"] : []) + setting + (isFields ? [] : query.arguments) + ["app.log"]
                let strict = try LoupeProcess.run((isFields ? ["fields", "--strict"] : ["--strict"]) + arguments.dropFirst(isFields ? 1 : 0), in: directory.path)
                let context = "round \(round), bad line \(bad.map { String($0 + 1) } ?? "none"), \(arguments)"
                guard bad != nil else {
                    let plain = try LoupeProcess.run(arguments, in: directory.path)
                    #expect(strict.stdout == plain.stdout && strict.status == plain.status, "\(context)")
                    continue
                }
                #expect(strict.status == 2, "\(context)")
                let printed = strict.stdoutText.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
                if query.printsLines {
                    #expect(printed.allSatisfy { before.contains(String($0)) }, "\(context): \(strict.stdoutText)")
                } else {
                    #expect(strict.stdoutText == "", "\(context): \(strict.stdoutText)")
                }
            }
        }
    }
}
