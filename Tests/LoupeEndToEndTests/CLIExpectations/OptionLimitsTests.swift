import Testing

/// Number options at the ends of their range are honoured or refused with a message, never a
/// trap: huge limits in milliseconds overflowed nanoseconds, `--min-count` past Int32 and a
/// huge `--width` or `--threads` trapped or ran out of memory (outside probe).
@Suite("Option limits")
struct OptionLimitsTests {
    static let traces = CLIHarness.repositoryRoot.appendingPathComponent("Samples/traces.json").path

    @Test(arguments: [
        ["trace", "--max-gap-ms", "1e13"], ["trace", "--min-saving-ms", "1e13"], ["hotspots", "--min-saving-ms", "inf"],
        ["hotspots", "--max-gap-ms", "inf"], ["diff", "--min-change", "5%,107000d", traces],
        ["trace", "--min-count", "1000000000000"], ["hotspots", "--min-count", "9223372036854775807"],
    ])
    func hugeLimitsMeanNoLimit(_ arguments: [String]) throws {
        let run = try CLIHarness.run(arguments + [Self.traces])
        #expect(run.status <= 1, "\(arguments): \(run.stderr)")
        #expect(!run.stdout.isEmpty)
    }

    @Test(arguments: [
        (["trace", "--waterfall", "--width", "9223372036854775807"], "loupe: --width must be at most 10000"),
        (["trace", "--threads", "50000"], "loupe: --threads must be at most 1024"),
        (["--threads", "50000", "-c", "*"], "loupe: --threads must be at most 1024"),
        (["trace", "--max-gap-ms", "nan"], "loupe: --max-gap-ms must be 0 or more"),
    ])
    func outOfRangeIsRefused(_ arguments: [String], _ message: String) throws {
        let run = try CLIHarness.run(arguments + [Self.traces])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix(message + "\n"), "\(run.stderr)")
    }
}
