/// The `-o` values, offered by the shell completions.
enum OutputFormats {
    static let all = ["table", "json", "jsonl", "csv", "tsv", "markdown"]
}
