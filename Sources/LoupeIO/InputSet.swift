import Glibc

/// The inputs of a run: the one place file arguments become inputs and each input is told
/// apart, once, from its first (decompressed) bytes, so every command reads an input the same
/// way. A command asks the set what each input holds, then opens it to read it (a big run
/// does not hold thousands of files open); nothing sniffs an input a second time.
package struct InputSet: Sendable {
    /// One input and what it holds, or why it could not be opened.
    package struct Entry: Sendable {
        package let source: InputSource
        package let shape: Result<InputShape, InputError>

        package var name: String { source.displayName }
        /// The format to read the input in: the one `--format` forced or the one detected.
        package var format: InputFormat? { try? shape.get().format }
    }

    package let entries: [Entry]

    /// The inputs of `arguments`, told apart; `forced` (`--input-format`) overrides the
    /// detected format of every input (a baseline file is still recognized; an OTLP name keeps
    /// the signal detected, see `InputFormat.forced`). With `prefixes` false (`--no-prefix`),
    /// lines with text before their JSON are read as JSON lines.
    package init(arguments: [String], format forced: InputFormat?, prefixes: Bool = true) {
        self.init(Self.sources(arguments), format: forced, prefixes: prefixes)
    }

    package init(_ sources: [InputSource], format forced: InputFormat?, prefixes: Bool = true) {
        entries = sources.map { source in
            Entry(
                source: source,
                shape: Result { () throws(InputError) -> InputShape in
                    var shape = try Self.sniff(source)
                    if let forced {
                        shape.format = shape.format.forced(forced)
                    } else if !prefixes, shape.format == .prefixedLines {
                        shape.format = .jsonLines
                    }
                    return shape
                })
        }
    }

    /// True when some input that could be opened is a trace export.
    package var holdsTraceExport: Bool { entries.contains { $0.format?.isTraceExport == true } }

    /// Opens the source to look at its first (decompressed) bytes; standard input, a pipe or
    /// a device replays them to its next reader.
    static func sniff(_ source: InputSource) throws(InputError) -> InputShape {
        func look() throws(InputError) -> InputShape {
            var opened = try source.open()
            return try FormatDetector.sniff(&opened)
        }
        guard let stream = source.peekable() else { return try look() }
        return try stream.rewinding(look)
    }

    /// File arguments as inputs: `-` is standard input, no argument means standard input, and
    /// a pattern with `*`, `?` or `[` that names no file is expanded like a shell glob.
    package static func sources(_ arguments: [String]) -> [InputSource] {
        if arguments.isEmpty { return [.standardInput] }
        var sources: [InputSource] = []
        for argument in arguments {
            if argument != "-", argument.contains(where: { "*?[".contains($0) }), access(argument, F_OK) != 0 {
                let matches = glob(argument)
                if !matches.isEmpty {
                    sources += matches.map(InputSource.file)
                    continue
                }
            }
            sources.append(InputSource(argument: argument))
        }
        return sources
    }

    private static func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard Glibc.glob(pattern, 0, nil, &result) == 0 else { return [] }
        return (0..<Int(result.gl_pathc)).compactMap { result.gl_pathv[$0].map { String(cString: $0) } }
    }
}

/// What an input holds, as its first bytes tell: the format to read it in, and whether it is
/// empty or a gate baseline (the only inputs whose shape is not a record format).
package struct InputShape: Sendable, Equatable {
    package var format: InputFormat
    /// Nothing but blanks, line ends and a byte order mark.
    package let isEmpty: Bool
    /// A summary written by `loupe gate --write-baseline`: its first key is `baselineMarker`.
    package let isBaseline: Bool

    /// The first key of every gate baseline file.
    package static let baselineMarker = "loupe_gate_baseline"

    init(format: InputFormat, prefix: UnsafeBufferPointer<UInt8>) {
        self.format = format
        var i = ByteOrderMark.length(prefix)
        while i < prefix.count, [0x20, 0x09, 0x0A, 0x0D].contains(prefix[i]) { i += 1 }
        // Empty only when the whole input was looked at.
        isEmpty = i == prefix.count && prefix.count < FormatDetector.sniffLength
        let marker = Array("{\"\(Self.baselineMarker)\"".utf8)
        isBaseline = prefix.count - i >= marker.count && prefix[i..<(i + marker.count)].elementsEqual(marker)
    }
}
