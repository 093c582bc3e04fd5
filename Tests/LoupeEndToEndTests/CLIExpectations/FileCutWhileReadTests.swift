import Foundation
import Testing

/// A file another program truncates while loupe reads it (its mapping then faults: SIGBUS)
/// ends the run with the file's name and exit 2. It died with "Bus error" (exit 135) and no
/// word (outside probe).
@Suite("A file cut while it is read")
struct FileCutWhileReadTests {
    @Test func truncationIsNamedAndExitsTwo() throws {
        let directory = CLIHarness.temporaryDirectory()
        let file = directory.appendingPathComponent("victim\u{1B}[2J.log")
        var bytes: [UInt8] = []
        let pad = String(repeating: "x", count: 200)
        for i in 0..<200_000 { bytes += Array(#"{"msg":"hello world \#(i)","pad":"\#(pad)"}"#.utf8) + [0x0A] }
        try CLIHarness.write(bytes, to: file)
        // One thread and a regex that looks at every line: the run outlasts the truncation.
        let running = try CLIHarness.start(["--threads", "1", "-c", "msg ~ /wor+ld [0-9]+$/", file.path])
        usleep(300_000)
        #expect(truncate(file.path, 4096) == 0)
        let run = try running.wait()
        if run.status == 0 {
            // The run was faster than the truncation: nothing to check (never seen in practice).
            #expect(run.stdoutText == "200000\n")
            return
        }
        #expect(run.status == 2, "\(run.stderr)")
        #expect(
            run.stderr.hasSuffix(
                "victim?[2J.log: the file got shorter while loupe read it (truncated or rewritten by another program); read it again once it is complete\n"
            ), "\(run.stderr)")
    }
}
