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
        subcommands: [QueryCommand.self, TraceCommand.self, HotspotsCommand.self, GateCommand.self, FieldsCommand.self],
        defaultSubcommand: QueryCommand.self
    )

    /// Runs the command with grep's exit codes: usage errors exit 2 (not ArgumentParser's 64),
    /// and a closed output pipe ends the run quietly instead of killing it with SIGPIPE.
    static func main() {
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ArgumentParser.ExitCode {
            Glibc.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                print(message)
                Glibc.exit(0)
            }
            Diagnostics.write(message.hasPrefix("Error: ") ? "loupe: " + message.dropFirst(7) + "\n" : message + "\n")
            Glibc.exit(LoupeKit.ExitCode.error.rawValue)
        }
    }
}
