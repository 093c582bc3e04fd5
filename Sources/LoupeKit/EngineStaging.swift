import Glibc
import LoupeIO

extension EngineRun {
    /// The files the engine reads: the inputs as they are where it can read them itself;
    /// standard input and trace exports written first to a temporary folder as JSON lines
    /// (the span records loupe queries, DESIGN section 4). Removed after the run.
    final class Staging {
        private var folder: String?
        /// Where standard input was copied, if it was: messages name it as standard input.
        private var standardInputCopy: String?

        struct Failure: Error {
            var message: String
        }

        /// The inputs with standard input written to a file (the engine reads files only).
        func inputs(_ configuration: QueryConfiguration) throws(Failure) -> [String] {
            let inputs = configuration.inputs.isEmpty ? ["-"] : configuration.inputs
            guard inputs.contains("-") else { return inputs }
            let target = try makeFolder() + "/stdin"
            try Self.copyStandardInput(to: target)
            standardInputCopy = target
            return inputs.map { $0 == "-" ? target : $0 }
        }

        /// The files the engine reads. A plain JSON-lines file is read where it is; anything
        /// else loupe reads first and writes as compact JSON lines (the engines read JSON lines
        /// only, and tell compression by the name where loupe tells it by the bytes): gzip and
        /// zstd, UTF-16, arrays and pretty values, RS sequences, OTLP logs, and a trace export's
        /// spans as records (the fields a loupe run queries, DESIGN section 4).
        func files(_ inputs: InputSet, configuration: QueryConfiguration) throws(Failure) -> [String] {
            var files: [String] = []
            var staged: [String] = []
            for entry in inputs.entries {
                let shape: InputShape
                do {
                    shape = try entry.shape.get()
                } catch {
                    throw Failure(message: named(error.description))
                }
                if shape.format == .prefixedLines {
                    throw Failure(
                        message:
                            "\(named(entry.name)): lines with text before their JSON have no translation (the engine reads JSON lines); --no-prefix reads them as malformed lines, as the engine would"
                    )
                }
                if shape.format == .jsonLines, case .file(let path) = entry.source, Self.isPlain(path) {
                    files.append(path)
                } else {
                    staged.append(entry.name)
                }
            }
            guard !staged.isEmpty else { return files }
            let target = try makeFolder() + "/records.jsonl"
            var arguments = ["-o", "jsonl", "--no-filename", "*"]
            if let format = configuration.reading.format { arguments += ["--format", format.rawValue] }
            if !configuration.reading.prefixes { arguments.append("--no-prefix") }
            try runSelf(arguments + ["--"] + staged, output: target)
            return files + [target]
        }

        /// `text` with the path of the copy of standard input, where it begins, said as standard
        /// input: the user gave no such file.
        private func named(_ text: String) -> String {
            guard let copy = standardInputCopy, text.hasPrefix(copy) else { return text }
            return "(standard input)" + text.dropFirst(copy.count)
        }

        /// Whether a file starts as uncompressed UTF-8 text (no gzip or zstd magic, no UTF-16).
        static func isPlain(_ path: String) -> Bool {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return false }
            defer { close(fd) }
            var head = [UInt8](repeating: 0, count: 4)
            let n = head.withUnsafeMutableBytes { read(fd, $0.baseAddress, 4) }
            head.removeLast(4 - max(n, 0))
            if head.starts(with: [0x1F, 0x8B]) || head.starts(with: [0x28, 0xB5, 0x2F, 0xFD]) { return false }
            if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) { return false }
            return !head.contains(0)
        }

        /// Copies standard input to the file at `target`, block by block.
        private static func copyStandardInput(to target: String) throws(Failure) {
            let fd = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw Failure(message: "cannot write \(target): \(String(cString: strerror(errno)))") }
            defer { close(fd) }
            let stream = PeekableStream.standardInput
            var block = [UInt8](repeating: 0, count: 1 << 20)
            while true {
                let n: Int
                do {
                    n = try block.withUnsafeMutableBytes { try stream.read(into: $0) }
                } catch {
                    throw Failure(message: "\(error)")
                }
                if n == 0 { return }
                if let error = block.withUnsafeBytes({ writeAll(fd, UnsafeRawBufferPointer(rebasing: $0[0..<n])) }) {
                    throw Failure(message: "cannot write \(target): \(String(cString: strerror(error)))")
                }
            }
        }

        private func makeFolder() throws(Failure) -> String {
            if let folder { return folder }
            var temporary = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
            if temporary.isEmpty { temporary = "/tmp" }
            let path = (temporary.hasSuffix("/") ? temporary : temporary + "/") + "loupe-engine-\(getpid())"
            guard mkdir(path, 0o700) == 0 || errno == EEXIST else {
                throw Failure(message: "cannot create \(path): \(String(cString: strerror(errno)))")
            }
            folder = path
            return path
        }

        private func runSelf(_ arguments: [String], output: String) throws(Failure) {
            let status: Int32
            do {
                status = try ChildProcess.run("/proc/self/exe", arguments, outputFile: output)
            } catch {
                throw Failure(message: "cannot read the spans: \(error.message)")
            }
            // 1: no spans, an empty table; 2: loupe said why on standard error.
            if status == 2 { throw Failure(message: "cannot read \(arguments.drop { $0 != "--" }.dropFirst().map(named).joined(separator: ", "))") }
        }

        /// Removes the folder and the files loupe wrote into it (it makes no subfolders).
        func remove() {
            guard let folder, let directory = opendir(folder) else { return }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
                if name != "." && name != ".." { unlink(folder + "/" + name) }
            }
            closedir(directory)
            rmdir(folder)
        }
    }
}
