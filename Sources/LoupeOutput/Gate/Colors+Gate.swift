extension Colors {
    /// A regression or a failed budget.
    package static let failure = "\u{1B}[1;31m"
    /// An improvement or a passed gate.
    package static let success = "\u{1B}[32m"
    /// Groups the gate could not judge.
    package static let muted = "\u{1B}[2m"
}
