import ArgumentParser
import Glibc
import LoupeKit

/// The `loupe` command: queries by default, with subcommands for traces, gates and schemas.
@main
struct Loupe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loupe",
        abstract: "Answer questions about JSON logs and trace exports, fast.",
        discussion: HelpText.overview,
        version: LoupeVersion.current,
        subcommands: [QueryCommand.self],
        defaultSubcommand: QueryCommand.self
    )

    /// Parses and runs with grep's exit codes: a usage error exits 2 (ArgumentParser's own
    /// code for it is 64), and a closed output pipe ends the run quietly instead of killing it.
    static func main() {
        // `loupe ... | head`: see the closed pipe as EPIPE (a clean end), not die of SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot(nil)
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                Diagnostics.write(fullMessage(for: error) + "\n")
                Glibc.exit(2)
            }
            exit(withError: error)
        }
    }
}
