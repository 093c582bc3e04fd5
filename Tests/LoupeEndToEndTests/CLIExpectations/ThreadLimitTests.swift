import Foundation
import Testing

/// When the system starts fewer threads than `--threads` asks for (a limit on processes or
/// threads, as in a container), loupe works with the ones it has: the same answer, exit 0. It
/// trapped on the failed `pthread_create` (exit 132, no message: outside probe).
///
/// The limit is `ulimit -u`, which binds only an unprivileged user and counts every process
/// and thread of that user, so the run switches to `nobody` with util-linux's `setpriv` (the
/// tests run as root in CI); the binary and inputs are copied where that user can read them.
@Suite(
    "Thread limits",
    // ulimit -u counts every process of the user: two cases at once would share the limit.
    .serialized,
    .enabled(
        if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
        "ulimit -u binds only another user: run as root, with util-linux's setpriv, to switch to nobody"))
struct ThreadLimitTests {
    @Test(arguments: [
        "-c '*' app.log", "'* | count by service' app.log", "trace -o json traces.json",
        "hotspots -o json traces.json", "'* | count by service.name' traces.json",
    ])
    func fewerThreadsThanAskedGiveTheSameAnswer(_ command: String) throws {
        let directory = CLIHarness.temporaryDirectory()
        for sample in ["app.log", "traces.json"] {
            try FileManager.default.copyItem(
                at: CLIHarness.repositoryRoot.appendingPathComponent("Samples/\(sample)"), to: directory.appendingPathComponent(sample))
        }
        let binary = directory.appendingPathComponent("loupe")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: CLIHarness.binary), to: binary)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
        // Options follow a subcommand's name.
        let words = command.split(separator: " ", maxSplits: 1).map(String.init)
        let subcommand = ["trace", "hotspots"].contains(words[0]) ? words[0] + " " : ""
        let rest = subcommand.isEmpty ? command : words[1]
        let asNobody = "setpriv --reuid=65534 --regid=65534 --clear-groups "
        // CI=true: no progress line, which a slow run (under a sanitizer) would add.
        func run(_ threads: Int, limit: Int?) throws -> [UInt8] {
            let line = "\(limit.map { "ulimit -u \($0); " } ?? "")CI=true ./loupe \(subcommand)--color never --threads \(threads) \(rest); echo \"rc=$?\""
            return try CLIHarness.runInTerminal(asNobody + "bash -c " + CLIHarness.quoted(line), in: directory)
        }
        // Four threads of its own at most (and the shell): most of the 64 cannot start.
        let limited = try run(64, limit: 6)
        let plain = try run(2, limit: nil)
        let text = String(decoding: limited, as: UTF8.self)
        #expect(text.hasSuffix("rc=0\r\n"), "\(text.suffix(300))")
        #expect(limited == plain, "\(text.suffix(300))")
    }
}
