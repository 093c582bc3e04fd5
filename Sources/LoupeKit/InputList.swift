import Glibc
import LoupeIO

/// Turns file arguments into inputs: `-` is standard input, no argument means standard input,
/// and a pattern with `*`, `?` or `[` that names no file is expanded like a shell glob.
enum InputList {
    static func sources(_ arguments: [String]) -> [InputSource] {
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
