import LoupeJSON
import LoupeQuery

/// Where a path with `[*]` leads after the part the scanner extracts (the path up to its first
/// `[*]`, an array): one step per `[*]`, each the path inside an element to the next array or,
/// for the last, to the value tested (nil: the element itself).
///
/// `exceptions[*].frames[*].file` is the slot of `exceptions`, then the steps `frames` and
/// `file`. Paths without `[*]` never get here: they stay one slot, found in the scanner's pass.
package struct ElementPath: Sendable {
    package var steps: [FieldPath?]

    /// Splits a path at its `[*]`s: the path the scanner extracts, and the steps after it.
    package static func split(_ path: QueryPath) -> (prefix: FieldPath, elements: ElementPath) {
        let segments = path.segments
        let steps = segments.dropFirst().map { $0.isEmpty ? nil : FieldPath(steps: $0) }
        return (FieldPath(steps: segments[0]), ElementPath(steps: steps))
    }
}
