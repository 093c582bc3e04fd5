import Testing

/// Checks that two byte arrays are equal and, when they are not, says where they part.
///
/// `#expect(a == b)` on arrays makes Swift Testing compute an element-by-element difference
/// when it fails, which takes minutes for the megabytes these tests compare.
public func expectBytes(
    _ actual: [UInt8], _ expected: [UInt8], _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation
) {
    guard actual != expected else { return }
    let common = zip(actual, expected).prefix { $0 == $1 }.count
    func excerpt(_ bytes: [UInt8]) -> String {
        let slice = bytes[min(common, bytes.count)..<min(common + 60, bytes.count)]
        return String(decoding: slice, as: UTF8.self).debugDescription
    }
    let what = comment.map { "\($0): " } ?? ""
    Issue.record(
        "\(what)\(actual.count) bytes, expected \(expected.count); they differ from byte \(common): \(excerpt(actual)) instead of \(excerpt(expected))",
        sourceLocation: sourceLocation)
}
