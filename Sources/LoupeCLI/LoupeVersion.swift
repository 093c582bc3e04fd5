/// The version `loupe --version` prints.
enum LoupeVersion {
    static let current = "0.1.0"
}
