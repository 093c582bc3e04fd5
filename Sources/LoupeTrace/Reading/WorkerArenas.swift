import Glibc

/// Hands memory that worker threads freed back to the system (glibc's `malloc_trim`).
///
/// glibc gives each thread that allocates a malloc arena of its own; what a worker frees
/// stays resident in its arena until something there asks for it again, which nothing does
/// once the main thread holds the spans, and free pages among blocks that live on (span ids,
/// trees) stay resident for good. Reading, assembly and the trace analyses call this.
/// `malloc_trim` is not in Swift's Glibc module, so it is looked up by name; where it is
/// missing (another C library) this does nothing.
package enum WorkerArenas {
    private typealias Trim = @convention(c) (Int) -> Int32

    // The cast is safe: the symbol, when present, is glibc's `int malloc_trim(size_t pad)`,
    // whose C type `Trim` spells; a missing symbol is nil.
    private static let trim: Trim? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim").map {
        unsafeBitCast($0, to: Trim.self)
    }

    /// Returns the free memory of every arena to the system; cheap next to decoding a piece.
    package static func release() {
        _ = trim?(0)
    }
}
