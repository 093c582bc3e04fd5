/// The `-o` values, offered by the shell completions.
enum OutputFormats {
    /// What any table of rows can be printed as.
    static let tables = ["table", "json", "jsonl", "csv", "tsv", "markdown"]
    /// Tables, and the pictures of a time series (`count by bucket(ts, 1m)`).
    static let all = tables + ["chart", "svg", "html"]
}
