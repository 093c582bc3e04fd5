/// One color per service, the same for a service wherever it is drawn in one picture: services
/// sorted by name take the palette's colors in turn. Red is left out of the palette; it means
/// an error.
package struct ServicePalette: Sendable {
    /// Colorblind-friendlier hues (Okabe-Ito and Tableau, without red), dark enough for white
    /// borders and light enough for black outlines.
    static let colors = [
        "#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948", "#9c755f", "#bab0ac", "#56b4e9", "#009e73", "#cc79a7",
        "#8cd17d",
    ]
    package static let error = "#d62728"

    package let services: [String]
    private let index: [String: Int]

    package init<S: Sequence>(_ services: S) where S.Element == String {
        self.services = Array(Set(services)).sorted()
        var index: [String: Int] = [:]
        for (i, s) in self.services.enumerated() { index[s] = i }
        self.index = index
    }

    package func color(_ service: String) -> String {
        Self.colors[(index[service] ?? 0) % Self.colors.count]
    }
}
