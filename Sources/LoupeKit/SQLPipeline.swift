import LoupeSQL

/// `loupe sql --dialect D --from SOURCE QUERY`: prints the query translated to SQL, or says
/// which part cannot translate and why (exit 2).
public enum SQLPipeline {
    public static func run(query: String, dialect: SQLDialect, from: String, cluster: String?) -> ExitCode {
        let source = SQLSource(from, cluster: cluster)
        do {
            let translation = try SQLTranslator.translate(query, dialect: dialect, source: source)
            print(translation.sql + ";")
            return .matched
        } catch let error as TranslationError {
            Diagnostics.error(error.rendered(query: query))
            return .error
        } catch {
            Diagnostics.error("\(error)")
            return .error
        }
    }
}
