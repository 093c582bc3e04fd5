import Testing

@testable import LoupeOutput

/// The progress line's parts that need no terminal: when it may show, and its numbers.
/// (`LoupeEndToEndTests/CLIExpectations/ProgressTests` runs it on a pseudo-terminal.)
@Suite("Progress line")
struct ProgressLineTests {
    /// When a progress line may be drawn: standard error is a terminal that shows escapes,
    /// and `CI` is unset, empty, `0` or `false`.
    @Test(
        arguments: [
            (true, [:], true), (true, ["CI": ""], true), (true, ["CI": "0"], true), (true, ["CI": "false"], true),
            (true, ["TERM": "xterm-256color"], true), (false, [:], false), (true, ["CI": "true"], false), (true, ["CI": "1"], false),
            (true, ["TERM": "dumb"], false), (false, ["CI": "false"], false),
        ] as [(Bool, [String: String], Bool)])
    func allowed(terminal: Bool, environment: [String: String], expected: Bool) {
        #expect(ProgressLine.allowed(stderrIsTerminal: terminal, environment: environment) == expected)
    }

    @Test(arguments: [(0, "0 B"), (999, "999 B"), (1500, "2 kB"), (62_900_000, "62.9 MB"), (1_234_000_000, "1.23 GB")])
    func bytes(_ n: Int, _ text: String) {
        #expect(ProgressLine.bytes(n) == text)
    }

    @Test(arguments: [(0, "0"), (999, "999"), (1000, "1,000"), (189_728, "189,728"), (1_234_567, "1,234,567")])
    func grouped(_ n: Int, _ text: String) {
        #expect(ProgressLine.grouped(n) == text)
    }
}
