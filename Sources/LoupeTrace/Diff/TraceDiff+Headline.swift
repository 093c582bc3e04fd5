extension TraceDiff {
    /// A path the headline names as accounting for the change of the end-to-end duration.
    package struct Cause: Sendable, Equatable {
        package var row: Row
        /// Its critical-path self time moved the way the duration did (else: only its number
        /// of calls changed).
        package var onCriticalPath: Bool
        /// Its calls grew and the current side calls it at least `nPlusOneMin` times: the N+1
        /// shape of TRACE-SEMANTICS 4.
        package var repeated: Bool
    }

    /// The headline's causes: the largest changes of critical-path self time in the direction
    /// of the duration's change (at most three), then the largest changes in the number of
    /// calls of the other paths (at most two). Paths that did not change are never named.
    package func causes(nPlusOneMin: Int = ParallelParameters().nPlusOneMin) -> [Cause] {
        func cause(_ row: Row, onCriticalPath: Bool) -> Cause {
            Cause(row: row, onCriticalPath: onCriticalPath, repeated: row.deltaCalls > 0 && row.cur.calls >= Int64(nPlusOneMin))
        }
        let direction = (cur.durationNs - base.durationNs).signum()
        let timed = rows.filter { $0.change != .same && direction != 0 && $0.deltaCpSelfNs.signum() == direction }.prefix(3)
        let named = Set(timed.map(\.path))
        let called = rows.filter { $0.change != .same && $0.deltaCalls != 0 && !named.contains($0.path) }
            .sorted { abs($0.deltaCalls) != abs($1.deltaCalls) ? abs($0.deltaCalls) > abs($1.deltaCalls) : $0.path < $1.path }
            .prefix(2)
        return timed.map { cause($0, onCriticalPath: true) } + called.map { cause($0, onCriticalPath: false) }
    }
}
