import ArgumentParser
import LoupeKit

/// The `loupe` command: queries by default, with subcommands for traces, gates and schemas.
@main
struct Loupe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loupe",
        abstract: "Answer questions about JSON logs and trace exports, fast.",
        discussion: HelpText.overview,
        version: LoupeVersion.current,
        subcommands: [QueryCommand.self, GateCommand.self],
        defaultSubcommand: QueryCommand.self
    )
}
