import Foundation

/// Runs jobs 0..<count on `threads` threads and hands their results back in job order, with at
/// most `window` jobs ahead of the consumer: memory holds a few decoded chunks, not the whole
/// input. When `run` returns, no job is running any more.
///
/// (LoupeEngine's OrderedParallelMap does the same for queries; LoupeTrace sits below that
/// module, so it keeps this small one.)
final class ChunkPool<Result>: @unchecked Sendable {
    private let condition = NSCondition()
    private var next = 0
    private var consumed = 0
    private var running = 0
    private var done: [Int: Result] = [:]
    private var stopped = false

    /// Calls `consume` on the calling thread, in job order; false from it stops the run.
    func run(count: Int, threads: Int, window: Int, job: @escaping @Sendable (Int) -> Result, consume: (Result) -> Bool) {
        for _ in 0..<max(1, threads) {
            let thread = Thread { [self] in work(count: count, window: max(1, window), job: job) }
            thread.stackSize = 8 << 20
            thread.start()
        }
        while true {
            condition.lock()
            while consumed < count && done[consumed] == nil { condition.wait() }
            guard consumed < count else {
                condition.unlock()
                break
            }
            let result = done.removeValue(forKey: consumed)!
            consumed += 1
            condition.broadcast()
            condition.unlock()
            if !consume(result) { break }
        }
        condition.lock()
        stopped = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        done.removeAll()
        condition.unlock()
    }

    private func work(count: Int, window: Int, job: (Int) -> Result) {
        condition.lock()
        while true {
            while !stopped && next < count && next >= consumed + window { condition.wait() }
            guard !stopped, next < count else { break }
            let index = next
            next += 1
            running += 1
            condition.unlock()
            let result = job(index)
            condition.lock()
            running -= 1
            if !stopped { done[index] = result }
            condition.broadcast()
        }
        condition.unlock()
    }
}
