/// Values: arithmetic by precedence climbing over `ValueExpression.ArithmeticOperator`
/// (`* / %` bind tighter than `+ -`, both left-associative; a unary `-` tighter than both),
/// over operands that are paths, constants, parenthesized values and function calls.
extension Parser {
    /// A value with every operator of at least `minimumPrecedence`.
    mutating func parseValue(minimumPrecedence: Int = 1) throws(QueryError) -> ValueExpression {
        var left = try parseOperand()
        while case .op(let text) = current.kind, let op = ValueExpression.ArithmeticOperator(rawValue: text),
            op.precedence >= minimumPrecedence
        {
            let operatorRange = current.range
            advance()
            try expectOperand(after: previous)
            let right = try parseValue(minimumPrecedence: op.precedence + 1)
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
    private mutating func parseOperand() throws(QueryError) -> ValueExpression {
        let start = current.range
        switch current.kind {
        case .op("-"):
            advance()
            try expectOperand(after: previous)
            let operand = try parseOperand()
            let negated = ValueExpression.negate(operand, start.union(operand.range))
            try negated.checkKinds()
            return negated
        case .op("("):
            advance()
            try expectOperand(after: previous)
            let inner = try parseValue()
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
            return .path(try parsePath(wildcards: true))
        default:
            return .path(try parsePath(wildcards: true))
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
            let count = function.arity.lowerBound == function.arity.upperBound ? "one argument" : "\(function.arity.lowerBound) to \(function.arity.upperBound) arguments"
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
        let value = try parseValue()
        if case .path(let path) = value, path.hasWildcard {
            throw QueryError(
                "[*] (any element) works only in a filter test on a plain path; a key, sort, aggregate, column or function takes one value (use an index like [0])",
                at: path.range)
        }
        return value
    }
}
