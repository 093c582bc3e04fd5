/// What reading and assembly found, over all inputs: the data behind the `input` object and
/// the repair messages on standard error.
package struct TraceInputTotals: Sendable {
    package var read: ReadReport
    package var traces = 0
    package var duplicateSpans = 0
    package var sharedSpansSplit = 0
    /// SERVER spans read without a start time that no CLIENT half could time (section 1):
    /// read by the decoder, skipped at assembly.
    package var untimedServersDropped = 0
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
        untimedServersDropped += trace.untimedServersDropped
        missingParents += trace.tree.missingParents
        cyclesCut += trace.tree.cyclesCut
    }

    /// Every repair `--strict` refuses: skipped or fixed-up records, duplicates, orphans, cycles.
    package var repairCount: Int { read.repairCount + untimedServersDropped + duplicateSpans + missingParents + cyclesCut }

    /// Spans read and kept: untimed SERVER spans skipped at assembly do not count.
    package var spansRead: Int { read.spansRead - untimedServersDropped }

    /// Skipped records by reason, with the untimed SERVER spans skipped at assembly counted
    /// among those without a start time.
    package var skipped: [(reason: SkipReason, count: Int)] {
        var skipped = read.skipped
        guard untimedServersDropped > 0 else { return skipped }
        if let i = skipped.firstIndex(where: { $0.reason == .missingStartTime }) {
            skipped[i].count += untimedServersDropped
        } else {
            skipped.append((.missingStartTime, untimedServersDropped))
        }
        return skipped
    }
}
