import LoupeIO
import LoupeTrace

/// The end-of-run messages about skipped and repaired spans (TRACE-SEMANTICS 1 and 2), one
/// line per kind, each saying what loupe did about it.
enum RepairReport {
    static func print(_ totals: TraceInputTotals) {
        let read = totals.read
        printSkips(read)
        if read.negativeDurationsClamped > 0 {
            Diagnostics.error(
                "\(spans(read.negativeDurationsClamped)) ended before \(it(read.negativeDurationsClamped)) started: end set to start (duration 0)"
            )
        }
        if read.missingDurations > 0 {
            Diagnostics.error("\(spans(read.missingDurations)) had no end time or duration: read as duration 0")
        }
        if read.selfParentsCleared > 0 {
            Diagnostics.error(
                "\(spans(read.selfParentsCleared)) named \(read.selfParentsCleared == 1 ? "itself" : "themselves") as parent: read as having no parent"
            )
        }
        if totals.duplicateSpans > 0 {
            Diagnostics.error(
                "dropped \(Diagnostics.plural(totals.duplicateSpans, "duplicate span")) (a trace and span id seen before; the first was kept)"
            )
        }
        if totals.missingParents > 0 {
            Diagnostics.error(
                "\(spans(totals.missingParents)) \(totals.missingParents == 1 ? "names a parent" : "name parents") not in the input: each heads an orphan fragment"
            )
        }
        if totals.cyclesCut > 0 {
            Diagnostics.error(
                "cut \(Diagnostics.plural(totals.cyclesCut, "parent cycle")): the member with the earliest start heads an orphan fragment")
        }
    }

    /// One line per input and skip reason, the same for every command that reads spans: which
    /// input, where (the line, or the byte of a one-line document), why, and how much was read.
    /// A broken document, or an input cut short, cannot be read past the break.
    static func printSkips(_ read: ReadReport) {
        for input in read.inputs {
            let format = InputFormat(rawValue: input.format)
            let isLines = format?.isLines == true
            let read = format?.isOTLPLogs == true ? Diagnostics.plural(input.logRecords, "log record") : spans(input.spans)
            for skip in input.skips {
                let at: String
                if let line = skip.line, line > 1 || isLines { at = "line \(line)" } else { at = "byte \(skip.offset + 1)" }
                if skip.reason == .truncatedInput || (skip.reason.isDocumentLevel && !isLines) {
                    Diagnostics.stoppedReading(input.name, at: at, skip.message, before: read)
                } else {
                    let what = Diagnostics.plural(skip.count, skip.reason.isDocumentLevel ? "line" : "span")
                    Diagnostics.error("skipped \(what) \(skip.reason.phrase) in \(input.name) (first at \(at): \(skip.message))")
                }
            }
        }
    }

    private static func spans(_ n: Int) -> String { Diagnostics.plural(n, "span") }

    private static func it(_ n: Int) -> String { n == 1 ? "it" : "they" }
}
