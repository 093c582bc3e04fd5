import LoupeIO

/// What a worker of an `OrderedParallelMap` made and the calling thread is done with, kept
/// until that worker drops it itself, on its own thread.
///
/// glibc frees a block into the arena of the thread that allocated it, under that arena's
/// lock: the calling thread freeing the rendered reports of a worker contended with the
/// worker's own allocations, and made most of the lock waits of `trace -o json` on two
/// threads (`perf`, context switches with their stacks). What is kept is bounded by the map's
/// window, and whatever is left at the end is freed with this object.
final class WorkerReturns<Value: Sendable>: Sendable {
    private let returned: Locked<[[Value]]>

    init(workers: Int) {
        returned = Locked(Array(repeating: [], count: max(workers, 1)))
    }

    /// Keeps `value`, made by worker `w`, for `w` to drop.
    func giveBack(_ value: Value, to w: Int) {
        returned.withLock { $0[w].append(value) }
    }

    /// Drops what was given back to worker `w`; called on `w`'s thread.
    func drop(_ w: Int) {
        let values = returned.withLock { lists in
            defer { lists[w] = [] }
            return lists[w]
        }
        _ = consume values  // freed here, outside the lock, on this thread
    }
}
