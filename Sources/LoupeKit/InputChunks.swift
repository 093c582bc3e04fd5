import LoupeEngine
import LoupeIO

/// The loop every line-reading pipeline shares: one input's chunks go through one processor
/// per worker, and the results come back in input order.
enum InputChunks {
    /// Runs `reader` to its end, or until `consume` returns false. `finish` runs on the worker
    /// after the processor (for extra per-chunk work off the consumer's thread). Returns the
    /// read error that cut the input short, if any; what came before it was consumed.
    static func run(
        _ reader: any ByteChunkSource, processors: [ChunkProcessor], threads: Int,
        finish: @escaping @Sendable (ChunkResult) -> ChunkResult = { $0 },
        consume: (ChunkResult) -> Bool
    ) -> InputError? {
        var readError: InputError?
        let map = OrderedParallelMap<ByteChunk, ChunkResult>(threads: threads)
        let source = UncheckedSendable(reader)
        do {
            try map.run(
                produce: {
                    do throws(InputError) {
                        return try source.value.next()
                    } catch {
                        readError = error
                        return nil
                    }
                },
                transform: { chunk, worker in finish(processors[worker].process(chunk)) },
                consume: consume)
        } catch {}
        return readError
    }
}

/// Moves a value that one thread at a time uses into a `@Sendable` context.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }
}
