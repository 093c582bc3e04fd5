import FuzzSupport
import LoupeQuery

@testable import LoupeEngine

/// The query language front end: lexer, parser (whole queries, lone expressions, lone paths)
/// and the compiler behind them (paths, regexes through PCRE2, time literals, stage checks).
///
/// Checks: the bytes, read as a String (invalid UTF-8 becomes U+FFFD, as a shell argument
/// would), never crash any of them; every failure is a `QueryError` (the typed throws make
/// that so) whose range lies inside the query and renders with a caret; the ranges of a parsed
/// query lie inside it too; tokens come in order and end with `.end` at the end of the text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let length = text.utf8.count

    func checkError(_ error: QueryError, _ stage: String) {
        fuzzCheck(
            error.range.start >= 0 && error.range.start <= error.range.end && error.range.end <= length,
            "\(stage): error range \(error.range.start)..<\(error.range.end) outside the query of \(length) bytes")
        let rendered = error.rendered(query: text)
        fuzzCheck(rendered.hasPrefix(error.message), "\(stage): rendering lost the message")
    }

    func checkRange(_ range: SourceRange, _ what: String) {
        fuzzCheck(range.start >= 0 && range.start <= range.end && range.end <= length, "\(what) range \(range) outside the query")
    }

    do {
        let tokens = try Lexer.tokenize(text)
        var previousEnd = 0
        for token in tokens {
            fuzzCheck(token.range.start >= previousEnd, "tokens overlap or go backwards")
            checkRange(token.range, "token")
            previousEnd = token.range.end
        }
        fuzzCheck(tokens.last?.kind == .end, "the token list does not end with .end")
    } catch {
        checkError(error, "lexer")
    }

    do {
        let query = try Parser.parse(text)
        checkRange(query.filter.range, "filter")
        for stage in query.stages {
            switch stage {
            case .where(let e): checkRange(e.range, "where")
            case .count(let keys, _): keys.forEach { checkRange($0.range, "group key") }
            case .stats(let aggregates, let keys):
                aggregates.forEach { checkRange($0.range, "aggregate") }
                keys.forEach { checkRange($0.range, "group key") }
            case .sort(let keys): keys.forEach { checkRange($0.range, "sort key") }
            default: break
            }
        }
        do {
            _ = try Compiler.compile(query)
        } catch {
            checkError(error, "compiler")
        }
    } catch {
        checkError(error, "parser")
    }

    do {
        let expression = try Parser.parseExpression(text)
        checkRange(expression.range, "expression")
    } catch {
        checkError(error, "expression parser")
    }

    do {
        let path = try Parser.parsePath(text)
        checkRange(path.range, "path")
    } catch {
        checkError(error, "path parser")
    }
    return 0
}

@main
enum FuzzMain {
    static func main() { FuzzDriver.run(fuzz) }
}
