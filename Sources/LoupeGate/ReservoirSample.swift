/// A bounded, seeded, deterministic uniform sample of a group's values, stored in baseline
/// files so the significance test still runs against a summary.
///
/// The values are sampled in ascending order (Vitter's Algorithm R over the sorted list), so
/// the sample depends only on the multiset of values, the group key and the seed: not on the
/// input order, the file split or the thread count. With at most `limit` values the sample is
/// all of them, and a comparison against the baseline file gives exactly the numbers of a
/// comparison against the raw data.
package enum ReservoirSample {
    /// Up to `limit` of the ascending `sorted` values, ascending.
    package static func sample(sorted: [Double], limit: Int, seed: UInt64, key: GroupKey) -> [Double] {
        guard sorted.count > limit else { return sorted }
        guard limit > 0 else { return [] }
        var generator = SeededGenerator(seed: seed ^ keyHash(key))
        var reservoir = Array(sorted[0..<limit])
        for i in limit..<sorted.count {
            let j = Int(generator.below(UInt64(i + 1)))
            if j < limit { reservoir[j] = sorted[i] }
        }
        return reservoir.sorted()
    }

    /// A stable hash of the key's values, so each group draws its own random sequence.
    static func keyHash(_ key: GroupKey) -> UInt64 {
        var bytes: [UInt8] = []
        for value in key.values {
            bytes += value.utf8
            bytes.append(0x1F)
        }
        return SeededGenerator.fnv1a(bytes)
    }
}
