import Foundation
import Testing

/// Runs every `Tests/Fixtures/e2e/*.case` against the built binary. With the environment
/// variable `LOUPE_RECORD_FIXTURES=1` the cases' expected output is re-recorded instead
/// (review the diff before committing it).
@Suite("End-to-end fixtures", .enabled(if: LoupeProcess.binaryExists, "the loupe binary was not found next to the test bundle"))
struct FixtureTests {
    static let recording = ProcessInfo.processInfo.environment["LOUPE_RECORD_FIXTURES"] == "1"

    @Test(arguments: Fixture.all)
    func fixture(_ fixture: Fixture) throws {
        #expect(fixture.problems == [])
        let outcome = try fixture.run()
        if Self.recording {
            try fixture.record(outcome)
            return
        }
        let stdout = Fixture.render("stdout", outcome.stdout)
        let stderr = Fixture.render("stderr", outcome.stderr)
        #expect(stdout == Fixture.render("stdout", fixture.expectedStdout))
        #expect(stderr == Fixture.render("stderr", fixture.expectedStderr))
        #expect(outcome.status == fixture.expectedExit)
        #expect(!outcome.signaled)
        // The rendering is for readable diffs; the bytes must match exactly too.
        #expect(outcome.stdout == fixture.expectedStdout)
        #expect(outcome.stderr == fixture.expectedStderr)
    }

    @Test func thereAreFixtures() {
        #expect(Fixture.all.count >= 50)
    }
}

/// The harness itself: the binary is where `swift test` builds it, and the fixture format's
/// helpers do what the README says.
@Suite("End-to-end harness")
struct HarnessTests {
    /// `swift test` builds the `loupe` product; the end-to-end suites need it and would
    /// otherwise only be skipped.
    @Test func binaryIsBuilt() {
        #expect(LoupeProcess.binaryExists, "no executable at \(LoupeProcess.binary)")
    }

    @Test func shellWords() {
        #expect(ShellWords.split(#"-c 'level == "error"' a.log"#) == ["-c", #"level == "error""#, "a.log"])
        #expect(ShellWords.split(#""a \"b\" \\ \n" x\ y ''"#) == [#"a "b" \ \n"#, "x y", ""])
    }

    @Test func escapesRoundTrip() {
        let bytes: [UInt8] = [0x7B, 0x0D, 0x0A, 0x00, 0x09, 0x1B, 0xFF, 0xC3, 0xA9, 0xC3, 0x01]
        #expect(Escapes.encode(bytes) == "{␍\n␀␉␛⟨FF⟩é⟨C3⟩⟨01⟩")
        #expect(Escapes.decode(Escapes.encode(bytes)) == bytes)
    }
}
