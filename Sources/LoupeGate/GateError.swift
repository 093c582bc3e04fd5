/// Why the gate cannot give a verdict: an unreadable baseline, a bad budget, sides that
/// cannot be compared. The message names what and where; the CLI prefixes it with `loupe: `.
package struct GateError: Error, CustomStringConvertible, Equatable {
    package var description: String

    package init(description: String) {
        self.description = description
    }
}
