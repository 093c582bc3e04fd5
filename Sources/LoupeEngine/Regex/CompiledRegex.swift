import CPCRE2

/// A PCRE2 pattern compiled once (with JIT when available) and shared by all workers.
///
/// Matching needs per-thread scratch (`RegexMatcher`); the compiled code itself is read-only.
package final class CompiledRegex: @unchecked Sendable {
    package let source: String
    let code: OpaquePointer
    let jitted: Bool

    /// Backtracking budget per match: a catastrophic pattern stops here instead of hanging.
    static let matchLimit: UInt32 = 10_000_000

    /// Compiles `source` with flags from `imsx`; the error carries PCRE2's message and the
    /// offset in the pattern.
    package init(_ source: String, flags: String) throws(RegexError) {
        self.source = source
        // Every subject is valid UTF-8 (a line with invalid UTF-8 is skipped before any value
        // is read, and derived strings keep whole characters), and pcre2_match still checks
        // the subjects that are not ASCII. PCRE2_MATCH_INVALID_UTF is left off: with the JIT of PCRE2 10.42 (Debian 12) it
        // makes \S, \D and \W stop at the first non-ASCII character (PCRE2 issue 224).
        var options: UInt32 = PCRE2_UTF
        for flag in flags {
            switch flag {
            case "i": options |= PCRE2_CASELESS
            case "m": options |= PCRE2_MULTILINE
            case "s": options |= PCRE2_DOTALL
            case "x": options |= PCRE2_EXTENDED
            default: break
            }
        }
        var errorCode: Int32 = 0
        var errorOffset = 0
        let bytes = Array(source.utf8)
        let compiled = bytes.withUnsafeBufferPointer { buffer in
            pcre2_compile_8(buffer.baseAddress, buffer.count, options, &errorCode, &errorOffset, nil)
        }
        guard let compiled else {
            throw RegexError(message: Self.message(for: errorCode), offset: errorOffset)
        }
        code = compiled
        jitted = pcre2_jit_compile_8(compiled, PCRE2_JIT_COMPLETE) == 0
    }

    deinit { pcre2_code_free_8(code) }

    /// The named groups, in the order of their numbers: what `parse` makes fields of.
    package var namedGroups: [(name: String, number: Int)] {
        var count: UInt32 = 0
        var entrySize: UInt32 = 0
        var table: UnsafePointer<UInt8>?
        guard pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMECOUNT), &count) == 0, count > 0,
            pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMEENTRYSIZE), &entrySize) == 0,
            pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMETABLE), &table) == 0, let table
        else { return [] }
        // Each entry: the group number in two bytes, big-endian, then the name and a zero.
        var groups: [(name: String, number: Int)] = []
        for i in 0..<Int(count) {
            let entry = table + i * Int(entrySize)
            let number = Int(entry[0]) << 8 | Int(entry[1])
            var length = 0
            while length < Int(entrySize) - 2, entry[2 + length] != 0 { length += 1 }
            groups.append((String(decoding: UnsafeBufferPointer(start: entry + 2, count: length), as: UTF8.self), number))
        }
        return groups.sorted { $0.number < $1.number }
    }

    /// How many capturing groups the pattern has.
    package var groupCount: Int {
        var count: UInt32 = 0
        _ = pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        return Int(count)
    }

    static func message(for code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = pcre2_get_error_message_8(code, &buffer, buffer.count)
        return length > 0 ? String(decoding: buffer[0..<Int(length)], as: UTF8.self) : "error \(code)"
    }
}

extension RegexMatcher {
    /// True when no byte of the `count` at `start` has its high bit set (eight at a time).
    static func isASCII(_ start: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        var i = 0
        var bits: UInt64 = 0
        while i + 8 <= count {
            bits |= UnsafeRawPointer(start + i).loadUnaligned(as: UInt64.self)
            i += 8
        }
        while i < count {
            bits |= UInt64(start[i])
            i += 1
        }
        return bits & 0x8080_8080_8080_8080 == 0
    }
}

/// A regex that failed to compile: PCRE2's message and the byte offset in the pattern.
package struct RegexError: Error, Equatable, Sendable {
    package var message: String
    package var offset: Int
}

/// Per-thread match state for one `CompiledRegex`.
package final class RegexMatcher {
    /// What one match attempt found.
    package enum Outcome {
        case match, noMatch
        /// PCRE2 gave up (match or depth limit): treated as no match and reported once.
        case limitExceeded
    }

    let regex: CompiledRegex
    private let matchData: OpaquePointer
    private let context: OpaquePointer

    package init(_ regex: CompiledRegex) {
        self.regex = regex
        matchData = pcre2_match_data_create_from_pattern_8(regex.code, nil)
        context = pcre2_match_context_create_8(nil)
        pcre2_set_match_limit_8(context, CompiledRegex.matchLimit)
        pcre2_set_depth_limit_8(context, CompiledRegex.matchLimit)
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        pcre2_match_context_free_8(context)
    }

    /// Searches as `matches` does and, on a match, writes where each group lies to `groups`
    /// (start and end offsets from `start`, -1 for a group that took no part), for groups
    /// 0 up to `groups.count / 2 - 1`.
    package func match(_ start: UnsafePointer<UInt8>, _ count: Int, groups: UnsafeMutableBufferPointer<Int>) -> Outcome {
        let outcome = matches(start, count)
        guard case .match = outcome else { return outcome }
        let ovector = pcre2_get_ovector_pointer_8(matchData)!
        let pairs = Int(pcre2_get_ovector_count_8(matchData))
        for i in 0..<(groups.count / 2) {
            // PCRE2_UNSET is the largest size_t, -1 as an Int.
            let (s, e) = i < pairs ? (ovector[2 * i], ovector[2 * i + 1]) : (-1, -1)
            let set = s >= 0 && s <= count && e >= s && e <= count
            groups[2 * i] = set ? s : -1
            groups[2 * i + 1] = set ? e : -1
        }
        return outcome
    }

    /// Searches `count` bytes at `start` (a decoded string value) for the pattern.
    package func matches(_ start: UnsafePointer<UInt8>, _ count: Int) -> Outcome {
        // PCRE2 checks a subject's UTF-8 byte by byte (7% of a regex filter's instructions);
        // ASCII needs no check, and only text that is not ASCII gets it.
        let options = Self.isASCII(start, count) ? UInt32(PCRE2_NO_UTF_CHECK) : 0
        let rc = pcre2_match_8(regex.code, start, count, 0, options, matchData, context)
        if rc >= 0 { return .match }
        if rc == PCRE2_ERROR_NOMATCH { return .noMatch }
        if rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT {
            return .limitExceeded
        }
        return .noMatch
    }
}
