/// Runs a function over a stream of inputs on several threads and hands the results back in
/// input order, with at most `window` inputs in flight (so memory stays bounded).
///
/// `produce` and `consume` run on the calling thread; `transform` runs on worker `w` (0-based)
/// for its inputs, so per-worker state indexed by `w` needs no locking. The calling thread is
/// the last worker: while the next output is not ready it transforms a waiting input itself,
/// so `threads` threads run, not `threads + 1` on `threads` cores (on two cores the extra
/// thread cost time slices, wake-ups and caches). When `run` returns, no worker runs any more,
/// so a transform may read memory that the caller frees right after.
///
/// Used by the query engine and the trace reader alike, so it lives below both.
// @unchecked Sendable: workers share the object, and every mutable field is read and written
// only with `condition` locked.
package final class OrderedParallelMap<Input, Output>: @unchecked Sendable {
    private let threads: Int
    private let window: Int
    private let condition = Condition()
    private var pending: [(sequence: Int, input: Input)] = []
    private var done: [Int: Output] = [:]
    private var closed = false
    /// Workers started and not yet returned.
    private var running = 0

    package init(threads: Int, window: Int? = nil) {
        self.threads = max(1, threads)
        self.window = max(window ?? self.threads * 3, 1)
    }

    /// Runs `transform` over `items` cut into consecutive slices of `size` elements (the last
    /// may be shorter), and `consume` over the outputs in the items' order.
    package func run<Element>(
        batchesOf items: [Element], size: Int,
        transform: @escaping @Sendable (ArraySlice<Element>, Int) -> Output,
        consume: (Output) throws -> Bool
    ) throws where Input == ArraySlice<Element> {
        var next = 0
        try run(
            produce: {
                guard next < items.count else { return nil }
                let slice = items[next..<min(next + size, items.count)]
                next += slice.count
                return slice
            },
            transform: transform, consume: consume)
    }

    /// Pulls inputs until `produce` returns nil or `consume` returns false.
    package func run(
        produce: () throws -> Input?,
        transform: @escaping @Sendable (Input, Int) -> Output,
        consume: (Output) throws -> Bool
    ) throws {
        if threads == 1 {
            while let input = try produce() {
                if try !consume(transform(input, 0)) { return }
            }
            return
        }
        let helpers = threads - 1
        condition.lock()
        running = helpers
        condition.unlock()
        for w in 0..<helpers where !startThread({ self.work(w, transform) }) {
            // The system starts no more threads: the ones running (and this one) do the work.
            condition.lock()
            running -= 1
            condition.unlock()
        }
        defer { shutDown() }
        var nextToSubmit = 0
        var nextToConsume = 0
        var exhausted = false
        while true {
            while !exhausted && nextToSubmit - nextToConsume < window {
                guard let input = try produce() else {
                    exhausted = true
                    break
                }
                condition.lock()
                pending.append((nextToSubmit, input))
                condition.signal()
                condition.unlock()
                nextToSubmit += 1
            }
            if nextToConsume == nextToSubmit { return }
            condition.lock()
            while done[nextToConsume] == nil {
                if !pending.isEmpty {
                    let job = pending.removeFirst()
                    condition.unlock()
                    let output = transform(job.input, helpers)
                    condition.lock()
                    done[job.sequence] = output
                } else {
                    condition.wait()
                }
            }
            let output = done.removeValue(forKey: nextToConsume)!
            condition.unlock()
            nextToConsume += 1
            if try !consume(output) { return }
        }
    }

    private func work(_ w: Int, _ transform: (Input, Int) -> Output) {
        while true {
            condition.lock()
            while pending.isEmpty && !closed { condition.wait() }
            if closed {
                running -= 1
                condition.broadcast()
                condition.unlock()
                return
            }
            let job = pending.removeFirst()
            condition.unlock()
            let output = transform(job.input, w)
            condition.lock()
            done[job.sequence] = output
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Stops the workers and waits until each has returned (a transform in flight finishes).
    private func shutDown() {
        condition.lock()
        closed = true
        pending.removeAll()
        condition.broadcast()
        while running > 0 { condition.wait() }
        done.removeAll()
        condition.unlock()
    }
}
