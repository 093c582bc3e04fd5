import Foundation
import Testing

@testable import LoupeKit

/// What the calling thread gives back to a worker is freed by that worker, on its own thread,
/// when it drops it: not before, not twice, and not by another worker.
@Suite struct WorkerReturnsTests {
    /// Notes the thread that frees it.
    final class Token: Sendable {
        let log: ThreadLog
        init(_ log: ThreadLog) { self.log = log }
        deinit { log.note(pthread_self()) }
    }

    final class ThreadLog: @unchecked Sendable {  // @unchecked: every access holds `lock`.
        private let lock = NSLock()
        private var threads: [pthread_t] = []
        func note(_ thread: pthread_t) { lock.withLock { threads.append(thread) } }
        var noted: [pthread_t] { lock.withLock { threads } }
    }

    @Test func aWorkerFreesWhatItIsGivenBack() {
        let returns = WorkerReturns<[Token]>(workers: 2)
        let freed = ThreadLog()
        returns.giveBack([Token(freed), Token(freed)], to: 0)
        returns.giveBack([Token(freed)], to: 1)
        returns.drop(1)
        #expect(freed.noted.count == 1, "worker 1 frees only what was given back to it")
        let worker = ThreadLog()
        let done = DispatchSemaphore(value: 0)
        Thread {
            worker.note(pthread_self())
            returns.drop(0)
            done.signal()
        }.start()
        done.wait()
        #expect(freed.noted.count == 3)
        #expect(freed.noted.dropFirst().allSatisfy { pthread_equal($0, worker.noted[0]) != 0 }, "freed on worker 0's thread")
        returns.drop(0)
        #expect(freed.noted.count == 3, "nothing is freed twice")
    }
}
