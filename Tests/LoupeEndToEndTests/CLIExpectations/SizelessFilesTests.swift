import Testing

/// Files whose size says 0 but which have bytes (/proc) are read, not taken as empty; one that
/// cannot be read is named. Both were a silent count of 0 (outside probe).
@Suite("Files without a size")
struct SizelessFilesTests {
    @Test func procFilesAreRead() throws {
        let run = try CLIHarness.run(["--stats", "-c", "*", "/proc/self/status"])
        #expect(run.stdoutText == "0\n")
        #expect(run.status == 1)
        #expect(run.stderr.contains("skipped "), "\(run.stderr)")
        #expect(run.stderr.contains(" lines with malformed JSON in /proc/self/status"), "\(run.stderr)")
    }

    @Test func anUnreadableOneIsNamed() throws {
        let run = try CLIHarness.run(["-c", "*", "/proc/self/mem"])
        #expect(run.status == 2)
        #expect(run.stderr == "loupe: /proc/self/mem: read failed: Input/output error\n", "\(run.stderr)")
    }
}
