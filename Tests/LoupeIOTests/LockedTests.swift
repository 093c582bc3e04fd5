import Dispatch
import Testing

@testable import LoupeIO

/// `Locked` lets one thread at a time at its value: increments made from several threads at
/// once are all counted. CI runs this under ThreadSanitizer, which would report the accesses
/// if TSan could not see the lock (as it could not see Synchronization's `Mutex`).
@Suite struct LockedTests {
    @Test func concurrentUpdatesAreAllKept() {
        let counter = Locked((count: 0, seen: Set<Int>()))
        DispatchQueue.concurrentPerform(iterations: 8) { t in
            for i in 0..<1_000 {
                counter.withLock { state in
                    state.count += 1
                    state.seen.insert(t * 1_000 + i)
                }
            }
        }
        let (count, seen) = counter.withLock { ($0.count, $0.seen.count) }
        #expect(count == 8_000)
        #expect(seen == 8_000)
    }
}
