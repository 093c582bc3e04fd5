import LoupeTrace

/// The report's words for what sanitizing did (`ClippedChildren`).
extension ClippedChildren {
    /// One sentence per cause, for people: "clock skew: 1 span started before its parent …".
    package var sentences: [String] {
        var out: [String] = []
        if startedBefore > 0 {
            out.append(
                "clock skew: \(Self.spans(startedBefore)) started before \(Self.their(startedBefore)) parent"
                    + " (counted from the parent's start)")
        }
        if ranPast > 0 {
            out.append("\(Self.spans(ranPast)) ran past \(Self.their(ranPast)) parent (counted up to the parent's end)")
        }
        if endedBefore > 0 {
            out.append(
                "clock skew: " + Self.dropped(endedBefore, endedBeforeBelow) + ": ended before \(Self.their(endedBefore)) parent started")
        }
        if startedAfter > 0 {
            out.append(Self.dropped(startedAfter, startedAfterBelow) + ": started after \(Self.their(startedAfter)) parent ended")
        }
        return out
    }

    /// "1 span dropped with 651 below it", "2 spans dropped".
    static func dropped(_ n: Int, _ below: Int) -> String {
        spans(n) + " dropped" + (below > 0 ? " with \(below) below \(n == 1 ? "it" : "them")" : "")
    }

    static func spans(_ n: Int) -> String { "\(n) span\(n == 1 ? "" : "s")" }

    static func their(_ n: Int) -> String { n == 1 ? "its" : "their" }
}
