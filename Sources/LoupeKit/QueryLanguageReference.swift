import LoupeEngine

/// Parts of the query language reference (`--help-query`) that loupe writes from its own
/// tables rather than keeping as text.
public enum QueryLanguageReference {
    /// What `level()`, `time()` and `message()` read, from `WellKnownFields`.
    public static let wellKnownFields = WellKnownFields.reference
}
