import Foundation
import LoupeTestSupport
import Testing

/// `loupe trace`, `loupe hotspots` and spans as records, run as the built binary on inputs that
/// are generated here or read from the shared corpus (when it sits beside the repository).
@Suite("Traces end to end", .enabled(if: LoupeProcess.binaryExists, "the loupe binary was not found next to the test bundle"))
struct TraceEndToEndTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/traces")

    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("../shared/corpus").standardized

    static let formats = ["checkout.otlp.json", "checkout.otlp.jsonl", "checkout.jaeger.json", "checkout.zipkin.json"]

    /// TRACE-SEMANTICS 7 documents are identical whichever of the four formats a trace comes in,
    /// with detection and with the format forced.
    @Test(arguments: ["", "--critical-path", "--parallel", "--errors"])
    func theSameTraceInFourFormatsGivesIdenticalJSON(_ section: String) throws {
        var outputs: [[UInt8]] = []
        for file in Self.formats {
            let forced = ["otlp.json": "otlp", "otlp.jsonl": "otlp-lines", "jaeger.json": "jaeger", "zipkin.json": "zipkin"]
                .first { file.hasSuffix($0.key) }!.value
            for extra in [[], ["--format", forced]] {
                let arguments = ["trace", "-o", "json"] + (section.isEmpty ? [] : [section]) + extra + [file]
                let outcome = try LoupeProcess.run(arguments, in: Self.fixtures.path)
                #expect(outcome.status == 0, "\(arguments): \(outcome)")
                outputs.append(outcome.stdout)
            }
        }
        #expect(!outputs[0].isEmpty)
        for output in outputs { #expect(output == outputs[0]) }
        let json = try JSONSerialization.jsonObject(with: Data(outputs[0]))
        #expect(json is [String: Any])
    }

    /// `--top` says how many traces it left out, in text and Markdown; JSON lists what it shows.
    @Test func topSaysWhatItLeftOut() throws {
        let samples = Self.fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Samples/traces.json").path
        for format in ["text", "markdown"] {
            let outcome = try LoupeProcess.run(["trace", "--top", "2", "-o", format, samples], in: Self.fixtures.path)
            #expect(outcome.status == 0)
            #expect(String(decoding: outcome.stdout, as: UTF8.self).contains("… 198 more traces not shown (--top N shows more)\n"), "\(format)")
        }
        let all = try LoupeProcess.run(["trace", "--top", "200", samples], in: Self.fixtures.path)
        #expect(!String(decoding: all.stdout, as: UTF8.self).contains("not shown"))
    }

    /// `--trace` given several times reports each trace it names (a second one replaced the
    /// first: outside probe); an id not in the input is named, and the rest still reported.
    @Test func severalTraceIDs() throws {
        let samples = Self.fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Samples/traces.json").path
        let arguments = [
            "trace", "-o", "json", "--critical-path", "--trace", "cbb146638c7086b6fc7543b254379943", "--trace", "ffff",
            "--trace", "9C34269AB18B43B3EDE1166BA63ECA7A", samples,
        ]
        let outcome = try LoupeProcess.run(arguments, in: Self.fixtures.path)
        #expect(outcome.status == 0)
        #expect(outcome.stderrText == "loupe: trace ffff is not in the input (200 traces read)\n")
        let document = try #require(JSONSerialization.jsonObject(with: Data(outcome.stdout)) as? [String: Any])
        let traces = try #require(document["traces"] as? [[String: Any]])
        #expect(Set(traces.compactMap { $0["trace_id"] as? String }) == ["cbb146638c7086b6fc7543b254379943", "9c34269ab18b43b3ede1166ba63eca7a"])
        let none = try LoupeProcess.run(["trace", "--trace", "ffff", "--trace", "eeee", samples], in: Self.fixtures.path)
        #expect(none.status == 1)
        #expect(none.stderrText.components(separatedBy: "is not in the input").count == 3, "\(none.stderrText)")
    }

    /// `--block-size` is honoured by `trace` (it splits a file's decoding into pieces that
    /// small), and the report stays the same; a bad value is a usage error.
    @Test func blockSizeSplitsDecodingAndChangesNothing() throws {
        let samples = Self.fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Samples/traces.json").path
        let plain = try LoupeProcess.run(["trace", "-o", "json", samples], in: Self.fixtures.path)
        let split = try LoupeProcess.run(["trace", "-o", "json", "--threads", "3", "--block-size", "3000", samples], in: Self.fixtures.path)
        #expect(plain.status == 0 && split.status == 0)
        #expect(split.stdout == plain.stdout)
        let bad = try LoupeProcess.run(["hotspots", "--block-size", "0", samples], in: Self.fixtures.path)
        #expect(bad.status == 2)
        #expect(String(decoding: bad.stderr, as: UTF8.self).contains("--block-size must be at least 1"))
    }

    /// A big export, so that decoding (from 4 MiB), assembly (above 64 traces) and analysis
    /// all run on several threads: four threads give what one gives. `.ci/run` runs this under
    /// ThreadSanitizer. (ParallelDecodeTests covers the split of the other formats.)
    @Test func threadsDoNotChangeTheReports() throws {
        let directory = try TemporaryDirectory(prefix: "loupe-threads")
        directory.write("big.json", Array(TraceExports.generate("otlp", minimumBytes: 5 << 20).utf8))
        let commands = [
            ["hotspots", "-o", "json"], ["-c", "*"], ["-o", "json", "* | count by service.name"],
            ["trace", "-o", "json", "--trace", String(format: "%032x", 1234)],
        ]
        for command in commands {
            let one = try LoupeProcess.run(command + ["--threads", "1", "big.json"], in: directory.path)
            #expect(one.status == 0 && !one.stdout.isEmpty, "\(command): \(one.stderrText)")
            let four = try LoupeProcess.run(command + ["--threads", "4", "big.json"], in: directory.path)
            #expect(four.status == one.status, "\(command): \(four.stderrText)")
            #expect(four.stdout == one.stdout, "\(command)")
            #expect(four.stderr == one.stderr, "\(command)")
        }
    }

    /// A 100,000-level chain of spans: reading, assembly and every analyzer stay iterative.
    @Test func aHundredThousandLevelChain() throws {
        let depth = 100_000
        var text =
            #"{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"deep"}}]},"scopeSpans":[{"spans":["#
        for i in 0..<depth {
            if i > 0 { text += "," }
            let parent = i == 0 ? "" : String(format: "%016x", i)
            text +=
                #"{"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"\#(String(format: "%016x", i + 1))","parentSpanId":"\#(parent)","name":"level","kind":1,"startTimeUnixNano":"\#(1_000_000 + i)","endTimeUnixNano":"\#(1_000_000 + 2 * depth - i)","status":{"code":\#(i == depth - 1 ? 2 : 0)}}"#
        }
        text += "]}]}]}\n"
        let directory = try TemporaryDirectory(prefix: "loupe-deep")
        directory.write("deep.json", Array(text.utf8))
        let outcome = try LoupeProcess.run(["trace", "-o", "json", "deep.json"], in: directory.path)
        #expect(outcome.status == 0, "\(outcome.stderrText)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout)) as? [String: Any])
        let traces = try #require((json["critical_path"] as? [String: Any])?["traces"] as? [[String: Any]])
        let segments = try #require((traces.first?["fragments"] as? [[String: Any]])?.first?["segments"] as? [Any])
        #expect(segments.count == 2 * depth - 1)
        let text2 = try LoupeProcess.run(["trace", "--color", "never", "deep.json"], in: directory.path)
        #expect(text2.status == 0)
        // The compact tree: the head, the 24 largest self times, and one line for the rest.
        #expect(text2.stdoutText.contains("more spans on the path"))
        #expect(text2.stdoutText.split(separator: "\n").count < 50)
    }

    /// Every trace export of the corpus is read without a crash; repairs are reported on stderr.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: corpus.path), "../shared/corpus is not beside the repository"))
    func everyCorpusExportIsRead() throws {
        for directory in ["otlp", "jaeger", "zipkin"] {
            let path = Self.corpus.appendingPathComponent(directory).path
            for name in (try FileManager.default.contentsOfDirectory(atPath: path)).sorted() {
                let notTraces = name.contains("logs") || name.contains("events")
                for command in [["trace", "-o", "json"], ["hotspots"], ["-c", "*"]] {
                    let outcome = try LoupeProcess.run(command + [name], in: path)
                    #expect(!outcome.signaled, "\(directory)/\(name): \(outcome)")
                    if notTraces {
                        // Logs, not spans: the trace commands refuse them; as records they are lines.
                        if command[0] != "-c" { #expect(outcome.status == 2, "\(command) \(directory)/\(name)") }
                    } else {
                        #expect(outcome.status == 0, "\(command) \(directory)/\(name): \(outcome.stderrText)")
                    }
                }
            }
        }
    }

    /// Spans as records from standard input, and `--format` forcing a format.
    @Test func spansAsRecordsFromStandardInput() throws {
        let input = LoupeProcess.Input.file(Self.fixtures.appendingPathComponent("checkout.zipkin.json").path)
        let count = try LoupeProcess.run(["-c", "status == \"error\""], in: Self.fixtures.path, stdin: input)
        #expect(count.stdoutText == "4\n")
        // 100, 68, 66 and 55 ms (the duplicate span is a record too, of 11 ms).
        let forced = try LoupeProcess.run(["--format", "zipkin", "-c", "duration >= 55ms"], in: Self.fixtures.path, stdin: input)
        #expect(forced.stdoutText == "4\n")
        let asLines = try LoupeProcess.run(["--format", "jsonl", "-c", "*"], in: Self.fixtures.path, stdin: input)
        #expect(asLines.status == 1, "the pretty-printed array is not JSON lines: \(asLines)")
    }
}
