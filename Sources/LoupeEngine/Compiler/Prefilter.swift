import LoupeQuery

/// Derives the literal byte strings a record must contain to possibly match a filter.
///
/// A record can only match `level == "error"` if its bytes contain `"error"`, and only match
/// `http.status >= 500` if they contain `status`. The one way a value or key can hide from a
/// byte search is a `\u` escape (the needles are chosen to contain no character with a short
/// escape), so `\u` is always one of the needles: such records take the full path.
package enum Prefilter {
    /// The escape that can spell any character; records containing it are always scanned.
    static let unicodeEscape: [UInt8] = Array("\\u".utf8)

    /// Needles for `expression`, any of which a matching record contains; nil when every record
    /// may match (a negation, `*`, a test that a missing field passes).
    package static func needles(for expression: Expression) -> [[UInt8]]? {
        guard let set = derive(expression), !set.needles.isEmpty else { return nil }
        return set.needles + [unicodeEscape]
    }

    /// A set of alternatives and how selective it is (higher is better).
    struct NeedleSet {
        var needles: [[UInt8]]
        var score: Int
    }

    static func derive(_ expression: Expression) -> NeedleSet? {
        switch expression {
        case .all, .not:
            return nil
        case .and(let a, let b):
            switch (derive(a), derive(b)) {
            case (let x?, let y?): return x.score >= y.score ? x : y
            case (let x?, nil): return x
            case (nil, let y?): return y
            case (nil, nil): return nil
            }
        case .or(let a, let b):
            guard let x = derive(a), let y = derive(b) else { return nil }
            return NeedleSet(needles: x.needles + y.needles, score: min(x.score, y.score) - 1)
        case .compare(let path, let op, let literal, _):
            switch (op, literal) {
            case (.notEqual, _), (.equal, .null):
                return nil
            case (.equal, .string(let s)) where path.keepsValues:
                return valueNeedle(quoted: s) ?? keyNeedle(path)
            default:
                return keyNeedle(path)
            }
        case .compareValues(.literal(let literal, _), let op, .path(let path), let range):
            // Compiled as the mirrored comparison of the path: the same needles.
            return derive(.compare(path, op.mirrored, literal, range))
        case .compareValues:
            // A computed value need not have its text in the line.
            return nil
        case .regex(let path, _, let negated, _):
            return negated ? nil : keyNeedle(path)
        case .member(let path, let values, _):
            if values.isEmpty || values.contains(.null) { return nil }
            var needles: [[UInt8]] = []
            var score = Int.max
            for value in values {
                guard path.keepsValues, case .string(let s) = value, let set = valueNeedle(quoted: s) else { return keyNeedle(path) }
                needles += set.needles
                score = min(score, set.score)
            }
            return NeedleSet(needles: needles, score: score - values.count)
        case .function(let function, let path, let argument, _):
            if function != .exists, path.keepsValues, let argument, let set = valueNeedle(plain: argument) { return set }
            return keyNeedle(path)
        }
    }

    /// The JSON encoding of a string value, quotes included, when it needs no escape.
    static func valueNeedle(quoted s: String) -> NeedleSet? {
        guard isPlain(s) else { return nil }
        return NeedleSet(needles: [Array("\"\(s)\"".utf8)], score: 1000 + s.utf8.count)
    }

    static func valueNeedle(plain s: String) -> NeedleSet? {
        guard !s.isEmpty, isPlain(s) else { return nil }
        return NeedleSet(needles: [Array(s.utf8)], score: 500 + s.utf8.count)
    }

    /// The last key of the path: present in the record's bytes whenever the path is. None for
    /// a well-known field, which may be any of several keys.
    static func keyNeedle(_ path: QueryPath) -> NeedleSet? {
        if path.functions.contains(where: { !$0.takesPath }) { return nil }
        for case .key(let name, _) in path.components.reversed() {
            guard !name.isEmpty, isPlain(name) else { return nil }
            return NeedleSet(needles: [Array(name.utf8)], score: name.utf8.count)
        }
        return nil
    }

    /// True when no character of `s` has a short JSON escape (`\"`, `\\`, `\/`, controls), so
    /// the bytes of `s` appear verbatim unless a `\u` escape is used.
    static func isPlain(_ s: String) -> Bool {
        s.utf8.allSatisfy { $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C && $0 != 0x2F }
    }
}

extension QueryPath {
    /// True when the path's value is a value of the record as written (a plain path, or
    /// `message()`), so a literal it equals appears in the record's bytes; false when a
    /// function maps it (`lower`, `upper`, the normalised `level()` and `time()`).
    var keepsValues: Bool { functions.allSatisfy { $0 == .message } }
}
