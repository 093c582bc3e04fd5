/// What reading and assembly found, over all inputs: the data behind the `input` object and
/// the repair messages on standard error.
package struct TraceInputTotals: Sendable {
    package var read: ReadReport
    package var traces = 0
    package var duplicateSpans = 0
    package var sharedSpansSplit = 0
    package var missingParents = 0
    package var cyclesCut = 0

    package init(read: ReadReport) {
        self.read = read
    }

    /// Adds what assembling one trace found.
    package mutating func add(_ trace: Trace) {
        traces += 1
        duplicateSpans += trace.duplicatesDropped
        sharedSpansSplit += trace.sharedSpansSplit
        missingParents += trace.tree.missingParents
        cyclesCut += trace.tree.cyclesCut
    }

    /// Every repair `--strict` refuses: skipped or fixed-up records, duplicates, orphans, cycles.
    package var repairCount: Int { read.repairCount + duplicateSpans + missingParents + cyclesCut }
}
