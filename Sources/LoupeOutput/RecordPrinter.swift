import LoupeEngine
import LoupeJSON

/// Prints the matching records of a filter-only query in an explicit `-o` format.
///
/// A record is its JSON text: for a prefixed line, the JSON after the prefix with the prefix as
/// the field `_prefix`, as queries read it.
///
/// `json` is one array and `jsonl` one record a line, both streamed: each record is its JSON
/// text as read, with the blanks between tokens removed (a pretty-printed record becomes one
/// line; keys, their order, numbers and escapes stay as written). `csv`, `tsv`, `table` and
/// `markdown` have a column per top-level field, named in order of first appearance, so the
/// header is known only at the end: those formats hold the matching records' fields until
/// then. A record without a field has null there (as a missing field reads in queries); a
/// record that is not an object has none of its fields; with no fields at all nothing is
/// printed.
package struct RecordPrinter {
    let writer: OutputWriter
    let format: TableFormat
    let tables: TablePrinter
    /// Flush after every batch (`--follow`).
    let flushesEachBatch: Bool
    private var printed = 0
    private var columns: [String] = []
    private var columnOfKey: [[UInt8]: Int] = [:]
    private var rows: [[RowValue]] = []
    private var scratch: [UInt8] = []

    package init(writer: OutputWriter, format: TableFormat, color: Bool, flushesEachBatch: Bool = false) {
        self.writer = writer
        self.format = format
        self.flushesEachBatch = flushesEachBatch
        tables = TablePrinter(writer: writer, format: format, color: color)
    }

    package mutating func consume(_ batch: LineBatch) throws(OutputError) {
        for i in 0..<batch.count {
            // A framed record (a pretty value, a prefixed line) prints as its JSON text.
            if let record = batch.record(i) { try print(record) } else { try print(batch.line(i)) }
        }
        if flushesEachBatch { try writer.flush() }
    }

    package mutating func print(_ record: [UInt8]) throws(OutputError) {
        var failure: OutputError?
        record.withUnsafeBytes { bytes in
            do throws(OutputError) { try print(bytes) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    package mutating func print(_ line: UnsafeRawBufferPointer) throws(OutputError) {
        // The first line of an input may start with a byte order mark, which is not JSON.
        var record = line
        if record.count >= 3 && record[0] == 0xEF && record[1] == 0xBB && record[2] == 0xBF {
            record = UnsafeRawBufferPointer(rebasing: record[3...])
        }
        switch format {
        case .json, .jsonl:
            scratch.removeAll(keepingCapacity: true)
            if format == .json { scratch += printed == 0 ? Array("[\n".utf8) : Array(",\n".utf8) }
            JSONMembers.appendCompact(record, to: &scratch)
            if format == .jsonl { scratch.append(0x0A) }
            try writer.write(scratch)
        case .csv, .tsv, .table, .markdown:
            addRow(record)
        }
        printed += 1
    }

    package mutating func finish() throws(OutputError) {
        switch format {
        case .json: try writer.write(printed == 0 ? "[]\n" : "\n]\n")
        case .jsonl: break
        case .csv, .tsv, .table, .markdown:
            // No record had a field: no header to write, nor rows.
            guard !columns.isEmpty else { break }
            let width = columns.count
            var table = tables
            _ = try table.consume(RowSet(columns: columns, rows: rows.map { $0 + Array(repeating: .null, count: width - $0.count) }))
        }
        try writer.flush()
    }

    private mutating func addRow(_ record: UnsafeRawBufferPointer) {
        var row: [RowValue] = []
        guard let base = record.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return rows.append(row) }
        JSONMembers.forEach(base, count: record.count) { key, value in
            let column: Int
            if let known = columnOfKey[key] {
                column = known
            } else {
                column = columns.count
                columnOfKey[key] = column
                columns.append(String(decoding: key, as: UTF8.self))
            }
            if row.count <= column { row += Array(repeating: .null, count: column + 1 - row.count) }
            // A key given twice: the last value wins, as in the queries.
            row[column] = cell(value, base)
        }
        rows.append(row)
    }

    /// A field's value; an object or array as compact JSON text, like the records of `-o json`.
    private mutating func cell(_ value: ValueSlot, _ base: UnsafePointer<UInt8>) -> RowValue {
        guard value.kind == .object || value.kind == .array else { return RowValue(value, base) }
        scratch.removeAll(keepingCapacity: true)
        JSONMembers.appendCompact(UnsafeRawBufferPointer(start: base + value.start, count: value.end - value.start), to: &scratch)
        return .json(String(decoding: scratch, as: UTF8.self))
    }
}
