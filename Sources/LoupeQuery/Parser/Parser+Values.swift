/// Values: arithmetic by precedence climbing over `ValueExpression.ArithmeticOperator`
/// (`* / %` bind tighter than `+ -`, both left-associative; a unary `-` tighter than both),
/// over operands that are paths, constants, parenthesized values and function calls.
extension Parser {
    /// A value with every operator of at least `minimumPrecedence`.
    /// `wildcards`: a plain path may hold `[*]` (the left side of a filter test); inside
    /// arithmetic and functions the checks refuse it.
    mutating func parseValue(minimumPrecedence: Int = 1, wildcards: Bool = false) throws(QueryError) -> ValueExpression {
        let entered = depth
        defer { depth = entered }
        try deeper()
        var left = try parseOperand(wildcards: wildcards)
        while case .op(let text) = current.kind, let op = ValueExpression.ArithmeticOperator(rawValue: text),
            op.precedence >= minimumPrecedence
        {
            try deeper()
            let operatorRange = current.range
            advance()
            try expectOperand(after: previous)
            let right = try parseValue(minimumPrecedence: op.precedence + 1, wildcards: wildcards)
            left = .binary(op, left, right, operatorRange: operatorRange)
            try left.checkKinds()
        }
        return left
    }

    /// Throws "expected a value after X" where no operand can start.
    mutating func expectOperand(after token: Token) throws(QueryError) {
        switch current.kind {
        case .end, .op("|"), .op(")"), .op(","), .op("]"), .regex:
            throw QueryError("expected a value after \(token.display)", at: current.range)
        case .identifier(let word) where ["and", "or", "not", "in"].contains(word):
            throw QueryError("expected a value after \(token.display)", at: current.range)
        case .op(let op) where op != "-" && op != "(" && op != "[":
            throw QueryError("expected a value after \(token.display)", at: current.range)
        default:
            return
        }
    }

    /// A path, a constant, `-operand`, `( value )` or a function call.
    private mutating func parseOperand(wildcards: Bool) throws(QueryError) -> ValueExpression {
        let start = current.range
        switch current.kind {
        case .op("-"):
            let entered = depth
            defer { depth = entered }
            try deeper()
            advance()
            try expectOperand(after: previous)
            let operand = try parseOperand(wildcards: wildcards)
            let negated = ValueExpression.negate(operand, start.union(operand.range))
            try negated.checkKinds()
            return negated
        case .op("("):
            advance()
            try expectOperand(after: previous)
            let inner = try parseValue(wildcards: wildcards)
            guard current.kind == .op(")") else {
                throw QueryError("expected ')' for the '(' at column \(start.start + 1), found \(current.display)", at: current.range)
            }
            advance()
            return inner
        case .string, .number, .duration, .timestamp, .identifier("true"), .identifier("false"), .identifier("null"):
            let literal = try parseValue(after: previous)
            return .literal(literal, start)
        case .identifier(let name):
            if let function = ValueExpression.ValueFunction(rawValue: name), peek().kind == .op("(") {
                return try parseCall(function)
            }
            return .path(try parsePath(wildcards: wildcards))
        default:
            return .path(try parsePath(wildcards: wildcards))
        }
    }

    /// `name(value, ...)`, its arity and argument kinds checked.
    private mutating func parseCall(_ function: ValueExpression.ValueFunction) throws(QueryError) -> ValueExpression {
        let start = current.range
        advance()
        advance()
        var arguments: [ValueExpression] = []
        if current.kind != .op(")") {
            try expectOperand(after: previous)
            arguments.append(try parseValue())
            while current.kind == .op(",") {
                advance()
                try expectOperand(after: previous)
                arguments.append(try parseValue())
            }
        }
        let end = try expect(")", "',' or ')'")
        let range = start.union(end)
        guard function.arity.contains(arguments.count) else {
            let count =
                function.arity.lowerBound == function.arity.upperBound
                ? "one argument" : "\(function.arity.lowerBound) to \(function.arity.upperBound) arguments"
            throw QueryError("\(function.rawValue)() takes \(count): \(function.usage)", at: range)
        }
        if function == .round, arguments.count == 2 {
            guard case .literal(.number(let digits), let at) = arguments[1] else {
                throw QueryError("round() takes a whole number of digits from -15 to 15, as in round(x, 2)", at: arguments[1].range)
            }
            guard digits.value == digits.value.rounded(), abs(digits.value) <= 15 else {
                throw QueryError("round() takes a whole number of digits from -15 to 15, as in round(x, 2)", at: at)
            }
        }
        let call = ValueExpression.call(function, arguments, range)
        try call.checkKinds()
        return call
    }

    /// A value that must be one value per record (an `eval`, an aggregate argument): a plain
    /// `[*]` path is refused, as in any key or column.
    mutating func parseSingleValue() throws(QueryError) -> ValueExpression {
        let start = index
        let value = try parseValue()
        try refuseConstant(value, from: start)
        return value
    }

    /// A value that reads nothing of the record (`5`, `"x" + 1`) where a field is expected:
    /// the error a path gives there, under the first token.
    mutating func refuseConstant(_ value: ValueExpression, from start: Int) throws(QueryError) {
        guard value.paths.isEmpty else { return }
        index = start
        _ = try parsePath()
    }
}
