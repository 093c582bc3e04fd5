import FuzzSupport

@testable import LoupeIO
@testable import LoupeJSON

/// The streaming JSONReader (tokens, `skip`, `copy`) and the JSONSplitter that parallel trace
/// decoding cuts documents with.
///
/// Checks: reading the bytes in memory and streaming them through a small, growing window
/// give the same tokens, texts, offsets and error; the reader reads the input to its end
/// exactly when the reference parser accepts it as a sequence of values, and finds as many
/// values; `copy` re-serializes each value to JSON that the reference parses back to the same
/// value; `skip` accepts and rejects what token-by-token reading does; a split of a valid
/// document names exactly its array's elements, and the skeleton is the document without them.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let inMemory = withExactCopy(bytes) { base, count in
        var reader = JSONReader(bytes: UnsafeBufferPointer(start: base, count: count))
        return Tokens.read(&reader)
    }
    let step = awkwardSteps[size % awkwardSteps.count]
    let blockSize = awkwardSteps[(size / awkwardSteps.count) % awkwardSteps.count]
    var streamed = JSONReader(.fuzzMemory(bytes, step: step), blockSize: blockSize)
    let streamedTokens = Tokens.read(&streamed)
    fuzzCheck(
        inMemory == streamedTokens, "in memory and streamed (step \(step), block \(blockSize)) readers disagree:\n\(inMemory)\n\(streamedTokens)")
    if let error = inMemory.error {
        fuzzCheck(error.offset >= 0 && error.offset <= size, "error offset \(error.offset) outside 0...\(size)")
    }

    let reference = ReferenceJSON.parseSequence(bytes)
    if !reference.tooDeep {
        fuzzCheck(
            (inMemory.error == nil) == reference.complete,
            "reader error \(String(describing: inMemory.error)), the reference read the whole input: \(reference.complete)")
        fuzzCheck(inMemory.values == reference.values.count, "reader completed \(inMemory.values) values, the reference \(reference.values.count)")
    }

    // skip() over each top-level value agrees with reading its tokens.
    withExactCopy(bytes) { base, count in
        var reader = JSONReader(bytes: UnsafeBufferPointer(start: base, count: count))
        var values = 0
        do throws(JSONError) {
            while true {
                let token = try reader.next()
                if token == .endOfInput { break }
                try reader.skip(token)
                fuzzCheck(reader.depth == 0, "skip left the reader inside a value")
                values += 1
            }
            fuzzCheck(inMemory.error == nil && values == inMemory.values, "skip read \(values) values where tokens stop with an error")
        } catch {
            fuzzCheck(inMemory.error == error, "skip failed with \(error), tokens with \(String(describing: inMemory.error))")
        }
    }

    // copy() of each complete value parses back to the same value.
    if !reference.tooDeep {
        withExactCopy(bytes) { base, count in
            var reader = JSONReader(bytes: UnsafeBufferPointer(start: base, count: count))
            var index = 0
            while index < reference.values.count {
                guard let token = try? reader.next(), token != .endOfInput else { break }
                var output: [UInt8] = []
                guard (try? reader.copy(token, into: &output)) != nil else { break }
                guard case .valid(let copied) = ReferenceJSON.parseDocument(output) else {
                    fuzzCheck(false, "copy wrote invalid JSON: \(String(decoding: output, as: UTF8.self))")
                    return
                }
                fuzzCheck(copied.value == reference.values[index].value, "copy changed value \(index)")
                index += 1
            }
        }
    }

    // The splitter: only a guess, but a split of a valid document must be its array's elements.
    for member in [nil, Set(["a", "data", "resourceSpans"])] as [Set<String>?] {
        let split = withExactCopy(bytes) { base, count in
            JSONSplitter.split(UnsafeBufferPointer(start: base, count: count), member: member)
        }
        guard let split else { continue }
        var previousEnd = 0
        for range in split.elements {
            fuzzCheck(range.lowerBound >= previousEnd && range.upperBound <= size && !range.isEmpty, "element ranges out of order or bounds")
            previousEnd = range.upperBound
        }
        guard case .valid(let root) = ReferenceJSON.parseDocument(bytes) else { continue }
        var array: ReferenceJSON.Node?
        if member == nil {
            array = root
        } else if case .object(let members) = root.value {
            // The splitter takes the first member with one of the names whose value is an array.
            array = members.first { isArray($0.value) && member!.contains(String(decoding: $0.key, as: UTF8.self)) }?.value
        }
        guard let array, case .array(let elements) = array.value else { continue }
        fuzzCheck(
            split.elements == elements.map { $0.start..<$0.end },
            "split elements \(split.elements) differ from the array's \(elements.map { $0.start..<$0.end })")
        let expectedSkeleton = Array(bytes[..<(array.start + 1)]) + Array(bytes[(array.end - 1)...])
        fuzzCheck(split.skeleton == expectedSkeleton, "the skeleton is not the document with the array emptied")
    }
    return 0
}

func isArray(_ node: ReferenceJSON.Node) -> Bool {
    if case .array = node.value { return true }
    return false
}

/// What a reader produced: each token with its text and offset, and how it ended.
struct Tokens: Equatable, CustomStringConvertible {
    var tokens: [(JSONToken, [UInt8], Int)] = []
    var error: JSONError?
    /// Top-level values completed.
    var values = 0

    static func == (a: Tokens, b: Tokens) -> Bool {
        a.error == b.error && a.values == b.values && a.tokens.count == b.tokens.count
            && zip(a.tokens, b.tokens).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 && $0.2 == $1.2 }
    }

    var description: String {
        let list = tokens.prefix(20).map { "\($0.0)@\($0.2)" + ($0.1.isEmpty ? "" : "(\(String(decoding: $0.1, as: UTF8.self)))") }
        return "\(list.joined(separator: " ")) values \(values) error \(error.map { "\($0.reason) at \($0.offset)" } ?? "none")"
    }

    static func read(_ reader: inout JSONReader) -> Tokens {
        var result = Tokens()
        do throws(JSONError) {
            while true {
                let token = try reader.next()
                var text: [UInt8] = []
                switch token {
                case .key, .string:
                    reader.appendText(to: &text)
                    // The decoded text is what the trace decoders compare keys with.
                    _ = reader.textString()
                case .number:
                    text = Array(reader.text)
                    _ = JSONReader.integer(reader.text)
                default: break
                }
                result.tokens.append((token, text, reader.tokenOffset))
                if token == .endOfInput { return result }
                if reader.depth == 0 { result.values += 1 }
                // Keep memory bounded on long inputs of tiny values.
                if result.tokens.count > 100_000 { return result }
            }
        } catch {
            result.error = error
            return result
        }
    }
}

@main
enum FuzzMain {
    static func main() { FuzzDriver.run(fuzz) }
}
