/// Filter expressions: precedence climbing over `and`/`or`, then `not`, parentheses,
/// comparisons, regex matches, `in` lists and functions.
extension Parser {
    mutating func parseExpression(minimumPrecedence: Int) throws(QueryError) -> Expression {
        let entered = depth
        defer { depth = entered }
        try deeper()
        var left = try parseUnary()
        while let (op, precedence) = binaryOperator(), precedence >= minimumPrecedence {
            try deeper()
            advance()
            if current.kind == .end || current.kind == .op("|") || current.kind == .op(")") {
                throw QueryError("expected an expression after '\(op)'", at: current.range)
            }
            let right = try parseExpression(minimumPrecedence: precedence + 1)
            left = precedence == 1 ? .or(left, right) : .and(left, right)
        }
        return left
    }

    private func binaryOperator() -> (String, Int)? {
        let text: String
        switch current.kind {
        case .identifier(let word): text = word
        case .op(let op): text = op
        default: return nil
        }
        return Parser.binaryOperators[text].map { (text, $0) }
    }

    private mutating func parseUnary() throws(QueryError) -> Expression {
        let start = current.range
        if isWord("not") || current.kind == .op("!") {
            let entered = depth
            defer { depth = entered }
            try deeper()
            advance()
            let operand = try parseUnary()
            return .not(operand, start.union(operand.range))
        }
        if current.kind == .op("(") {
            // `(` groups either a filter (`(a or b) and c`) or a value (`(a + b) / 2 > 1`):
            // read a filter first; where that fails, or a value's operator follows the `)`,
            // read a comparison that starts with the value instead.
            let saved = index
            var filterError: QueryError
            var filterParsed = false
            do throws(QueryError) {
                advance()
                let inner = try parseExpression(minimumPrecedence: 1)
                guard current.kind == .op(")") else {
                    throw QueryError("expected ')' for the '(' at column \(start.start + 1), found \(current.display)", at: current.range)
                }
                advance()
                if !continuesValue { return inner }
                filterParsed = true
                filterError = QueryError("expected a comparison after ')'", at: current.range)
            } catch {
                filterError = error
            }
            index = saved
            do throws(QueryError) {
                return try parseComparison()
            } catch {
                // Report the reading that got further (the filter's on a tie).
                if filterParsed || error.range.start > filterError.range.start { throw error }
                throw filterError
            }
        }
        if case .identifier(let name) = current.kind, let function = Expression.Function(rawValue: name), peek().kind == .op("(") {
            return try parseFunction(function)
        }
        return try parseComparison()
    }

    private mutating func parseFunction(_ function: Expression.Function) throws(QueryError) -> Expression {
        let start = current.range
        advance()
        _ = try expect("(", "'('")
        var path = try parsePath(wildcards: true)
        var argument: String?
        if function != .exists {
            _ = try expect(",", "',' and a string")
            guard case .string(let text) = current.kind else {
                throw QueryError("\(function.rawValue)() takes a string after the path", at: current.range)
            }
            argument = text
            advance()
            // `, i`: the regex flag for case-insensitive, read as the test on `lower(path)`
            // with the string in lower case.
            if current.kind == .op(",") {
                advance()
                guard isWord("i") else {
                    throw QueryError("expected the flag i (case-insensitive) after ','", at: current.range)
                }
                if path.hasWildcard {
                    throw QueryError("the flag i does not go with [*] (any element) yet", at: current.range)
                }
                advance()
                path = QueryPath(path.components, range: path.range, functions: [.lower] + path.functions)
                argument = text.lowercased()
            }
        }
        let end = try expect(")", "')'")
        return .function(function, path, argument, start.union(end))
    }

    /// Whether the token after a `)` goes on with a value (an arithmetic or comparison
    /// operator), so the parenthesized part was a value, not a filter.
    private var continuesValue: Bool {
        guard case .op(let op) = current.kind else { return false }
        return ValueExpression.ArithmeticOperator(rawValue: op) != nil || Expression.ComparisonOperator(rawValue: op) != nil
    }

    private mutating func parseComparison() throws(QueryError) -> Expression {
        let start = index
        let left = try parseValue(wildcards: true)
        let opToken = current
        switch opToken.kind {
        case .op("=="), .op("!="), .op("<"), .op("<="), .op(">"), .op(">="):
            guard case .op(let text) = opToken.kind, let op = Expression.ComparisonOperator(rawValue: text) else { fatalError() }
            advance()
            let right = try parseRightValue(after: opToken, pathOnLeft: left.plainPath != nil)
            let range = left.range.union(previous.range)
            // Two constants: nothing of the record is read, as a slip reads (`5 == 1`).
            if right.paths.isEmpty { try refuseConstant(left, from: start) }
            if let path = left.plainPath, case .literal(let literal, _) = right {
                return .compare(path, op, literal, range)
            }
            for side in [left, right] {
                if case .path(let path) = side, path.hasWildcard {
                    throw QueryError(
                        "[*] (any element) is compared only with a constant (tags[*] == \"x\"); a computed value takes one value (use an index like [0])",
                        at: path.range)
                }
            }
            return .compareValues(left, op, right, range)
        case .op("="):
            throw QueryError("use '==' to compare", at: opToken.range)
        case .op("~"), .op("!~"):
            let path = try plainPath(left, before: opToken)
            advance()
            let pattern = try parsePattern(orElse: "expected a regex like /timeout/i after \(opToken.display)")
            return .regex(path, pattern, negated: opToken.kind == .op("!~"), path.range.union(pattern.range))
        case .identifier("in"):
            let path = try plainPath(left, before: opToken)
            advance()
            _ = try expect("[", "'[' to start a list")
            var values: [Literal] = []
            if current.kind != .op("]") {
                values.append(try parseValue(after: previous))
                while current.kind == .op(",") {
                    advance()
                    values.append(try parseValue(after: previous))
                }
            }
            let end = try expect("]", "',' or ']'")
            return .member(path, values, path.range.union(end))
        default:
            throw QueryError("expected a comparison (==, !=, <, <=, >, >=, ~, !~, in) after \(previous.display)", at: opToken.range)
        }
    }

    /// The right side of a comparison. After a field, a bare name alone there is taken for
    /// unquoted text, the usual slip (`level == error`): it is an error that says to quote it;
    /// a field goes there in brackets (`a > ["b"]`), with a dot, or in arithmetic
    /// (`a > b * 2`). After a constant or a computed value a name is a field (`5 < a`).
    private mutating func parseRightValue(after op: Token, pathOnLeft: Bool) throws(QueryError) -> ValueExpression {
        if case .identifier(let word) = current.kind, !["true", "false", "null"].contains(word),
            pathOnLeft || Parser.reservedWords.contains(word)
        {
            let next = peek().kind
            let continues =
                next == .op("(") || next == .op("[") || (next == .op(".") && peek().range.start == current.range.end)
                || { if case .op(let o) = next { return ValueExpression.ArithmeticOperator(rawValue: o) != nil } else { return false } }()
            if !continues || Parser.reservedWords.contains(word) {
                throw QueryError(
                    "expected a value after \(op.display); to compare with the text \(word), quote it: \"\(word)\"", at: current.range)
            }
        }
        try expectOperand(after: op)
        return try parseValue()
    }

    /// The path a regex match or `in` list tests: these take a field, not a computed value.
    private func plainPath(_ value: ValueExpression, before op: Token) throws(QueryError) -> QueryPath {
        guard let path = value.plainPath else {
            throw QueryError("\(op.display) tests a field's value; compute it first (| eval x = ...) and test x", at: value.range)
        }
        return path
    }

    mutating func parseValue(after op: Token) throws(QueryError) -> Literal {
        let literal: Literal
        switch current.kind {
        case .string(let s): literal = .string(s)
        case .number(let n): literal = .number(n)
        case .duration(let ns): literal = .duration(ns)
        case .timestamp(let text): literal = .timestamp(text)
        case .identifier("true"): literal = .bool(true)
        case .identifier("false"): literal = .bool(false)
        case .identifier("null"): literal = .null
        case .identifier(let word):
            throw QueryError(
                "expected a value after \(op.display); to compare with the text \(word), quote it: \"\(word)\"", at: current.range)
        default:
            throw QueryError("expected a value after \(op.display)", at: current.range)
        }
        advance()
        return literal
    }

    /// `name ('.' name | '[' INT ']' | '[' STRING ']' | '[' '*' ']')*`, or a bracket first
    /// (`["user-agent"]`), or a function that stands for a path: `level()`, `time()`,
    /// `message()`, `lower(path)`, `upper(path)`. `[*]` is taken only where a test can mean "any
    /// element" (`wildcards`): a group key, sort key, aggregate, column or function argument
    /// needs one value per record.
    mutating func parsePath(wildcards: Bool = false) throws(QueryError) -> QueryPath {
        let start = current.range
        if case .identifier(let name) = current.kind, let function = PathFunction(rawValue: name), peek().kind == .op("(") {
            advance()
            advance()
            var argument = QueryPath([], range: current.range)
            if function.takesPath {
                if current.kind == .op(")") {
                    throw QueryError("\(name)() takes a field path, as in \(name)(msg)", at: current.range)
                }
                argument = try parsePath()
            }
            let end = try expect(")", function.takesPath ? "')'" : "')' (\(name)() takes no argument)")
            return QueryPath(argument.components, range: start.union(end), functions: [function] + argument.functions)
        }
        var components: [QueryPath.Component] = []
        switch current.kind {
        case .identifier(let name) where !Parser.reservedWords.contains(name):
            components.append(.key(name, dotted: true))
            advance()
        case .op("["):
            break
        case .identifier(let name):
            throw QueryError(
                "expected a field name, found the keyword '\(name)' (quote it as [\"\(name)\"] to use it as a key)", at: current.range)
        case .end:
            throw QueryError("expected a field name after \(previous.display)", at: current.range)
        default:
            throw QueryError("expected a field name, found \(current.display)", at: current.range)
        }
        while true {
            if current.kind == .op("."), case .identifier(let name) = peek().kind, peek().range.start == current.range.end {
                advance()
                components.append(.key(name, dotted: true))
                advance()
            } else if current.kind == .op(".") {
                throw QueryError("expected a field name after '.'", at: peek().range)
            } else if current.kind == .op("[") {
                advance()
                switch current.kind {
                case .number(let n) where n.value >= 0 && n.value == n.value.rounded() && n.value < Double(Int32.max):
                    components.append(.index(Int(n.value)))
                case .string(let key):
                    components.append(.key(key, dotted: false))
                case .op("*") where wildcards:
                    components.append(.anyElement)
                case .op("*"):
                    throw QueryError(
                        "[*] (any element) works only in a filter test on a plain path; a key, sort, aggregate, column or function takes one value (use an index like [0])",
                        at: previous.range.union(peek().kind == .op("]") ? peek().range : current.range))
                default:
                    throw QueryError("expected an array index, a quoted key or * after '['", at: current.range)
                }
                advance()
                _ = try expect("]", "']'")
            } else {
                break
            }
        }
        return QueryPath(components, range: start.union(previous.range))
    }

    /// The regex (or string, read as a regex without flags) at the current token, consumed;
    /// `message` is the error when something else is there.
    mutating func parsePattern(orElse message: String) throws(QueryError) -> Expression.Pattern {
        let pattern: Expression.Pattern
        switch current.kind {
        case .regex(let source, let flags):
            pattern = Expression.Pattern(source: source, flags: flags, range: current.range)
        case .string(let source):
            pattern = Expression.Pattern(source: source, flags: "", range: current.range)
        default:
            throw QueryError(message, at: current.range)
        }
        advance()
        return pattern
    }
}
