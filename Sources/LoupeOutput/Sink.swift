/// Where a pipeline's results go. The pipeline drives: `begin`, then `consume` for each batch
/// until it returns `.stop`, then `finish`. Sinks never read input.
package protocol Sink {
    associatedtype Batch
    mutating func begin() throws(OutputError)
    /// Takes one batch of results in input order.
    mutating func consume(_ batch: Batch) throws(OutputError) -> SinkDecision
    mutating func finish() throws(OutputError)
}

/// Whether the pipeline should go on feeding a sink.
package enum SinkDecision {
    case `continue`, stop
}
