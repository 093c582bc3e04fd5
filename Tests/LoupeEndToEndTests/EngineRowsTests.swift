import Foundation
import LoupeEngine
import LoupeSQL
import LoupeTestSupport
import Testing

@testable import LoupeKit

/// How `--engine` reads the engine's cells back into loupe's values: record values by loupe's
/// JSON rules (whole numbers up to 2^53 are integers, escapes decoded), computed numbers by
/// their text (a fraction or exponent is a double, as loupe's avg is).
struct EngineRowsTests {
    static let cases: [(String?, SQLColumn.Kind, RowValue)] = [
        (nil, .value, .null),
        ("null", .value, .null),
        ("\"checkout\"", .value, .string("checkout")),
        ("\"a\\u0062\\\"c\"", .value, .string("ab\"c")),
        ("1712790000123000001", .value, .number(.integer(1712790000123000001))),
        ("1000.0", .value, .number(.integer(1000))),
        ("2.5", .value, .number(.double(2.5))),
        ("true", .value, .bool(true)),
        ("[1,\"x\"]", .value, .json("[1,\"x\"]")),
        ("3.0", .number, .number(.double(3))),
        ("1e+20", .number, .number(.double(1e20))),
        ("42", .number, .number(.integer(42))),
        ("-9223372036854775808", .number, .number(.integer(.min))),
    ]

    @Test(arguments: cases)
    func readsBack(_ text: String?, _ kind: SQLColumn.Kind, _ expected: RowValue) {
        #expect(EngineRun.value(of: text, kind: kind) == expected)
    }

    /// The engine's output lines read into cells (this was Foundation's `JSONSerialization`):
    /// an array's elements, DuckDB CLI's object by its `c0`, `c1`, ... keys (missing ones nil,
    /// other keys ignored), strings decoded, anything but a string nil.
    @Test(arguments: [
        (#"["a", null, "b\u0063\"", 3]"#, 4, [String?]?.some(["a", nil, "bc\"", nil])),
        (#" {"c1": "y", "c0": "x", "c01": "no", "d": "no"} "#, 3, ["x", "y", nil]),
        (#"{}"#, 2, [nil, nil]),
        (#"[]"#, 0, []),
        (#""text""#, 1, nil),
        (#"7"#, 1, nil),
    ])
    func cellsOfARow(_ line: String, _ columns: Int, _ expected: [String?]?) {
        let bytes = Array(line.utf8)
        let cells = bytes.withUnsafeBufferPointer { EngineProcess.cells($0.baseAddress!, count: $0.count, columns: columns) }
        #expect(cells == expected)
    }

    /// Random rows written by Foundation's `JSONSerialization` (which read them before) as
    /// arrays and as DuckDB's objects, in random key order with keys that are not cells: the
    /// cells read back are the strings written, everything else nil.
    @Test func cellsMatchAnIndependentWriter() throws {
        var rng = SplitMix64(seed: 0xE9_61)
        let pieces = ["a", "é", "\"", "\\", "\n", "\u{1}", "\u{7f}", "😀", " ", "c0", "\u{2028}"]
        for _ in 0..<300 {
            let columns = Int(rng.next() % 5)
            var values: [Any] = []
            var expected: [String?] = []
            for _ in 0..<columns {
                switch rng.next() % 4 {
                case 0:
                    values.append(NSNull())
                    expected.append(nil)
                case 1:
                    values.append(Double(rng.next() % 1000) / 8)
                    expected.append(nil)
                default:
                    let text = (0..<Int(rng.next() % 6)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
                    values.append(text)
                    expected.append(text)
                }
            }
            let row: Any
            if rng.next() % 2 == 0 {
                row = values
            } else {
                var object: [String: Any] = ["d": "not a cell", "c\(columns + 3)": "beyond"]
                for (i, value) in values.enumerated() { object["c\(i)"] = value }
                row = object
            }
            let data = try JSONSerialization.data(withJSONObject: row, options: rng.next() % 2 == 0 ? [] : [.prettyPrinted])
            let cells = [UInt8](data).withUnsafeBufferPointer {
                EngineProcess.cells($0.baseAddress!, count: $0.count, columns: columns)
            }
            #expect(cells == expected, "\(String(decoding: data, as: UTF8.self))")
        }
    }

    /// An engine that fails without a word is named with its exit status (it said nothing);
    /// one that cannot be started says why.
    @Test func aSilentFailureSaysTheStatus() throws {
        let scratch = try TemporaryDirectory(prefix: "loupe-engine-fails")
        scratch.write("app.log", Array("{\"level\":\"info\"}\n".utf8))
        let silent = try LoupeProcess.run(
            ["--engine", "duckdb", "* | count", "app.log"], in: scratch.path, environment: ["LOUPE_ENGINE_PYTHON": "/bin/false"])
        #expect(silent.status == 2)
        #expect(silent.stderrText == "loupe: duckdb failed: /bin/false exited with status 1\n")
        let missing = try LoupeProcess.run(
            ["--engine", "duckdb", "* | count", "app.log"], in: scratch.path, environment: ["LOUPE_ENGINE_PYTHON": "/nonexistent/python"])
        #expect(missing.status == 2)
        #expect(missing.stderrText == "loupe: cannot run /nonexistent/python: No such file or directory\n")
    }

    /// A line of the engine's output that is not JSON stops the run with the line shown: a
    /// result row is never skipped or guessed at.
    @Test func aDamagedResultLineIsAnError() throws {
        let scratch = try TemporaryDirectory(prefix: "loupe-engine-damaged")
        scratch.write("app.log", Array("{\"level\":\"info\"}\n".utf8))
        // Stands in for the Python that runs the engine: it writes one good row and one cut one.
        scratch.write("python", Array("#!/bin/sh\ncat >/dev/null\necho '[\"1\"]'\necho '[\"2\",'\n".utf8))
        chmod(scratch.path + "/python", 0o755)
        let outcome = try LoupeProcess.run(
            ["--engine", "duckdb", "* | count", "app.log"], in: scratch.path, environment: ["LOUPE_ENGINE_PYTHON": scratch.path + "/python"])
        #expect(outcome.status == 2)
        #expect(outcome.stdoutText == "")
        #expect(outcome.stderrText == "loupe: duckdb wrote a line that is not JSON: [\"2\",\n")
    }

    /// The engine reads only the records loupe reads, and what it leaves out of them is said:
    /// a stand-in engine answers the count of left-out lines with 1 and records what it was
    /// given to read. A line loupe skips (NaN, which DuckDB would read) never reaches it, and
    /// loupe's own report of it comes after the result, as in a loupe run; under `--strict` the
    /// left-out record is an error and nothing is printed.
    @Test func whatTheEngineLeavesOutIsSaid() throws {
        let scratch = try TemporaryDirectory(prefix: "loupe-engine-left-out")
        scratch.write("app.log", Array("{\"a\":1}\n{\"a\":NaN}\n\n{\"a\":\"\\ud800\"}\n".utf8))
        // Stands in for the Python that runs the engine: copies the file it is asked to read.
        let script = """
            #!/bin/sh
            sql=$(cat)
            file=$(printf '%s' "$sql" | sed -n "s/.*read_ndjson_objects(\\['\\([^']*\\)'.*/\\1/p" | head -n 1)
            cp "$file" "\(scratch.path)/seen.jsonl"
            case "$sql" in
            *"json IS NULL"*) echo '["records", "1"]' ;;
            *) echo '["1"]' ;;
            esac

            """
        scratch.write("python", Array(script.utf8))
        chmod(scratch.path + "/python", 0o755)
        let environment = ["LOUPE_ENGINE_PYTHON": scratch.path + "/python"]
        let outcome = try LoupeProcess.run(["--engine", "duckdb", "-o", "csv", "* | count", "app.log"], in: scratch.path, environment: environment)
        #expect(outcome.stdoutText == "count\n1\n")
        #expect(
            outcome.stderrText == """
                loupe: skipped 1 line with malformed JSON in app.log (first at line 2: unexpected 'N' at byte 6)
                loupe: duckdb left out 1 record that loupe read from app.log, as it does not read it as JSON; loupe's own answer (without --engine) counts it

                """)
        #expect(outcome.status == 0)
        let seen = try String(contentsOfFile: scratch.path + "/seen.jsonl", encoding: .utf8)
        #expect(seen == "{\"a\":1}\n{\"a\":\"\\ud800\"}\n")
        let strict = try LoupeProcess.run(["--engine", "duckdb", "--strict", "* | count", "app.log"], in: scratch.path, environment: environment)
        #expect(strict.stdoutText == "")
        #expect(strict.stderrText == "loupe: app.log:2: unexpected 'N' at byte 6 (--strict stops at the first bad record)\nloupe: cannot read app.log\n")
        #expect(strict.status == 2)
        scratch.write("app.log", Array("{\"a\":1}\n{\"a\":\"\\ud800\"}\n".utf8))
        let leftOut = try LoupeProcess.run(["--engine", "duckdb", "--strict", "* | count", "app.log"], in: scratch.path, environment: environment)
        #expect(leftOut.stdoutText == "")
        #expect(
            leftOut.stderrText
                == "loupe: --strict: duckdb left out 1 record that loupe read from app.log, as it does not read it as JSON; loupe's own answer (without --engine) counts it\n"
        )
        #expect(leftOut.status == 2)
    }

    @Test func streamingOptionsAreRefused() {
        var configuration = QueryConfiguration(query: "*")
        #expect(EngineRun.refusedOption(configuration) == nil)
        configuration.follow = true
        #expect(EngineRun.refusedOption(configuration)?.contains("--follow") == true)
        configuration = QueryConfiguration(query: "*")
        configuration.outputFormat = "svg"
        #expect(EngineRun.refusedOption(configuration)?.contains("-o svg") == true)
    }
}
