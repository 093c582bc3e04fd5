import Foundation
import LoupeTestSupport
import Testing

@testable import LoupeEngine

// A property test: for random records and random filters, the records loupe selects (through
// the chunk processor, prefilter and all) are exactly those a reference evaluator selects. The
// reference is written here from the text of DESIGN section 4, over Foundation's
// JSONSerialization: it shares no code with loupe's scanner or evaluator.

// MARK: - The reference

/// A JSON value as the reference sees it, decoded by JSONSerialization.
private enum RefValue {
    case missing, null, bool(Bool), number(Double), string([UInt8]), object([String: Any]), array([Any])

    init(_ any: Any) {
        switch any {
        case is NSNull: self = .null
        case let n as NSNumber:
            // JSONSerialization returns booleans as NSNumbers whose type code is 'c'.
            if String(cString: n.objCType) == "c" { self = .bool(n.boolValue) } else { self = .number(n.doubleValue) }
        case let s as String: self = .string(Array(s.utf8))
        case let o as [String: Any]: self = .object(o)
        case let a as [Any]: self = .array(a)
        default: fatalError("unexpected JSONSerialization value \(any)")
        }
    }
}

/// One step of a path in a generated query; `any` is `[*]`.
private enum Step: Hashable {
    case key(String, dotted: Bool)
    case index(Int)
    case any
}

private enum RefLiteral {
    case string(String), number(Double, text: String), bool(Bool), null
}

private indirect enum RefExpr {
    case and(RefExpr, RefExpr), or(RefExpr, RefExpr), not(RefExpr)
    case compare([Step], String, RefLiteral)
    case member([Step], [RefLiteral])
    case regex([Step], pattern: String, flags: String, negated: Bool)
    case exists([Step])
    case function(String, [Step], String)
}

private enum Reference {
    static let jsonNumber = try! NSRegularExpression(pattern: #"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$"#)

    /// Every way to read a path: a run of dotted keys may also be one key with dots in it.
    /// The most nested reading comes first; among the others, the one that splits earlier.
    static func readings(_ steps: [Step]) -> [[Step]] {
        guard let first = steps.first else { return [[]] }
        guard case .key(let name, _) = first else { return readings(Array(steps.dropFirst())).map { [first] + $0 } }
        var results: [[Step]] = []
        var joined = name
        var taken = 1
        while true {
            results += readings(Array(steps.dropFirst(taken))).map { [.key(joined, dotted: true)] + $0 }
            guard taken < steps.count, case .key(let next, dotted: true) = steps[taken] else { break }
            joined += "." + next
            taken += 1
        }
        return results
    }

    static func lookup(_ steps: [Step], in record: Any) -> RefValue {
        for reading in readings(steps) {
            var current: Any? = record
            for step in reading {
                switch (step, current) {
                case (.key(let k, _), let o as [String: Any]): current = o[k]
                case (.index(let i), let a as [Any]): current = i < a.count ? a[i] : nil
                default: current = nil
                }
                if current == nil { break }
            }
            if let current { return RefValue(current) }
        }
        return .missing
    }

    /// The values a path with `[*]` names: the path up to the first `[*]` must find an array;
    /// each of its elements goes on through the next steps (an element they do not lead
    /// through gives missing); an array is needed again at each further `[*]`.
    static func lookupAll(_ steps: [Step], in record: Any) -> [RefValue] {
        let segments = steps.split(separator: .any, omittingEmptySubsequences: false).map(Array.init)
        var values: [RefValue] = [lookup(segments[0], in: record)]
        for segment in segments.dropFirst() {
            var next: [RefValue] = []
            for case .array(let elements) in values {
                for element in elements {
                    next.append(segment.isEmpty ? RefValue(element) : lookup(segment, in: element))
                }
            }
            values = next
        }
        return values
    }

    static func hasAny(_ steps: [Step]) -> Bool { steps.contains(.any) }

    static func isJSONNumber(_ s: [UInt8]) -> Bool {
        let text = String(decoding: s, as: UTF8.self)
        return jsonNumber.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    static func lexicographic(_ a: [UInt8], _ b: [UInt8]) -> Int {
        for (x, y) in zip(a, b) where x != y { return x < y ? -1 : 1 }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    static func compare(_ v: RefValue, _ op: String, _ literal: RefLiteral) -> Bool {
        let ordering = ["<", "<=", ">", ">="].contains(op)
        func verdict(_ c: Int?) -> Bool {
            guard let c else { return op == "!=" }
            switch op {
            case "==": return c == 0
            case "!=": return c != 0
            case "<": return c < 0
            case "<=": return c <= 0
            case ">": return c > 0
            default: return c >= 0
            }
        }
        switch literal {
        case .null:
            if ordering { return false }
            if case .null = v { return verdict(0) }
            if case .missing = v { return verdict(0) }
            return verdict(nil)
        case .bool(let b):
            if ordering { return false }
            if case .bool(let x) = v, x == b { return verdict(0) }
            return verdict(nil)
        case .number(let n, _):
            var x: Double?
            if case .number(let d) = v { x = d }
            if case .string(let s) = v, isJSONNumber(s) { x = Double(String(decoding: s, as: UTF8.self)) }
            guard let x else { return verdict(nil) }
            return verdict(x < n ? -1 : (x > n ? 1 : 0))
        case .string(let s):
            guard case .string(let x) = v else { return verdict(nil) }
            return verdict(lexicographic(x, Array(s.utf8)))
        }
    }

    static func evaluate(_ e: RefExpr, _ record: Any, regexes: inout [String: NSRegularExpression]) -> Bool {
        // A `[*]` test is existential over the values; `!=` and `!~` negate the `==` and `~` test.
        switch e {
        case .compare(let path, "!=", let literal) where hasAny(path):
            return !lookupAll(path, in: record).contains { compare($0, "==", literal) }
        case .compare(let path, let op, let literal) where hasAny(path):
            return lookupAll(path, in: record).contains { compare($0, op, literal) }
        case .member(let path, let literals) where hasAny(path):
            return lookupAll(path, in: record).contains { v in literals.contains { compare(v, "==", $0) } }
        case .exists(let path) where hasAny(path):
            return lookupAll(path, in: record).contains {
                if case .missing = $0 { return false }
                return true
            }
        case .function(let name, let path, let argument) where hasAny(path):
            return lookupAll(path, in: record).contains { stringFunction(name, $0, argument) }
        case .regex(let path, let pattern, let flags, let negated) where hasAny(path):
            let found = lookupAll(path, in: record).contains { regexMatches($0, pattern, flags, regexes: &regexes) }
            return found != negated
        default:
            break
        }
        switch e {
        case .and(let a, let b): return evaluate(a, record, regexes: &regexes) && evaluate(b, record, regexes: &regexes)
        case .or(let a, let b): return evaluate(a, record, regexes: &regexes) || evaluate(b, record, regexes: &regexes)
        case .not(let a): return !evaluate(a, record, regexes: &regexes)
        case .compare(let path, let op, let literal): return compare(lookup(path, in: record), op, literal)
        case .member(let path, let literals):
            let v = lookup(path, in: record)
            return literals.contains { compare(v, "==", $0) }
        case .exists(let path):
            if case .missing = lookup(path, in: record) { return false }
            return true
        case .function(let name, let path, let argument):
            return stringFunction(name, lookup(path, in: record), argument)
        case .regex(let path, let pattern, let flags, let negated):
            guard case .string = lookup(path, in: record) else { return negated }
            return regexMatches(lookup(path, in: record), pattern, flags, regexes: &regexes) != negated
        }
    }

    static func stringFunction(_ name: String, _ v: RefValue, _ argument: String) -> Bool {
        guard case .string(let s) = v else { return false }
        let a = Array(argument.utf8)
        switch name {
        case "startswith": return s.starts(with: a)
        case "endswith": return s.reversed().starts(with: a.reversed())
        default:
            return a.isEmpty || (0...max(0, s.count - a.count)).contains { s.count >= a.count && Array(s[$0..<($0 + a.count)]) == a }
        }
    }

    static func regexMatches(_ v: RefValue, _ pattern: String, _ flags: String, regexes: inout [String: NSRegularExpression]) -> Bool {
        guard case .string(let s) = v else { return false }
        let key = flags + "/" + pattern
        if regexes[key] == nil {
            regexes[key] = try! NSRegularExpression(pattern: pattern, options: flags.contains("i") ? [.caseInsensitive] : [])
        }
        let text = String(decoding: s, as: UTF8.self)
        return regexes[key]!.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}

// MARK: - Random records and filters

private struct Generator {
    var rng: SplitMix64
    /// The percentage of tests on `[*]` paths.
    var wildcards = 0

    mutating func int(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
    mutating func chance(_ percent: Int) -> Bool { int(100) < percent }
    mutating func pick<T>(_ items: [T]) -> T { items[int(items.count)] }

    static let texts = [
        "error", "warn", "info", "Error", "ERROR", "", "timeout", "connection refused", "503", "500", "5e2", "-1.5", " 503",
        "0503", "1000", "1e3", "abc", "é", "été", "😀", "a😀b", "a/b", "tab\there", "x\"y", "back\\slash", "null", "true",
        "Ünïcödé", "日本語", "err", "or", "caf\u{E9}",
    ]
    static let numbers: [[String]] = [
        ["0", "-0", "0.0", "0e0", "-0.0E+0"], ["1", "1.0", "1e0", "10e-1", "0.1e1"], ["-1", "-1.0", "-1e0"],
        ["500", "5e2", "5E+2", "500.00"], ["503", "503.0", "5.03e2", "50300e-2"], ["1000", "1000.0", "1e3", "1E3", "10e2"],
        ["0.5", "5e-1", "0.50", "50e-2"], ["1.5", "15e-1", "1.50"], ["12345678", "1.2345678e7"], ["-2.5", "-25e-1"],
    ]
    static let topKeys = ["level", "msg", "status", "n", "b", "x", "d", "s", "http", "user", "tags", "a.b", "http.status", "k-1", "é", "a"]

    /// A JSON string literal for `text`, with escapes chosen at random.
    mutating func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\t": out += chance(50) ? "\\t" : "\\u0009"
            case "/": out += chance(50) ? "\\/" : "/"
            default:
                if chance(15) {
                    if scalar.value > 0xFFFF {
                        let v = scalar.value - 0x10000
                        out += String(format: "\\u%04x\\u%04X", 0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF))
                    } else {
                        out += String(format: chance(50) ? "\\u%04x" : "\\u%04X", scalar.value)
                    }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    mutating func space() -> String { chance(20) ? pick([" ", "  ", "\t", " \t "]) : "" }

    mutating func value(depth: Int, key: String?) -> String {
        switch (key, int(10)) {
        case ("http", _) where depth < 3, ("user", _) where depth < 3:
            return object(depth: depth + 1, keys: ["status", "code", "name", "id", "method"])
        case ("tags", _) where depth < 3: return array(depth: depth + 1)
        case (_, 0...2): return jsonString(pick(Self.texts))
        case (_, 3...5): return pick(pick(Self.numbers))
        case (_, 6): return pick(["true", "false"])
        case (_, 7): return "null"
        case (_, 8) where depth < 3: return object(depth: depth + 1, keys: ["status", "name", "b", "c", "b.c"])
        case (_, 9) where depth < 3: return array(depth: depth + 1)
        default: return jsonString(pick(Self.texts))
        }
    }

    mutating func object(depth: Int, keys pool: [String]) -> String {
        var keys: [String] = []
        for key in pool where chance(50) { keys.append(key) }
        keys.shuffle(using: &rng)
        let members = keys.map { key -> String in
            let name = jsonString(key)
            let v = value(depth: depth, key: key)
            return space() + name + space() + ":" + space() + v + space()
        }
        return "{" + members.joined(separator: ",") + (members.isEmpty ? space() : "") + "}"
    }

    mutating func array(depth: Int) -> String {
        let count = int(4)
        return "[" + (0..<count).map { _ in space() + value(depth: depth, key: nil) + space() }.joined(separator: ",") + "]"
    }

    mutating func record() -> String {
        if chance(3) {
            // A truncated record: invalid for loupe and for JSONSerialization.
            let whole = object(depth: 0, keys: Self.topKeys)
            return String(whole.prefix(max(1, whole.count / 2)))
        }
        return space() + object(depth: 0, keys: Self.topKeys) + space()
    }

    static let paths: [[Step]] = {
        func p(_ text: String) -> [Step] { text.split(separator: ".").map { .key(String($0), dotted: true) } }
        return [
            p("level"), p("msg"), p("status"), p("n"), p("b"), p("x"), p("d"), p("s"), p("é"), p("a"), p("missing"),
            p("http"), p("http.status"), p("http.code"), p("http.name"), p("user.name"), p("user.id"), p("a.b"), p("x.b.c"),
            p("x.b"), p("tags"), [.key("tags", dotted: true), .index(0)], [.key("tags", dotted: true), .index(1)],
            [.key("tags", dotted: true), .index(0), .key("name", dotted: true)], [.key("k-1", dotted: false)],
            [.key("a.b", dotted: false)], [.key("http", dotted: true), .key("status", dotted: false)],
        ]
    }()

    /// Paths with `[*]`: over arrays of every element type, nested arrays, objects in arrays
    /// (with a dotted key inside), values that are not arrays, missing ones.
    static let wildcardPaths: [[Step]] = {
        func p(_ text: String) -> [Step] {
            text.split(separator: ".").flatMap { part -> [Step] in
                var steps: [Step] = [.key(String(part.prefix { $0 != "[" }), dotted: true)]
                if part.hasSuffix("[*]") { steps.append(.any) }
                if part.hasSuffix("[*][*]") { steps.append(.any) }
                return steps
            }
        }
        return [
            p("tags[*]"), p("tags[*].name"), p("tags[*].status"), p("tags[*].b.c"), p("tags[*][*]"), p("tags[*][*].status"),
            p("x[*]"), p("x[*].b"), p("x[*].b.c"), p("a[*]"), p("n[*]"), p("http[*]"), p("missing[*]"), p("user[*].name"),
            [.key("tags", dotted: true), .any, .index(0)], [.key("tags", dotted: true), .index(0), .any],
            [.key("tags", dotted: true), .any, .key("b.c", dotted: false)], p("s[*]"), p("d[*].status"),
        ]
    }()

    static let regexes: [(String, String)] = [
        ("err", ""), ("^e", ""), ("or$", ""), ("ERR", "i"), ("time|refused", ""), ("[0-9]+", ""), ("^$", ""),
        ("^[0-9]+$", ""), ("é", ""), ("É", "i"), ("a/b", ""), (".", ""), ("^.{3}$", ""), ("😀", ""), ("^-?[0-9.]+e", "i"),
    ]

    mutating func literal() -> RefLiteral {
        switch int(8) {
        case 0...2: return .string(pick(Self.texts))
        case 3...5:
            let text = pick([
                "0", "-0", "1", "1.0", "1e0", "500", "5e2", "503", "1000", "1e3", "0.5", "1.5", "-1", "12345678", "-2.5", "499.99",
            ])
            return .number(Double(text)!, text: text)
        case 6: return .bool(chance(50))
        default: return .null
        }
    }

    mutating func expression(depth: Int) -> RefExpr {
        if depth < 3 && chance(45) {
            switch int(5) {
            case 0, 1: return .and(expression(depth: depth + 1), expression(depth: depth + 1))
            case 2, 3: return .or(expression(depth: depth + 1), expression(depth: depth + 1))
            default: return .not(expression(depth: depth + 1))
            }
        }
        let path = chance(wildcards) ? pick(Self.wildcardPaths) : pick(Self.paths)
        switch int(12) {
        case 0...4: return .compare(path, pick(["==", "!=", "<", "<=", ">", ">="]), literal())
        case 5: return .member(path, (0..<int(4)).map { _ in literal() })
        case 6, 7:
            let (pattern, flags) = pick(Self.regexes)
            return .regex(path, pattern: pattern, flags: flags, negated: chance(30))
        case 8: return .exists(path)
        default:
            return .function(
                pick(["contains", "startswith", "endswith"]), path, pick(["err", "o", "", "503", "é", "/", "x\"y", "a", "1"]))
        }
    }
}

// MARK: - Writing generated filters as query text

private enum QueryText {
    static func path(_ steps: [Step]) -> String {
        var text = ""
        for step in steps {
            switch step {
            case .key(let k, dotted: true): text += (text.isEmpty ? "" : ".") + k
            case .key(let k, dotted: false): text += "[" + string(k) + "]"
            case .index(let i): text += "[\(i)]"
            case .any: text += "[*]"
            }
        }
        return text
    }

    static func string(_ s: String) -> String { JSONText.quoted(s) }

    static func literal(_ l: RefLiteral) -> String {
        switch l {
        case .string(let s): return string(s)
        case .number(_, let text): return text
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        }
    }

    static func render(_ e: RefExpr) -> String {
        switch e {
        case .and(let a, let b): return "(\(render(a)) and \(render(b)))"
        case .or(let a, let b): return "(\(render(a)) or \(render(b)))"
        case .not(let a): return "not \(render(a))"
        case .compare(let p, let op, let l): return "\(path(p)) \(op) \(literal(l))"
        case .member(let p, let ls): return "\(path(p)) in [\(ls.map(literal).joined(separator: ", "))]"
        case .regex(let p, let pattern, let flags, let negated):
            return "\(path(p)) \(negated ? "!~" : "~") /\(pattern.replacingOccurrences(of: "/", with: "\\/"))/\(flags)"
        case .exists(let p): return "exists(\(path(p)))"
        case .function(let name, let p, let argument): return "\(name)(\(path(p)), \(string(argument)))"
        }
    }
}

// MARK: - The property

@Suite("Property: loupe agrees with a reference evaluator")
struct PropertyTests {
    /// One random filter: loupe's matching lines against the reference's reading of the same
    /// records; a difference is recorded as an issue (the query and three differing lines).
    fileprivate static func compareRandomFilter(
        _ generator: inout Generator, _ lines: [String], _ parsed: [Any?], _ bytes: [UInt8], _ starts: [Int],
        _ regexes: inout [String: NSRegularExpression]
    ) throws -> (query: String, program: Program, reference: [Int], agreed: Bool) {
        let expression = generator.expression(depth: 0)
        let query = QueryText.render(expression)
        let program = try EngineHarness.program(query)
        let loupe = EngineHarness.matchingLines(EngineHarness.process(program, bytes), lineStarts: starts)
        let reference = lines.indices.filter { i in
            guard let record = parsed[i] else { return false }
            return Reference.evaluate(expression, record, regexes: &regexes)
        }
        guard loupe != reference else { return (query, program, reference, true) }
        let differing = Set(loupe).symmetricDifference(reference).sorted().prefix(3)
        let details = differing.map { "  line \($0) (loupe \(loupe.contains($0)), reference \(reference.contains($0))): \(lines[$0])" }
        Issue.record("\(query)\n\(details.joined(separator: "\n"))")
        return (query, program, reference, false)
    }

    @Test(arguments: [UInt64(1), 2])
    func randomFiltersOnRandomRecords(seed: UInt64) throws {
        var generator = Generator(rng: SplitMix64(seed: seed))
        let lines = (0..<1_000).map { _ in generator.record() }
        let parsed: [Any?] = lines.map { try? JSONSerialization.jsonObject(with: Data($0.utf8), options: [.fragmentsAllowed]) }
        #expect(parsed.filter { $0 == nil }.count > 10, "some records are invalid")
        let (bytes, starts) = EngineHarness.join(lines)
        let valid = lines.indices.filter { parsed[$0] != nil }
        var regexes: [String: NSRegularExpression] = [:]
        var failures = 0
        var selective = 0
        for round in 0..<100 {
            let (query, program, reference, agreed) = try Self.compareRandomFilter(
                &generator, lines, parsed, bytes, starts, &regexes)
            if !reference.isEmpty && reference.count < lines.count / 2 { selective += 1 }
            if !agreed {
                failures += 1
                if failures >= 5 { return }
            }
            // Without the prefilter (-v), the complement among valid records agrees too.
            guard round % 4 == 0 else { continue }
            var inverted = ScanOptions()
            inverted.invert = true
            let unmatched = EngineHarness.matchingLines(EngineHarness.process(program, bytes, options: inverted), lineStarts: starts)
            let selected = Set(reference)
            #expect(unmatched == valid.filter { !selected.contains($0) }, "-v: \(query)")
        }
        // The generator is not degenerate: many filters select some records but not most.
        #expect(selective > 20)
    }

    /// `[*]` filters against the reference's own reading of "any element" (`lookupAll`),
    /// mixed with plain paths in the same expressions.
    @Test(arguments: [UInt64(3), 4, 5])
    func randomWildcardFiltersOnRandomRecords(seed: UInt64) throws {
        var generator = Generator(rng: SplitMix64(seed: seed), wildcards: 70)
        let lines = (0..<1_000).map { _ in generator.record() }
        let parsed: [Any?] = lines.map { try? JSONSerialization.jsonObject(with: Data($0.utf8), options: [.fragmentsAllowed]) }
        let (bytes, starts) = EngineHarness.join(lines)
        var regexes: [String: NSRegularExpression] = [:]
        var failures = 0
        var selective = 0
        for _ in 0..<150 {
            let (_, _, reference, agreed) = try Self.compareRandomFilter(
                &generator, lines, parsed, bytes, starts, &regexes)
            if !reference.isEmpty && reference.count < lines.count / 2 { selective += 1 }
            if !agreed {
                failures += 1
                if failures >= 5 { return }
            }
        }
        #expect(selective > 20)
    }
}
