import Foundation

/// A value that threads share, reached only under its lock.
///
/// Not Synchronization's `Mutex`: on Linux that locks with futex calls from inside the standard
/// library, which is not built for ThreadSanitizer, so TSan sees the guarded accesses but not
/// the lock and reports each as a race (CI failed on three, in the span-id table). `NSLock` is a
/// pthread mutex, which TSan intercepts. The locks here are taken rarely (a text span id, a
/// worker's batch, a named pipe), so its cost does not show.
// @unchecked Sendable: `value` is read and written only inside `withLock`, under `lock`.
package final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    package init(_ value: Value) {
        self.value = value
    }

    package func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
