import Foundation
import LoupeJSON
import LoupeQuery
import LoupeTestSupport
import Testing

@testable import LoupeEngine

/// What the reference computes: a number kept as an Int64 while exact, a double, a duration
/// in nanoseconds, or null. Written from Grammar.md's rules, independently of the engine.
private enum RefValue: Equatable, CustomStringConvertible {
    case null, int(Int64), double(Double), duration(Double)

    var description: String {
        switch self {
        case .null: return "null"
        case .int(let i): return "int \(i)"
        case .double(let d): return "double \(d)"
        case .duration(let d): return "duration \(d)ns"
        }
    }
}

/// A field of a random record: its JSON text (nil: missing) and how arithmetic reads it.
private struct RefField {
    var json: String?
    var value: RefValue
}

/// Random arithmetic over random records, against the reference.
private struct ArithmeticGenerator {
    var rng: SplitMix64

    mutating func int(_ range: ClosedRange<Int64>) -> Int64 { Int64.random(in: range, using: &rng) }
    mutating func pick<T>(_ options: [T]) -> T { options[Int.random(in: 0..<options.count, using: &rng)] }

    /// A field of any kind arithmetic meets: numbers small and huge, fractions, numeric and
    /// duration strings, null, missing, booleans, text.
    mutating func field() -> RefField {
        switch int(0...11) {
        case 0, 1:
            let i = int(-20...20)
            return RefField(json: String(i), value: .int(i))
        case 2:
            // Near 2^53 and 2^63, where doubles lose digits and Int64 overflows.
            let i = pick([Int64(1) << 53, Int64.max / 2, Int64.max, Int64.min, Int64.min / 3]) &+ int(-3...3)
            return RefField(json: String(i), value: .int(i))
        case 3:
            let d = Double(int(-40...40)) + pick([0.5, 0.25, 0.125])
            return RefField(json: String(d), value: .double(d))
        case 4:
            let i = int(0...99)
            return RefField(json: "\"\(i)\"", value: .int(i))
        case 5:
            let (text, ns) = pick([("250ms", 250e6), ("2s", 2e9), ("15us", 15e3), ("1.5s", 1.5e9)])
            return RefField(json: "\"\(text)\"", value: .duration(ns))
        case 6: return RefField(json: "null", value: .null)
        case 7: return RefField(json: nil, value: .null)
        case 8: return RefField(json: pick(["true", "false"]), value: .null)
        case 9: return RefField(json: pick(["\"x\"", "\"\"", "\"12a\""]), value: .null)
        default:
            let i = int(0...9)
            return RefField(json: String(i), value: .int(i))
        }
    }

    /// A random value of at most `depth` more levels, fully parenthesized.
    mutating func expression(depth: Int) -> String {
        if depth == 0 || int(0...3) == 0 {
            switch int(0...9) {
            case 0...4: return pick(["a", "b", "c", "t_ms", "nope"])
            case 5, 6: return String(int(-9...30))
            case 7: return pick(["1.5", "0.25", "9007199254740993", "4611686018427387904"])
            default: return pick(["250ms", "2s", "1us"])
            }
        }
        if int(0...5) == 0 { return "-(" + expression(depth: depth - 1) + ")" }
        let op = pick(["+", "-", "*", "/", "%"])
        return "(" + expression(depth: depth - 1) + " " + op + " " + expression(depth: depth - 1) + ")"
    }
}

/// The reference evaluation: a small recursive reader of the text the generator wrote.
private struct Reference {
    let fields: [String: RefValue]
    var text: [Character]
    var i = 0

    init(_ expression: String, fields: [String: RefValue]) {
        self.fields = fields
        text = Array(expression)
    }

    mutating func value() -> RefValue {
        if text[i] == "-" && text[i + 1] == "(" {
            i += 2
            let inner = value()
            i += 1
            switch inner {
            case .int(let n): return n == .min ? .double(-Double(n)) : .int(-n)
            case .double(let d): return .double(-d)
            case .duration(let d): return .duration(-d)
            case .null: return .null
            }
        }
        if text[i] == "(" {
            i += 1
            let a = value()
            i += 1
            let op = text[i]
            i += 2
            let b = value()
            i += 1
            return Self.apply(op, a, b)
        }
        var token = ""
        while i < text.count, text[i] != " ", text[i] != ")" {
            token.append(text[i])
            i += 1
        }
        if let v = fields[token] { return v }
        if token.hasSuffix("ms") { return .duration(Double(token.dropLast(2))! * 1e6) }
        if token.hasSuffix("us") { return .duration(Double(token.dropLast(2))! * 1e3) }
        if token.hasSuffix("s") { return .duration(Double(token.dropLast())! * 1e9) }
        if let n = Int64(token) { return .int(n) }
        if let d = Double(token) { return .double(d) }
        return .null
    }

    static func apply(_ op: Character, _ a: RefValue, _ b: RefValue) -> RefValue {
        func finite(_ d: Double) -> RefValue { d.isFinite ? .double(d) : .null }
        func duration(_ d: Double) -> RefValue { d.isFinite ? .duration(d) : .null }
        switch (a, b) {
        case (.int(let x), .int(let y)):
            switch op {
            case "+":
                let (r, o) = x.addingReportingOverflow(y)
                return o ? finite(Double(x) + Double(y)) : .int(r)
            case "-":
                let (r, o) = x.subtractingReportingOverflow(y)
                return o ? finite(Double(x) - Double(y)) : .int(r)
            case "*":
                let (r, o) = x.multipliedReportingOverflow(by: y)
                return o ? finite(Double(x) * Double(y)) : .int(r)
            case "/":
                if y == 0 { return .null }
                if x == .min && y == -1 { return .double(-Double(x)) }
                return x % y == 0 ? .int(x / y) : finite(Double(x) / Double(y))
            default:
                if y == 0 { return .null }
                return x == .min && y == -1 ? .int(0) : .int(x % y)
            }
        case (.int, .double), (.double, .int), (.double, .double):
            let x = a.number!, y = b.number!
            switch op {
            case "+": return finite(x + y)
            case "-": return finite(x - y)
            case "*": return finite(x * y)
            case "/": return y == 0 ? .null : finite(x / y)
            default: return y == 0 ? .null : finite(fmod(x, y))
            }
        case (.duration(let x), .duration(let y)):
            switch op {
            case "+": return duration(x + y)
            case "-": return duration(x - y)
            case "/":
                // A number: an integer when whole (up to 2^53), as a number read from text is.
                guard y != 0 else { return .null }
                let q = x / y
                return q == q.rounded(.towardZero) && abs(q) <= 9_007_199_254_740_992 ? .int(Int64(q)) : finite(q)
            case "%": return y == 0 ? .null : duration(fmod(x, y))
            default: return .null
            }
        case (.duration(let x), _) where b.number != nil:
            if op == "*" { return duration(x * b.number!) }
            if op == "/" { return b.number! == 0 ? .null : duration(x / b.number!) }
            return .null
        case (_, .duration(let y)) where a.number != nil:
            return op == "*" ? duration(a.number! * y) : .null
        default:
            return .null
        }
    }
}

extension RefValue {
    fileprivate var number: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }
}

@Suite("Property: arithmetic agrees with a reference evaluation")
struct ArithmeticPropertyTests {
    /// Whether the engine's value is the reference's: integers exactly and as integers;
    /// a double equal to the reference's (an engine integer stands for a whole double the
    /// engine made exact, as a duration quotient); durations equal.
    private static func agrees(_ engine: Scalar, _ reference: RefValue) -> Bool {
        switch (engine, reference) {
        case (.missing, .null), (.null, .null): return true
        case (.number(.integer(let x), _), .int(let y)): return x == y
        case (.number(.double(let x), _), .double(let y)): return x == y
        case (.number(.integer(let x), _), .double(let y)): return Double(x) == y && abs(y) <= 9_007_199_254_740_992
        case (.duration(let x), .duration(let y)): return x == y
        default: return false
        }
    }

    @Test(arguments: [UInt64(11), 12, 13])
    func randomArithmeticOnRandomRecords(seed: UInt64) throws {
        var generator = ArithmeticGenerator(rng: SplitMix64(seed: seed))
        var records: [(json: String, fields: [String: RefValue])] = []
        for _ in 0..<200 {
            var members: [String] = []
            var fields: [String: RefValue] = ["nope": .null]
            for name in ["a", "b", "c"] {
                let field = generator.field()
                if let json = field.json { members.append("\"\(name)\":\(json)") }
                fields[name] = field.value
            }
            // A number whose name says its unit: a duration where it meets one in + - / %.
            let ms = generator.int(0...5000)
            members.append("\"t_ms\":\(ms)")
            fields["t_ms"] = .int(ms)
            records.append(("{" + members.joined(separator: ",") + "}", fields))
        }
        var checked = 0
        var nonNull = 0
        var failures = 0
        for _ in 0..<300 {
            let text = generator.expression(depth: 3)
            // A lone field or constant computes nothing: it is the value as found.
            guard text.hasPrefix("(") || text.hasPrefix("-(") else { continue }
            guard let parsed = try? Parser.parseValue(text) else { continue }  // a type error the parser caught
            var compiler = Compiler()
            let computation = try compiler.compileValue(parsed)
            var evaluator = RecordEvaluator(program: compiler.program(predicate: .all, needles: nil, plan: .lines))
            checked += 1
            for record in records {
                // t_ms is a duration in ms wherever it meets a duration in + - / %.
                var reference = UnitReference(text, fields: record.fields)
                let expected = reference.value().value
                let bytes = Array(record.json.utf8)
                let engine = bytes.withUnsafeBufferPointer { buffer -> Scalar in
                    _ = evaluator.evaluate(buffer.baseAddress!, buffer.count)
                    return evaluator.compute(computation, evaluator.scanner.slots, evaluator.valueBase(buffer.baseAddress!))
                }
                if expected != .null { nonNull += 1 }
                if !Self.agrees(engine, expected) {
                    failures += 1
                    Issue.record("\(text) on \(record.json): loupe \(engine), reference \(expected)")
                    if failures >= 5 { return }
                }
            }
        }
        #expect(checked > 120, "most expressions compute and parse")
        #expect(nonNull > checked * 20, "many values are not null")
    }
}

/// The reference with units: each value knows whether it is a number from `t_ms`, which
/// becomes `t_ms` milliseconds when the other operand of + - / % is a duration.
private struct UnitReference {
    let fields: [String: RefValue]
    var text: [Character]
    var i = 0

    init(_ expression: String, fields: [String: RefValue]) {
        self.fields = fields
        text = Array(expression)
    }

    mutating func value() -> (value: RefValue, unitMs: Bool) {
        if text[i] == "-" && text[i + 1] == "(" {
            i += 2
            let inner = value()
            i += 1
            return (negate(inner.value), false)
        }
        if text[i] == "(" {
            i += 1
            var a = value()
            i += 1
            let op = text[i]
            i += 2
            var b = value()
            i += 1
            if op != "*" {
                if a.unitMs, case .duration = b.value, case .int(let n) = a.value { a = (.duration(Double(n) * 1e6), false) }
                if b.unitMs, case .duration = a.value, case .int(let n) = b.value { b = (.duration(Double(n) * 1e6), false) }
            }
            return (Reference.apply(op, a.value, b.value), false)
        }
        var token = ""
        while i < text.count, text[i] != " ", text[i] != ")" {
            token.append(text[i])
            i += 1
        }
        var reader = Reference(token, fields: fields)
        return (reader.value(), token == "t_ms")
    }

    private func negate(_ v: RefValue) -> RefValue {
        switch v {
        case .int(let n): return n == .min ? .double(-Double(n)) : .int(-n)
        case .double(let d): return .double(-d)
        case .duration(let d): return .duration(-d)
        case .null: return .null
        }
    }
}
