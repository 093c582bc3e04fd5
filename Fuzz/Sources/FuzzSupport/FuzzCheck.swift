import Glibc

/// Stops the fuzzer with `message` when an invariant does not hold: libFuzzer treats the abort
/// as a crash and saves the input under artifacts/.
@inline(never)
package func fuzzCheck(_ condition: Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line) {
    if condition { return }
    let text = "fuzz invariant failed (\(file):\(line)): \(message())\n"
    var bytes = Array(text.utf8)
    _ = write(2, &bytes, bytes.count)
    abort()
}

/// The fuzzer's bytes as an array (libFuzzer's buffer is only valid during the call).
package func fuzzBytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
    Array(UnsafeBufferPointer(start: data, count: size))
}

/// Calls `body` with a heap copy of exactly `bytes.count` bytes (never a shared empty-array
/// address), so AddressSanitizer flags any read one byte past the end.
package func withExactCopy<R>(_ bytes: [UInt8], _ body: (UnsafePointer<UInt8>, Int) -> R) -> R {
    let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: max(bytes.count, 1))
    defer { copy.deallocate() }
    if bytes.isEmpty {
        // A zero-length allocation is still a valid pointer; reading it is an overflow.
        return body(UnsafePointer(copy), 0)
    }
    bytes.withUnsafeBufferPointer { copy.initialize(from: $0.baseAddress!, count: bytes.count) }
    return body(UnsafePointer(copy), bytes.count)
}

/// Block sizes the readers are checked at (STYLE 3: awkward sizes), picked from the input's
/// length so that the fuzzer's bytes are all data.
package let awkwardSteps = [1, 2, 3, 7, 15, 64, 100, 4096]
