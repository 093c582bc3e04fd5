/// A function that stands where a field path does: in comparisons, group keys, `bucket()`,
/// `fields`, `sort` and aggregate arguments.
///
/// The well-known fields (`level()`, `time()`, `message()`) find the field a logger uses among
/// candidate names; `lower(path)` and `upper(path)` read a path's string in one case. The engine
/// says which candidates each one tries (`WellKnownFields`).
package enum PathFunction: String, Equatable, Hashable, Sendable, CaseIterable {
    case level, time, message
    case lower, upper

    /// True for `lower` and `upper`, which take a path; the well-known fields take nothing.
    package var takesPath: Bool { self == .lower || self == .upper }
}
