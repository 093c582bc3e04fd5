/// Records skipped for a reason, with where the first one was: the input behind the
/// end-of-run report `skipped 3 malformed lines in app.log (first at line 17: ...)`.
package struct SkipTally: Sendable {
    /// One reason's count and its first occurrence.
    package struct Entry: Sendable {
        package var count: Int
        /// Byte offset of the first record in the input.
        package var firstOffset: Int
        package var firstMessage: String
    }

    package private(set) var entries: [(reason: String, entry: Entry)] = []

    package init() {}

    package var isEmpty: Bool { entries.isEmpty }
    package var total: Int { entries.reduce(0) { $0 + $1.entry.count } }

    package mutating func add(_ reason: String, offset: Int, message: @autoclosure () -> String, count: Int = 1) {
        if let i = entries.firstIndex(where: { $0.reason == reason }) {
            entries[i].entry.count += count
        } else {
            entries.append((reason, Entry(count: count, firstOffset: offset, firstMessage: message())))
        }
    }

    /// Adds a tally from later input: counts add up, the earlier first occurrence stays.
    package mutating func merge(_ later: SkipTally) {
        for (reason, entry) in later.entries {
            add(reason, offset: entry.firstOffset, message: entry.firstMessage, count: entry.count)
        }
    }
}
