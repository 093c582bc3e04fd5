import LoupeJSON

/// Computing the program's derived values (`level()`, `time()`, `message()`, `lower`,
/// `upper`) from the slots the scan filled: one pass over the record, then a few lookups.
extension RecordEvaluator {
    /// Fills the derived slots for the record just scanned (`count` bytes at `record`) and
    /// returns the base every slot is relative to from now until the next record.
    @inline(never)
    mutating func derive(_ record: UnsafePointer<UInt8>, _ count: Int) -> UnsafePointer<UInt8> {
        if copiesRecord { derivedStorage.reset(copying: record, count, extra: 64) }
        for (i, derived) in program.derived.enumerated() {
            let (value, pick) = value(of: derived.derivation, record, count)
            scanner.setSlot(derived.slot, value)
            derivedStorage.picks[i] = pick
        }
        return copiesRecord ? derivedStorage.base : record
    }

    /// For each derived value of the record last evaluated, the index of the candidate it came
    /// from (`Derivation.noPick` when none had one; `Derivation.clefPick` for a CLEF record's
    /// implied level): what `loupe fields` reports.
    package var derivedPicks: [Int] { derivedStorage.picks }

    private mutating func value(of derivation: Derivation, _ record: UnsafePointer<UInt8>, _ count: Int) -> (ValueSlot, Int) {
        let slots = scanner.slots
        switch derivation {
        case .message(let candidates):
            for (i, slot) in candidates.enumerated() where slots[slot].kind == .string { return (slots[slot], i) }
            return (.missing, Derivation.noPick)
        case .levelName(let sources):
            guard let (level, pick) = level(sources, record, count) else { return (.missing, Derivation.noPick) }
            return (write(level.name.utf8, kind: .string), pick)
        case .levelRank(let sources):
            guard let (level, pick) = level(sources, record, count) else { return (.missing, Derivation.noPick) }
            return (write(CollectionOfOne(UInt8(ascii: "0") + UInt8(level.rawValue)), kind: .number), pick)
        case .time(let candidates):
            for (i, candidate) in candidates.enumerated() {
                let value = slots[candidate.slot]
                let ns: Int64?
                switch (value.kind, candidate.reading) {
                case (.string, .value):
                    ns = text(value, record, count) { Timestamp.parseText($0, $1, epochs: candidate.epochs) }
                case (.string, .leadingTime):
                    ns = text(value, record, count) { Timestamp.parseLeading($0, $1) }
                case (.number, .value):
                    ns = Timestamp.parseEpoch(record + value.start, value.end - value.start, epochs: candidate.epochs)
                default:
                    ns = nil
                }
                if let ns { return (writeTime(ns), i) }
            }
            return (.missing, Derivation.noPick)
        case .lower(let source), .upper(let source):
            let value = slots[source]
            guard value.kind == .string else { return (value, 0) }
            var upper = false
            if case .upper = derivation { upper = true }
            return (caseMapped(value, record, count, upper: upper), 0)
        case .compute(let computation, let known):
            // Every slot, the record's and earlier derived ones, is an offset from the copy.
            let value = compute(computation, slots, derivedStorage.base)
            return (write(value, durationsAsNumbers: known == .duration), 0)
        case .test(let predicate):
            let holds = test(predicate, slots, derivedStorage.base)
            return (write(CollectionOfOne(UInt8(ascii: holds ? "1" : "0")), kind: .number), 0)
        case .match(let source, let regex, let capture, _):
            derivedStorage.captures[capture][0] = -1
            let value = slots[source]
            guard value.kind == .string else { return (.missing, 0) }
            // The decoded subject is copied after the record, so that groups point into it.
            let storage = derivedStorage
            let start = storage.count
            storage.reserve(start + value.end - value.start)
            text(value, record, count) { p, n in storage.append(p, n) }
            let matcher = matchers[regex]
            let outcome = storage.captures[capture].withUnsafeMutableBufferPointer { groups in
                matcher.match(storage.base + start, storage.count - start, groups: UnsafeMutableBufferPointer(rebasing: groups[1...]))
            }
            switch outcome {
            case .match: storage.captures[capture][0] = start
            case .limitExceeded: regexLimitHits += 1
            case .noMatch: break
            }
            return (.missing, 0)
        case .group(let capture, let number):
            let groups = derivedStorage.captures[capture]
            let (subject, start, end) = (groups[0], groups[1 + 2 * number], groups[2 + 2 * number])
            guard subject >= 0, start >= 0 else { return (.missing, Derivation.noPick) }
            return (ValueSlot(kind: .string, escaped: false, rank: 0, start: subject + start, end: subject + end), 0)
        }
    }

    /// Writes a computed value after the record and returns its slot. A string or JSON value
    /// found in the record is its slot as it is.
    private func write(_ value: Scalar, durationsAsNumbers: Bool) -> ValueSlot {
        switch value {
        case .missing: return .missing
        case .null: return write("null".utf8, kind: .null)
        case .bool(let b): return b ? write("true".utf8, kind: .true) : write("false".utf8, kind: .false)
        case .number(let n, _): return write(n.text.utf8, kind: .number)
        case .duration(let ns):
            if durationsAsNumbers { return write(NumberValue(nearest: ns).text.utf8, kind: .number) }
            return write(DurationText.literal(nanoseconds: ns).utf8, kind: .string)
        case .timestamp(let ns): return writeTime(ns)
        case .text(let bytes): return write(bytes, kind: .string)
        case .found(let slot): return slot
        }
    }

    /// The first candidate that names or numbers a level; info for a CLEF record without one.
    private mutating func level(_ sources: LevelSources, _ record: UnsafePointer<UInt8>, _ count: Int) -> (LogLevel, Int)? {
        let slots = scanner.slots
        for (i, candidate) in sources.candidates.enumerated() {
            let value = slots[candidate.slot]
            switch value.kind {
            case .string:
                let found = text(value, record, count) { p, n -> LogLevel? in
                    if let named = LogLevel.named(p, n) { return named }
                    // journald writes PRIORITY as a string ("6").
                    guard candidate.numbering != .none, JSONNumber.isNumber(p, p + n),
                        case .integer(let i) = JSONNumber.value(p, p + n)
                    else { return nil }
                    return LogLevel.numbered(i, candidate.numbering)
                }
                if let found { return (found, i) }
            case .number:
                if case .integer(let n) = JSONNumber.value(record + value.start, record + value.end),
                    let found = LogLevel.numbered(n, candidate.numbering)
                {
                    return (found, i)
                }
            default:
                continue
            }
        }
        if slots[sources.clefTime].kind != .missing, sources.clefMessages.contains(where: { slots[$0].kind != .missing }) {
            return (.info, Derivation.clefPick)
        }
        return nil
    }

    /// Calls `body` with a string value's decoded bytes, wherever they are (the record, or
    /// text an earlier derivation wrote).
    private mutating func text<R>(
        _ value: ValueSlot, _ record: UnsafePointer<UInt8>, _ count: Int, _ body: (UnsafePointer<UInt8>, Int) -> R
    ) -> R {
        // Derived text lies after the record's copy; the storage may have moved since.
        let base = value.start >= count && copiesRecord ? derivedStorage.base : record
        return withString(value, base, body)
    }

    /// Appends text after the record and returns its slot.
    private func write(_ bytes: some Sequence<UInt8>, kind: JSONKind) -> ValueSlot {
        let start = derivedStorage.count
        for byte in bytes { derivedStorage.append(byte) }
        return ValueSlot(kind: kind, escaped: false, rank: 0, start: start, end: derivedStorage.count)
    }

    /// `time()`'s text: `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`, always this wide.
    private func writeTime(_ ns: Int64) -> ValueSlot {
        let start = derivedStorage.count
        derivedStorage.appendFixed(Timestamp.fixedRFC3339Width) { Timestamp.writeFixedRFC3339(ns, to: $0) }
        return ValueSlot(kind: .string, escaped: false, rank: 0, start: start, end: derivedStorage.count)
    }

    /// A string in lower or upper case: ASCII byte by byte, other text by Unicode's rules (as
    /// the query's own strings are mapped, with `String.lowercased()`).
    private mutating func caseMapped(_ value: ValueSlot, _ record: UnsafePointer<UInt8>, _ count: Int, upper: Bool) -> ValueSlot {
        let storage = derivedStorage
        let start = storage.count
        // Decoded text is never longer than its JSON form; reserved first, as it may move.
        storage.reserve(start + value.end - value.start)
        let mapped: [UInt8]? = text(value, record, count) { p, n in
            let bytes = UnsafeBufferPointer(start: p, count: n)
            guard bytes.allSatisfy({ $0 < 0x80 }) else {
                let string = String(decoding: bytes, as: UTF8.self)
                return Array((upper ? string.uppercased() : string.lowercased()).utf8)
            }
            storage.appendFixed(n) { out in
                for i in 0..<n {
                    let c = p[i]
                    out[i] = upper ? (c >= 0x61 && c <= 0x7A ? c - 0x20 : c) : (c >= 0x41 && c <= 0x5A ? c + 0x20 : c)
                }
            }
            return nil
        }
        if let mapped { mapped.withUnsafeBufferPointer { storage.append($0.baseAddress!, $0.count) } }
        return ValueSlot(kind: .string, escaped: false, rank: 0, start: start, end: storage.count)
    }
}
