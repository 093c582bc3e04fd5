import LoupeEngine
import LoupeOutput

/// Options that cannot apply to the query they came with, refused (exit 2) rather than
/// ignored without a word: the one place that decides which options go with which queries.
///
/// A query prints records (a filter, with sorts and limits over records) or a table (after
/// `count`, `stats`, `fields` or `distinct`); `-c`, `-n`, `-H` and `-m` belong to records,
/// `--every` to tables and counts, `-o` to records and tables but not to counts.
enum QueryOptionCheck {
    /// Why the options do not fit the program, or nil when they do.
    static func problem(_ configuration: QueryConfiguration, _ program: Program) -> String? {
        let records = program.printsRecords
        let format = configuration.outputFormat
        if !records {
            let table = "this query prints a table (its stages make rows)"
            if configuration.count { return "-c counts matching records, but \(table); drop -c, or end the query with '| count'" }
            if configuration.lineNumbers { return "-n numbers matching records, but \(table)" }
            if configuration.withFileName == true { return "-H names the file of each matching record, but \(table)" }
            if configuration.maxCount != nil {
                return "-m stops at N matching records, but \(table) of every record; end the query with '| limit N' to shorten the table"
            }
        } else if configuration.follow && configuration.every != nil && !configuration.count {
            return "--every prints a table again, but this query prints records (they show as they come)"
        }
        if let format {
            if configuration.count { return "-c prints counts, which -o \(format) does not format" }
            if configuration.quiet { return "-q prints nothing for -o \(format) to format" }
            if records && configuration.lineNumbers { return "-n prefixes lines, which -o \(format) does not have" }
            if records && configuration.withFileName == true { return "-H prefixes lines, which -o \(format) does not have" }
        }
        return nil
    }
}
