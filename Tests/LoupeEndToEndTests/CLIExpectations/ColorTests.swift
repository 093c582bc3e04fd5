import Foundation
import Testing

/// `--color auto|always|never` and `NO_COLOR`: colors on terminals only, unless asked; the
/// values a filter tested are highlighted; levels are colored in tables.
@Suite("Colors")
struct ColorTests {
    static let input = #"{"level":"error","status":503,"msg":"upstream"}"# + "\n" + #"{"level":"info","status":200,"msg":"ok"}"# + "\n"

    private func directory() throws -> URL {
        let directory = CLIHarness.temporaryDirectory()
        try CLIHarness.write(Array(Self.input.utf8), to: directory.appendingPathComponent("app.log"))
        return directory
    }

    @Test func pipesGetNoColorUnlessAsked() throws {
        let auto = try CLIHarness.run(["status >= 500"], stdin: Array(Self.input.utf8))
        #expect(auto.stdoutText == #"{"level":"error","status":503,"msg":"upstream"}"# + "\n")
        let always = try CLIHarness.run(["--color", "always", #"status >= 500 and level == "error""#], stdin: Array(Self.input.utf8))
        // The tested values, and only they, are highlighted.
        #expect(
            always.stdoutText == "{\"level\":\"\u{1B}[1;31merror\u{1B}[0m\",\"status\":\u{1B}[1;31m503\u{1B}[0m,\"msg\":\"upstream\"}\n")
    }

    @Test(arguments: [
        (["NO_COLOR": "1"], "auto", false),
        ([:], "auto", true),
        (["TERM": "dumb"], "auto", false),
        ([:], "never", false),
        (["NO_COLOR": "1"], "always", true),
    ])
    func terminalsGetColorUnlessToldOtherwise(_ extra: [String: String], _ choice: String, _ colored: Bool) throws {
        let out = try CLIHarness.runInTerminal(
            "$LOUPE --color \(choice) 'status >= 500' app.log", in: try directory(), environment: CLIHarness.environment(extra))
        #expect(out.contains(0x1B) == colored, "\(extra) --color \(choice)")
    }

    @Test func levelsAreColoredInTables() throws {
        let out = try CLIHarness.runInTerminal("$LOUPE '* | count by level' app.log", in: try directory())
        let text = String(decoding: out, as: UTF8.self)
        #expect(text.contains("\u{1B}[31merror"), "error in red: \(text.debugDescription)")
        #expect(text.contains("\u{1B}[32minfo"), "info in green")
    }
}
