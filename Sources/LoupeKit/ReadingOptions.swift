import LoupeIO
import LoupeOutput
import LoupeTrace

/// What every reading command shares (`--color`, `--strict`, `--threads`, `--block-size`,
/// `--input-format`, `--no-prefix`), read from the command line once into types: nothing downstream parses a
/// string again or falls back silently.
public struct ReadingOptions: Sendable {
    package var color = ColorChoice.auto
    /// Stop at the first bad or repaired record (exit 2) instead of skipping it.
    public var strict = false
    /// Worker threads; nil is one per core.
    public var threads: Int?
    /// `--block-size` (hidden, for tests): the bytes per chunk of a log query; for a trace
    /// export, the size from which a file is decoded on several threads and of each piece.
    public var blockSize: Int?
    /// nil detects each input's format from its first bytes.
    package var format: InputFormat?
    /// Whether text before the JSON of a line is detected (`--no-prefix` turns it off).
    package var prefixes = true

    public init() {}

    /// The options from their command-line text; the error says which one is wrong and why.
    public init(color: String, strict: Bool, threads: Int?, blockSize: Int?, format: String?, noPrefix: Bool = false) throws(OptionError) {
        guard let color = ColorChoice(rawValue: color) else { throw OptionError("--color must be auto, always or never") }
        if let threads, threads < 1 { throw OptionError("--threads must be at least 1") }
        if let blockSize, blockSize < 1 { throw OptionError("--block-size must be at least 1") }
        self.color = color
        self.strict = strict
        self.threads = threads
        self.blockSize = blockSize
        prefixes = !noPrefix
        if let format {
            guard let parsed = InputFormat(rawValue: format) else {
                throw OptionError("unknown input format '\(format)' (use \(InputFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            self.format = parsed
        }
    }

    /// The worker threads to run: as asked, else one per core.
    var workerThreads: Int { max(1, threads ?? Environment.processorCount) }

    /// How a big trace export is split over threads: `--block-size` sets both the size from
    /// which a file is split and the size of each piece.
    var decodeSizes: ParallelDecode.Sizes {
        guard let blockSize else { return ParallelDecode.Sizes() }
        return ParallelDecode.Sizes(minimum: blockSize, piece: blockSize)
    }

    /// Whether standard output gets colors.
    func colors(_ writer: OutputWriter) -> Bool { Environment.colors(color, writer: writer) }
}

/// A command-line value that is not one loupe accepts; the message names the option.
public struct OptionError: Error, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// The formats of `trace` and `hotspots` reports, for the command line.
public typealias ReportFormat = TraceOutputFormat
