import LoupeIO

/// The loop every line-reading pipeline shares: one input's chunks go through one processor
/// per worker, and the results come back in input order.
package enum InputChunks {
    /// Runs `reader` to its end, or until `consume` returns false. `finish` runs on the worker
    /// after the processor (for extra per-chunk work off the consumer's thread). Returns the
    /// read error that cut the input short, if any; what came before it was consumed.
    package static func run(
        _ reader: any ByteChunkSource, processors: [ChunkProcessor], threads: Int,
        finish: @escaping @Sendable (ChunkResult) -> ChunkResult = { $0 },
        consume: (ChunkResult) -> Bool
    ) -> InputError? {
        var readError: InputError?
        let map = OrderedParallelMap<ByteChunk, ChunkResult>(threads: threads)
        do {
            try map.run(
                produce: {
                    do throws(InputError) {
                        return try reader.next()
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
