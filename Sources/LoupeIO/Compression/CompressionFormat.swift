/// A compressed input format loupe decodes on the fly, recognised by its magic bytes.
///
/// Detection never looks at file names: `app.log.gz` that holds plain text is read as plain
/// text, and gzip data on standard input is decompressed.
package enum CompressionFormat: String, Sendable, Equatable, CustomStringConvertible {
    case gzip
    case zstd

    /// The most bytes `detect` looks at.
    package static let magicLength = 4

    /// The format whose magic bytes open `prefix`, or nil for anything else (plain text).
    package static func detect(_ prefix: some Collection<UInt8>) -> CompressionFormat? {
        let bytes = Array(prefix.prefix(magicLength))
        // gzip: ID1 ID2 (RFC 1952); the method byte is checked by zlib, so that a damaged
        // header is reported as corrupt gzip rather than read as text.
        if bytes.count >= 2, bytes[0] == 0x1F, bytes[1] == 0x8B { return .gzip }
        // zstd frame magic 0xFD2FB528, little-endian (RFC 8878).
        if bytes.count >= 4, bytes[0] == 0x28, bytes[1] == 0xB5, bytes[2] == 0x2F, bytes[3] == 0xFD { return .zstd }
        // A zstd skippable frame, 0x184D2A50 to 0x184D2A5F (pzstd opens its files with one).
        if bytes.count >= 4, bytes[0] & 0xF0 == 0x50, bytes[1] == 0x2A, bytes[2] == 0x4D, bytes[3] == 0x18 { return .zstd }
        return nil
    }

    /// A decompressing stream over `source`; what it decompresses to is decoded from UTF-16
    /// too, when it is UTF-16 text.
    package func decoder(over source: any ByteStream, name: String) -> any ByteStream {
        switch self {
        case .gzip: return UTF16DetectingStream(source: GzipStream(source: source, name: name))
        case .zstd: return UTF16DetectingStream(source: ZstdStream(source: source, name: name))
        }
    }

    package var description: String { rawValue }
}
