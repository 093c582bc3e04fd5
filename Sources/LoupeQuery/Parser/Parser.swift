/// Parses query text into a `Query` (grammar in `Grammar.md` beside this file).
///
/// Binary operators are parsed by precedence climbing over `binaryOperators` (filters) and
/// `ValueExpression.ArithmeticOperator` (values); every error names the offending token and
/// its range.
package struct Parser {
    var tokens: [Token]
    var index = 0
    /// How deep the expression being read nests so far (see `deeper`).
    var depth = 0

    /// Queries nesting deeper than this are refused: the compiler, the evaluator and the SQL
    /// translation walk expressions recursively, and 15,000 levels overflowed a thread's stack
    /// (SIGSEGV). A chain of `and`, `or` or arithmetic counts a level per operator.
    static let maximumDepth = 1000

    /// One level deeper, or an error where the query gets too deep.
    mutating func deeper() throws(QueryError) {
        depth += 1
        guard depth <= Self.maximumDepth else {
            throw QueryError(
                "the query nests more than \(Self.maximumDepth) levels deep here (a long chain of alternatives reads better as `in [...]`)",
                at: current.range)
        }
    }

    /// Words that cannot start a path in an expression; quote them (`["not"]`) to use as keys.
    package static let reservedWords: Set<String> = ["and", "or", "not", "in", "true", "false", "null"]

    /// Binary boolean operators and their precedence (higher binds tighter).
    static let binaryOperators: [String: Int] = ["or": 1, "||": 1, "and": 2, "&&": 2]

    package init(tokens: [Token]) {
        self.tokens = tokens
    }

    /// Parses a whole query: a filter and its stages.
    package static func parse(_ text: String) throws(QueryError) -> Query {
        var parser = Parser(tokens: try Lexer.tokenize(text))
        return try parser.parseQuery()
    }

    /// Parses a lone filter expression (as `--where` takes).
    package static func parseExpression(_ text: String) throws(QueryError) -> Expression {
        var parser = Parser(tokens: try Lexer.tokenize(text))
        let expression = try parser.parseFilter()
        try parser.expectEnd()
        return expression
    }

    /// Parses a lone value (`duration_ms / 1000`, `coalesce(a, b)`).
    package static func parseValue(_ text: String) throws(QueryError) -> ValueExpression {
        var parser = Parser(tokens: try Lexer.tokenize(text))
        let value = try parser.parseValue()
        try parser.expectEnd()
        return value
    }

    /// Parses a lone path (`service.name`, `headers["user-agent"]`).
    package static func parsePath(_ text: String) throws(QueryError) -> QueryPath {
        var parser = Parser(tokens: try Lexer.tokenize(text))
        let path = try parser.parsePath()
        try parser.expectEnd()
        return path
    }

    mutating func parseQuery() throws(QueryError) -> Query {
        if current.kind == .end { throw QueryError("empty query (use '*' to match every record)", at: current.range) }
        let filter = try parseFilter()
        var stages: [Stage] = []
        while current.kind == .op("|") {
            advance()
            stages.append(try parseStage())
        }
        try expectEnd()
        return Query(filter: filter, stages: stages)
    }

    mutating func parseFilter() throws(QueryError) -> Expression {
        if current.kind == .op("*") {
            let range = current.range
            advance()
            return .all(range)
        }
        return try parseExpression(minimumPrecedence: 1)
    }

    mutating func expectEnd() throws(QueryError) {
        guard current.kind == .end else {
            throw QueryError("unexpected \(current.display) after \(tokens[index - 1].display)", at: current.range)
        }
    }

    // MARK: - Token access

    var current: Token { tokens[index] }

    func peek(_ offset: Int = 1) -> Token { tokens[min(index + offset, tokens.count - 1)] }

    mutating func advance() {
        if index < tokens.count - 1 { index += 1 }
    }

    var previous: Token { tokens[max(index - 1, 0)] }

    func isWord(_ word: String) -> Bool {
        if case .identifier(let name) = current.kind { return name == word }
        return false
    }

    mutating func expect(_ op: String, _ what: String) throws(QueryError) -> SourceRange {
        guard current.kind == .op(op) else {
            throw QueryError("expected \(what) after \(previous.display)", at: current.range)
        }
        let range = current.range
        advance()
        return range
    }
}
