import LoupeJSON
import LoupeQuery

/// Tests on paths with `[*]`: existential, "some element passes" (Grammar.md). The negated
/// operators negate the whole test, so `tags[*] != "x"` is `not (tags[*] == "x")`, no element
/// is "x", and `msg[*] !~ /re/` is no element matches; every other test is "some element".
extension Compiler {
    mutating func compileAnyElement(_ expression: Expression, _ path: QueryPath) throws(QueryError) -> Predicate {
        // The parser keeps [*] out of function arguments; a function around a [*] path would
        // need a derived value per element.
        guard path.functions.isEmpty else {
            throw QueryError("[*] (any element) does not go inside \(path.functions[0].rawValue)() yet", at: path.range)
        }
        let (prefix, elements) = ElementPath.split(path)
        let slot = testedSlot(for: prefix)
        elementPaths.append(elements)
        let pathIndex = elementPaths.count - 1
        var test = expression
        var negated = false
        switch expression {
        case .compare(let path, .notEqual, let literal, let range):
            test = .compare(path, .equal, literal, range)
            negated = true
        case .regex(let path, let pattern, negated: true, let range):
            test = .regex(path, pattern, negated: false, range)
            negated = true
        default:
            break
        }
        let any = Predicate.anyElement(slot: slot, path: pathIndex, test: try compileTest(test, slot: slot))
        return negated ? .not(any) : any
    }
}
