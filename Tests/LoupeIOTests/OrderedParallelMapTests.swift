import Foundation
import Testing

@testable import LoupeIO

/// The worker pool under the query engine and the trace reader: outputs in input order whatever the threads, the
/// window bounds what is in flight, and stopping early leaves no worker running. Run under
/// ThreadSanitizer by `.ci/run`.
@Suite struct OrderedParallelMapTests {
    /// Work that takes a varying time, so that results finish out of order.
    static func slowSquare(_ x: Int) -> Int {
        var h = UInt64(x) &* 0x9E37_79B9_7F4A_7C15
        for _ in 0..<(x % 7) * 2000 { h = h &* 6_364_136_223_846_793_005 &+ 1 }
        return x * x + Int(h & 0)
    }

    @Test(arguments: [1, 2, 4, 8])
    func outputsComeInInputOrder(threads: Int) throws {
        let map = OrderedParallelMap<Int, (Int, Int)>(threads: threads, window: 5)
        var next = 0
        var seen: [Int] = []
        var workers = Set<Int>()
        try map.run(
            produce: {
                defer { next += 1 }
                return next < 2000 ? next : nil
            },
            transform: { x, worker in (Self.slowSquare(x), worker) },
            consume: { output in
                seen.append(output.0)
                workers.insert(output.1)
                return true
            })
        #expect(seen == (0..<2000).map { $0 * $0 })
        #expect(workers.allSatisfy { $0 >= 0 && $0 < threads })
    }

    /// The calling thread is the last worker: `threads` threads transform in all, the caller
    /// among them (two threads on two cores, not three), and each worker number stays with
    /// one thread.
    @Test(arguments: [2, 3, 4])
    func callerIsTheLastWorker(threads: Int) throws {
        let map = OrderedParallelMap<Int, (worker: Int, thread: UInt)>(threads: threads, window: threads * 3)
        let caller = UInt(pthread_self())
        var next = 0
        var threadOf: [Int: Set<UInt>] = [:]
        try map.run(
            produce: {
                defer { next += 1 }
                return next < 3000 ? next : nil
            },
            transform: { x, worker in
                _ = Self.slowSquare(x)
                return (worker, UInt(pthread_self()))
            },
            consume: { output in
                threadOf[output.worker, default: []].insert(output.thread)
                return true
            })
        #expect(threadOf.values.allSatisfy { $0.count == 1 })
        #expect(Set(threadOf.values.flatMap { $0 }).count <= threads)
        if let callers = threadOf[threads - 1] { #expect(callers == [caller]) }
    }

    /// Per-worker state indexed by the worker number needs no lock (the type's promise).
    @Test func perWorkerStateNeedsNoLock() throws {
        let threads = 4
        // Plain memory, one slot per worker, as the engine's per-worker accumulators are.
        struct Slots: @unchecked Sendable { let base: UnsafeMutablePointer<Int> }
        let slots = Slots(base: .allocate(capacity: threads))
        slots.base.initialize(repeating: 0, count: threads)
        defer { slots.base.deallocate() }
        let map = OrderedParallelMap<Int, Int>(threads: threads)
        var next = 0
        try map.run(
            produce: {
                defer { next += 1 }
                return next < 1000 ? next : nil
            },
            transform: { x, worker in
                slots.base[worker] += x
                return x
            },
            consume: { _ in true })
        #expect((0..<threads).reduce(0) { $0 + slots.base[$1] } == (0..<1000).reduce(0, +))
    }

    @Test func consumeCanStopEarly() throws {
        let map = OrderedParallelMap<Int, Int>(threads: 4, window: 8)
        var next = 0
        var consumed = 0
        try map.run(
            produce: {
                defer { next += 1 }
                return next < 100_000 ? next : nil
            },
            transform: { x, _ in Self.slowSquare(x) },
            consume: { _ in
                consumed += 1
                return consumed < 50
            })
        #expect(consumed == 50)
        #expect(next < 50 + 8 + 2, "the window bounds what was produced")
    }

    /// When `run` returns, even after stopping early, no transform is still running: the trace
    /// reader's transforms read a mapped file that is unmapped right after.
    @Test func noTransformRunsAfterRun() throws {
        final class Active: @unchecked Sendable {  // @unchecked: every access holds `lock`.
            let lock = NSLock()
            var now = 0
            func add(_ n: Int) { lock.withLock { now += n } }
            var value: Int { lock.withLock { now } }
        }
        for threads in [2, 4, 8] {
            let active = Active()
            let map = OrderedParallelMap<Int, Int>(threads: threads, window: threads * 2)
            var next = 0
            try map.run(
                produce: {
                    defer { next += 1 }
                    return next < 1000 ? next : nil
                },
                transform: { x, _ in
                    active.add(1)
                    defer { active.add(-1) }
                    return Self.slowSquare(x + 5) + Self.slowSquare(x + 6)
                },
                consume: { _ in next < 20 })
            #expect(active.value == 0, "\(threads) threads")
        }
    }
}
