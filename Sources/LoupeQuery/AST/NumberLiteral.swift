/// A number as written in a query: its text, which the engine reads exactly (an integer beyond
/// 2^53 is not rounded through a double), and its nearest double for the places that want one
/// (`limit`, array indexes, percentiles).
///
/// Two literals are equal when they are spelled alike; `1E3` and `1000` are different
/// literals with equal values.
package struct NumberLiteral: Hashable, Sendable, CustomStringConvertible {
    /// The text as written (`-1.5e3`, `007`, `.5`).
    package let text: String
    /// The nearest double.
    package let value: Double

    /// nil when `text` is not a number.
    package init?(_ text: String) {
        guard let value = Double(text) else { return nil }
        self.text = text
        self.value = value
    }

    package var description: String { text }
}
