import Glibc
import LoupeJSON

/// Runs a program's filter on one record at a time; one per worker thread.
///
/// It owns the scanner and the regex match state, so nothing is shared or allocated per
/// record. After `evaluate`, `scanner.slots` holds the values the program's stages read.
package struct RecordEvaluator {
    package let program: Program
    package private(set) var scanner: JSONScanner
    let matchers: [RegexMatcher]
    /// For each `[*]` path, a scanner per step into an element (nil: the element itself).
    let elementScanners: [[JSONScanner?]]
    /// Scratch for decoding strings that contain escapes.
    var decoded: [UInt8] = []
    /// How many regex matches PCRE2 gave up on (counted as no match).
    package internal(set) var regexLimitHits = 0
    /// Fields where a duration met a bare number of unknown unit, one entry per slot (set on
    /// that rare path only, so the comparisons that work pay nothing).
    package internal(set) var bareDurations: [BareDuration] = []

    /// The result of testing one record.
    package enum Outcome {
        case match, noMatch
        case invalid(JSONError)
    }

    /// The filter is `*`: skip evaluating it.
    private let matchesAll: Bool
    /// The program has derived values (`level()`, `lower(msg)`): compute them after each scan.
    private let derives: Bool
    /// Some derived value is new text, so the record is copied before it (`DerivedStorage`).
    let copiesRecord: Bool
    let derivedStorage: DerivedStorage

    package init(program: Program) {
        self.program = program
        if case .all = program.predicate { matchesAll = true } else { matchesAll = false }
        derives = !program.derived.isEmpty
        copiesRecord = program.derived.contains { $0.derivation.writesBytes }
        derivedStorage = DerivedStorage(
            derivedCount: program.derived.count,
            captureSizes: program.derived.compactMap {
                if case .match(_, _, _, let groups) = $0.derivation { return groups }
                return nil
            })
        scanner = JSONScanner(paths: program.paths)
        matchers = program.regexes.map(RegexMatcher.init)
        elementScanners = program.elementPaths.map { path in
            path.steps.map { step in step.map { JSONScanner(paths: PathSet([$0])) } }
        }
    }

    /// Validates the record, extracts the program's paths and tests its filter.
    @inline(__always)
    package mutating func evaluate(_ base: UnsafePointer<UInt8>, _ count: Int) -> Outcome {
        if let error = scanner.scan(base, count: count) { return .invalid(error) }
        let values = derives ? derive(base, count) : base
        return matchesAll || test(program.predicate, scanner.slots, values) ? .match : .noMatch
    }

    /// What the slots of the record last evaluated at `record` are relative to: the record,
    /// or the copy that derived values follow.
    @inline(__always)
    package func valueBase(_ record: UnsafePointer<UInt8>) -> UnsafePointer<UInt8> {
        copiesRecord ? derivedStorage.base : record
    }

    /// `evaluate` for the line at `base`, finding its end (a newline, or `limit`) in the same
    /// pass; nil when the line is not one valid record (then `evaluate` it to learn why).
    @inline(__always)
    package mutating func evaluateLine(_ base: UnsafePointer<UInt8>, limit: UnsafePointer<UInt8>) -> (
        matched: Bool, end: UnsafePointer<UInt8>
    )? {
        guard let end = scanner.scanLine(base, limit: limit) else { return nil }
        let values = derives ? derive(base, end - base) : base
        return (matchesAll || test(program.predicate, scanner.slots, values), end)
    }

    /// Tests the filter on values found elsewhere than by this evaluator's scanner (a result
    /// row's cells, see `RowRecord`): `slots` holds one value per path of the program.
    package mutating func matches(_ slots: UnsafeBufferPointer<ValueSlot>, _ base: UnsafePointer<UInt8>) -> Bool {
        matchesAll || test(program.predicate, slots, base)
    }

    package mutating func test(_ predicate: Predicate, _ slots: UnsafeBufferPointer<ValueSlot>, _ base: UnsafePointer<UInt8>) -> Bool {
        switch predicate {
        case .all:
            return true
        case .and(let a, let b):
            return test(a, slots, base) && test(b, slots, base)
        case .or(let a, let b):
            return test(a, slots, base) || test(b, slots, base)
        case .not(let inner):
            return !test(inner, slots, base)
        case .compare(let slot, let comparison, let operand):
            return compare(slots[slot], base, comparison, operand, slot: slot)
        case .computed(let a, let comparison, let b):
            return compareComputed(a, comparison, b, slots, base)
        case .member(let slot, let operands):
            let value = slots[slot]
            return operands.contains { compare(value, base, .equal, $0, slot: slot) }
        case .exists(let slot):
            return slots[slot].kind != .missing
        case .regex(let slot, let regex, let negated):
            let value = slots[slot]
            guard value.kind == .string else { return negated }
            let matcher = matchers[regex]
            let outcome = withString(value, base) { matcher.matches($0, $1) }
            if case .limitExceeded = outcome { regexLimitHits += 1 }
            if case .match = outcome { return !negated }
            return negated
        case .contains(let slot, let needle):
            return stringTest(slots[slot], base, needle) { haystack, n in
                n.isEmpty || LiteralSearch.contains(haystack, n)
            }
        case .startsWith(let slot, let needle):
            return stringTest(slots[slot], base, needle) { haystack, n in
                n.isEmpty || (haystack.count >= n.count && memcmp(haystack.baseAddress!, n.baseAddress!, n.count) == 0)
            }
        case .anyElement(let slot, let path, let inner):
            return anyElement(slots[slot], base, slot: slot, path: path, step: 0, inner, slotCount: slots.count)
        case .endsWith(let slot, let needle):
            return stringTest(slots[slot], base, needle) { haystack, n in
                n.isEmpty
                    || (haystack.count >= n.count && memcmp(haystack.baseAddress! + haystack.count - n.count, n.baseAddress!, n.count) == 0)
            }
        }
    }

    /// Calls `body` with the decoded bytes of a string value (raw bytes when unescaped).
    @inline(__always)
    mutating func withString<R>(_ value: ValueSlot, _ base: UnsafePointer<UInt8>, _ body: (UnsafePointer<UInt8>, Int) -> R) -> R {
        if !value.escaped { return body(base + value.start, value.end - value.start) }
        decoded.removeAll(keepingCapacity: true)
        JSONString.decode(base + value.start, base + value.end, into: &decoded)
        return decoded.withUnsafeBufferPointer { body($0.baseAddress ?? base, $0.count) }
    }

    private mutating func stringTest(
        _ value: ValueSlot, _ base: UnsafePointer<UInt8>, _ needle: [UInt8],
        _ check: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Bool
    ) -> Bool {
        guard value.kind == .string else { return false }
        return withString(value, base) { start, count in
            needle.withUnsafeBufferPointer { n in check(UnsafeBufferPointer(start: start, count: count), n) }
        }
    }
}

/// Substring test on small decoded values (not the prefilter's block search).
enum LiteralSearch {
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard needle.count <= haystack.count, let first = needle.first, let base = haystack.baseAddress else { return needle.isEmpty }
        var p = base
        let last = base + (haystack.count - needle.count)
        while p <= last {
            guard let hit = memchr(p, Int32(first), last - p + 1) else { return false }
            let candidate = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(candidate, needle.baseAddress!, needle.count) == 0 { return true }
            p = candidate + 1
        }
        return false
    }
}
