import LoupeJSON

/// The byte encoding of group keys: one tagged field per key, so equal values (after JSON
/// decoding, and 1 == 1.0 == 1E3/1000) give equal bytes and a tuple of keys hashes as one byte
/// string. Whole numbers in Int64's range are keyed by their exact value, so ids beyond 2^53
/// stay apart; other numbers by their double.
package enum GroupKeyEncoding {
    enum Tag: UInt8 {
        case missing = 0, null, `false`, `true`, number, string, json, bucket, integer
    }

    /// Encodes a record's group key (one field per key spec) into `key`; false when a bucket
    /// key has no readable timestamp.
    @inline(__always)
    package static func encode(
        _ keys: [GroupKeySpec], _ slots: UnsafeBufferPointer<ValueSlot>, _ base: UnsafePointer<UInt8>, into key: inout KeyBuffer
    ) -> Bool {
        key.reset()
        for spec in keys {
            let value = slots[spec.slot]
            if let width = spec.bucketWidth {
                guard let ns = TimeFilter.nanoseconds(value, base) else { return false }
                var start = ns - ns % width
                if ns % width < 0 {
                    // Floor, not truncate, before the epoch; a bucket starting before Int64's
                    // range cannot be named, so its record is left out and counted.
                    let (earlier, overflow) = start.subtractingReportingOverflow(width)
                    guard !overflow else { return false }
                    start = earlier
                }
                GroupKeyEncoding.appendBucket(
                    start, fractionDigits: GroupKeyEncoding.fractionDigits(forBucketWidth: width), to: &key)
            } else {
                GroupKeyEncoding.append(value, base, to: &key)
            }
        }
        return true
    }

    /// Appends one value's encoding.
    @inline(__always)
    package static func append(_ value: ValueSlot, _ base: UnsafePointer<UInt8>, to key: inout some KeyBytes) {
        switch value.kind {
        // A missing key and a null value are one group: both are shown as null, and two
        // indistinguishable rows (or a `distinct` listing null twice) would mislead.
        case .missing, .null: key.append(Tag.null.rawValue)
        case .false: key.append(Tag.false.rawValue)
        case .true: key.append(Tag.true.rawValue)
        case .number:
            // `JSONNumber.value` reads every whole number up to 2^53 as an integer (-0 as 0);
            // a double beyond that is a rounded fraction or an integer past Int64, so keying
            // it apart from the integer it rounds to keeps exact values apart.
            switch JSONNumber.value(base + value.start, base + value.end) {
            case .integer(let i):
                key.append(Tag.integer.rawValue)
                appendInteger(i, to: &key)
            case .double(let x):
                key.append(Tag.number.rawValue)
                appendInteger(x.bitPattern, to: &key)
            }
        case .string:
            key.append(Tag.string.rawValue)
            if value.escaped {
                var decoded: [UInt8] = []
                JSONString.decode(base + value.start, base + value.end, into: &decoded)
                appendInteger(UInt32(decoded.count), to: &key)
                decoded.withUnsafeBufferPointer { key.append($0) }
            } else {
                appendInteger(UInt32(value.end - value.start), to: &key)
                key.append(UnsafeBufferPointer(start: base + value.start, count: value.end - value.start))
            }
        case .object, .array:
            key.append(Tag.json.rawValue)
            appendInteger(UInt32(value.end - value.start), to: &key)
            key.append(UnsafeBufferPointer(start: base + value.start, count: value.end - value.start))
        }
    }

    /// Appends a time bucket: its start in nanoseconds, and the fraction digits its column is
    /// shown with (the same for every bucket of a width, so that the RFC 3339 texts sort in
    /// time order: `08:00:00.000Z` before `08:00:00.500Z`).
    @inline(__always)
    package static func appendBucket(_ start: Int64, fractionDigits: UInt8, to key: inout some KeyBytes) {
        key.append(Tag.bucket.rawValue)
        appendInteger(UInt64(bitPattern: start), to: &key)
        key.append(fractionDigits)
    }

    /// The fraction digits that show every multiple of `width` nanoseconds exactly: 0 for whole
    /// seconds, else 3, 6 or 9.
    package static func fractionDigits(forBucketWidth width: Int64) -> UInt8 {
        width % 1_000_000_000 == 0 ? 0 : (width % 1_000_000 == 0 ? 3 : (width % 1000 == 0 ? 6 : 9))
    }

    /// Decodes a whole key back into row values (buckets as RFC 3339 strings).
    package static func decode(_ key: [UInt8]) -> [RowValue] {
        var values: [RowValue] = []
        var i = 0
        func readInteger<T: FixedWidthInteger>(_: T.Type) -> T {
            var v: T = 0
            for k in 0..<MemoryLayout<T>.size { v |= T(key[i + k]) << (8 * k) }
            i += MemoryLayout<T>.size
            return v
        }
        while i < key.count {
            let tag = Tag(rawValue: key[i])!
            i += 1
            switch tag {
            case .missing, .null: values.append(.null)
            case .false: values.append(.bool(false))
            case .true: values.append(.bool(true))
            case .number: values.append(.number(.double(Double(bitPattern: readInteger(UInt64.self)))))
            case .integer: values.append(.number(.integer(readInteger(Int64.self))))
            case .string, .json:
                let length = Int(readInteger(UInt32.self))
                let text = String(decoding: key[i..<(i + length)], as: UTF8.self)
                values.append(tag == .string ? .string(text) : .json(text))
                i += length
            case .bucket:
                let start = Int64(bitPattern: readInteger(UInt64.self))
                values.append(.string(Timestamp.format(start, fractionDigits: Int(key[i]))))
                i += 1
            }
        }
        return values
    }

    @inline(__always)
    static func appendInteger<T: FixedWidthInteger>(_ v: T, to key: inout some KeyBytes) {
        withUnsafeBytes(of: v.littleEndian) { key.append($0.bindMemory(to: UInt8.self)) }
    }
}
