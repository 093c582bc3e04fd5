/// Where a pipeline's results go. The pipeline drives: `begin` once, then `consume` for each
/// item in output order until one returns `.stop`, then `finish` once. A sink never reads
/// input; the printers (LoupeOutput) are sinks, and the only code that turns results into
/// text or touches a terminal.
///
/// The protocol lives with the execution that drives it, as ripgrep's `Sink` lives with its
/// searcher and its printers implement it: the engine cannot see LoupeOutput.
package protocol Sink<Item, Failure> {
    associatedtype Item
    /// Why output failed (a closed pipe, a full disk).
    associatedtype Failure: Error
    mutating func begin() throws(Failure)
    /// Takes the next item; `.stop` asks for no more.
    mutating func consume(_ item: Item) throws(Failure) -> SinkDecision
    mutating func finish() throws(Failure)
}

/// Whether the pipeline should go on feeding a sink.
package enum SinkDecision: Sendable {
    case `continue`, stop
}
