import Foundation
import Testing

/// One end-to-end case, read from a `.case` file under `Tests/Fixtures/e2e/` (the format is
/// described in that folder's README.md): the arguments, the input files and standard input,
/// and the exact standard output, standard error and exit code expected.
struct Fixture: CustomTestStringConvertible, Sendable {
    /// One `--- kind [name] [modifiers]` section and its body.
    struct Section: Sendable {
        var kind: String
        var name: String?
        var escaped = false
        var noEOL = false
        /// `from PATH`: the body is the file at PATH, relative to `Tests/Fixtures`.
        var from: String?
        var headerLine: String
        var bodyLines: [String]

        var bytes: [UInt8] {
            if let from { return Array(FileManager.default.contents(atPath: Fixture.root.appendingPathComponent(from).path) ?? Data()) }
            var text = bodyLines.map { $0 + "\n" }.joined()
            if noEOL && text.hasSuffix("\n") { text.removeLast() }
            return escaped ? Escapes.decode(text) : Array(text.utf8)
        }
    }

    let name: String
    let url: URL
    let description: [String]
    let sections: [Section]

    var testDescription: String { name }

    /// `Tests/Fixtures`, located from this file's path.
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// Every `.case` file, sorted by name.
    static var all: [Fixture] {
        let directory = root.appendingPathComponent("e2e")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".case") }.sorted().map { Fixture(url: directory.appendingPathComponent($0)) }
    }

    init(url: URL) {
        self.url = url
        name = url.deletingPathExtension().lastPathComponent
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        var description: [String] = []
        var sections: [Section] = []
        for line in lines {
            if line.hasPrefix("--- ") {
                let words = line.dropFirst(4).split(separator: " ").map(String.init)
                var section = Section(kind: words.first ?? "", headerLine: line, bodyLines: [])
                var rest = words.dropFirst()
                if ["file", "dir"].contains(section.kind), let first = rest.first {
                    section.name = first
                    rest = rest.dropFirst()
                }
                while let word = rest.first {
                    rest = rest.dropFirst()
                    switch word {
                    case "escaped": section.escaped = true
                    case "noeol": section.noEOL = true
                    case "from":
                        section.from = rest.first
                        rest = rest.dropFirst()
                    default: section.kind = "bad header: \(line)"
                    }
                }
                sections.append(section)
            } else if sections.isEmpty {
                description.append(line)
            } else {
                sections[sections.count - 1].bodyLines.append(line)
            }
        }
        self.description = description
        self.sections = sections
    }

    func section(_ kind: String) -> Section? { sections.first { $0.kind == kind } }

    var arguments: [String] { ShellWords.split(section("args")?.bodyLines.joined(separator: " ") ?? "") }
    var expectedStdout: [UInt8] { section("stdout")?.bytes ?? [] }
    var expectedStderr: [UInt8] { section("stderr")?.bytes ?? [] }
    var expectedExit: Int32? { section("exit").flatMap { Int32($0.bodyLines.joined().trimmingCharacters(in: .whitespaces)) } }

    /// Problems with the fixture file itself.
    var problems: [String] {
        var found: [String] = []
        for section in sections where !["args", "file", "dir", "stdin", "stdout", "stderr", "exit"].contains(section.kind) {
            found.append("unknown section '\(section.headerLine)'")
        }
        if section("args") == nil { found.append("no '--- args' section") }
        if expectedExit == nil { found.append("no '--- exit' section with a number") }
        for section in sections where section.from != nil {
            let path = Fixture.root.appendingPathComponent(section.from!).path
            if !FileManager.default.fileExists(atPath: path) { found.append("missing \(path)") }
        }
        return found
    }

    /// Sets up a directory with the fixture's files and runs loupe there.
    func run() throws -> LoupeProcess.Outcome {
        let directory = try TemporaryDirectory(prefix: "loupe-e2e-\(name)")
        for section in sections {
            guard let name = section.name else { continue }
            if section.kind == "dir" {
                try FileManager.default.createDirectory(atPath: directory.path + "/" + name, withIntermediateDirectories: true)
            } else if section.kind == "file" {
                directory.write(name, section.bytes)
            }
        }
        let stdin: LoupeProcess.Input = section("stdin").map { .bytes($0.bytes) } ?? .empty
        return try LoupeProcess.run(arguments, in: directory.path, stdin: stdin)
    }

    /// Rewrites the fixture's stdout, stderr and exit sections with what loupe did; every
    /// other line of the file stays as it was.
    func record(_ outcome: LoupeProcess.Outcome) throws {
        var text = description.map { $0 + "\n" }.joined()
        for section in sections where !["stdout", "stderr", "exit"].contains(section.kind) {
            text += section.headerLine + "\n" + section.bodyLines.map { $0 + "\n" }.joined()
        }
        if !outcome.stdout.isEmpty { text += Self.render("stdout", outcome.stdout) }
        if !outcome.stderr.isEmpty { text += Self.render("stderr", outcome.stderr) }
        text += "--- exit\n\(outcome.status)\n"
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    static func render(_ kind: String, _ bytes: [UInt8]) -> String {
        let escaped = Escapes.needed(bytes)
        let noEOL = !bytes.isEmpty && bytes.last != 0x0A
        var header = "--- \(kind)"
        if escaped { header += " escaped" }
        if noEOL { header += " noeol" }
        let body = escaped ? Escapes.encode(bytes) : String(decoding: bytes, as: UTF8.self)
        return header + "\n" + body + (noEOL ? "\n" : "")
    }
}

/// The escapes of `escaped` sections: bytes that a text file cannot show plainly.
enum Escapes {
    static let named: [(String, UInt8)] = [("␍", 0x0D), ("␀", 0x00), ("␉", 0x09), ("␛", 0x1B)]

    static func decode(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        var rest = Substring(text)
        outer: while let first = rest.first {
            for (symbol, byte) in named where rest.hasPrefix(symbol) {
                out.append(byte)
                rest = rest.dropFirst(symbol.count)
                continue outer
            }
            if first == "⟨", let close = rest.firstIndex(of: "⟩"),
                let byte = UInt8(rest[rest.index(after: rest.startIndex)..<close], radix: 16)
            {
                out.append(byte)
                rest = rest[rest.index(after: close)...]
                continue
            }
            out += Array(String(first).utf8)
            rest = rest.dropFirst()
        }
        return out
    }

    static func needed(_ bytes: [UInt8]) -> Bool {
        guard let text = String(validating: bytes, as: UTF8.self) else { return true }
        return bytes.contains { ($0 < 0x20 && $0 != 0x0A) || $0 == 0x7F } || text.unicodeScalars.contains("\u{FEFF}")
    }

    static func encode(_ bytes: [UInt8]) -> String {
        var out = ""
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if let (symbol, _) = named.first(where: { $0.1 == b }) {
                out += symbol
                i += 1
                continue
            }
            if b == 0x0A || (b >= 0x20 && b < 0x7F) {
                out.unicodeScalars.append(Unicode.Scalar(b))
                i += 1
                continue
            }
            // A whole valid UTF-8 sequence is kept as text; anything else as ⟨HH⟩.
            var length = 0
            for n in [2, 3, 4] where i + n <= bytes.count {
                // An invisible byte order mark is shown as its bytes.
                if let s = String(validating: bytes[i..<(i + n)], as: UTF8.self), s.unicodeScalars.count == 1, s != "\u{FEFF}" {
                    length = n
                    break
                }
            }
            if b >= 0x80 && length > 0 {
                out += String(decoding: bytes[i..<(i + length)], as: UTF8.self)
                i += length
            } else {
                out += "⟨" + String(b, radix: 16, uppercase: true).leftPadded(2) + "⟩"
                i += 1
            }
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

/// Splits an argument line like a POSIX shell: words separated by spaces; '...' keeps
/// everything literally; "..." keeps spaces, with \" and \\ escapes; \x outside quotes is x.
enum ShellWords {
    static func split(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var iterator = Array(line).makeIterator()
        while let c = iterator.next() {
            switch c {
            case " ", "\t":
                if inWord { words.append(current) }
                current = ""
                inWord = false
            case "'":
                inWord = true
                while let d = iterator.next(), d != "'" { current.append(d) }
            case "\"":
                inWord = true
                while let d = iterator.next(), d != "\"" {
                    if d == "\\", let e = iterator.next() {
                        if e != "\"" && e != "\\" { current.append(d) }
                        current.append(e)
                    } else {
                        current.append(d)
                    }
                }
            case "\\":
                inWord = true
                if let d = iterator.next() { current.append(d) }
            default:
                inWord = true
                current.append(c)
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
