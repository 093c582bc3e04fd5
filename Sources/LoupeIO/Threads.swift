import Glibc

// Threads, locks and conditions on pthreads, so that loupe does not load Foundation for
// `Thread`, `NSLock` and `NSCondition` (Foundation and its ICU were most of the start-up cost and
// of the binary's size), and so that ThreadSanitizer sees every lock: it intercepts pthreads, but
// not the futex calls of Synchronization's `Mutex` inside the standard library, which is not built
// for it (CI once failed on three races it reported in the span-id table for that reason).

/// A mutex and a condition variable: `lock`, then `wait` until what is awaited holds.
// @unchecked Sendable: the pthread objects are made to be shared between threads; they live on
// the heap (never moved, as pthreads require) until this object is freed.
package final class Condition: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    package init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    package func lock() { pthread_mutex_lock(mutex) }
    package func unlock() { pthread_mutex_unlock(mutex) }
    /// Unlocks, sleeps until signalled, locks again; the caller checks what it waits for again.
    package func wait() { pthread_cond_wait(condition, mutex) }
    package func signal() { pthread_cond_signal(condition) }
    package func broadcast() { pthread_cond_broadcast(condition) }
}

/// A value that threads share, reached only under its lock.
// @unchecked Sendable: `value` is read and written only inside `withLock`, with the lock held.
package final class Locked<Value>: @unchecked Sendable {
    private let guardian = Condition()
    private var value: Value

    package init(_ value: Value) {
        self.value = value
    }

    package func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        guardian.lock()
        defer { guardian.unlock() }
        return try body(&value)
    }
}

/// Starts a detached thread that runs `body`, with a stack of `stackSize` bytes (what glibc
/// gives a thread by default; parsing keeps deep nesting on the heap, not on the stack).
/// Returns false, and runs nothing, when the system will not start one (a limit on threads or
/// memory): callers carry on with the threads they have or say why they cannot.
package func startThread(stackSize: Int = 8 << 20, _ body: @escaping @Sendable () -> Void) -> Bool {
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    pthread_attr_setstacksize(&attributes, stackSize)
    pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
    // The new thread takes over the retained box and releases it when `body` returns.
    let box = Unmanaged.passRetained(ThreadBody(body))
    var thread = pthread_t()
    let status = pthread_create(
        &thread, &attributes,
        { context in
            Unmanaged<ThreadBody>.fromOpaque(context!).takeRetainedValue().body()
            return nil
        }, box.toOpaque())
    if status != 0 { box.release() }
    return status == 0
}

/// What `startThread` hands to the new thread through pthreads' one pointer.
private final class ThreadBody {
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
}
