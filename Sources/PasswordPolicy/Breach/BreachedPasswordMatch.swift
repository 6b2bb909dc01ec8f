/// What a ``BreachedPasswordChecker`` knows about a password it found.
public struct BreachedPasswordMatch: Sendable, Hashable {
    /// A short name of the source, for logs and operators (for example "Pwned Passwords top 100k").
    public var source: String
    /// The 1-based position in a list ordered from most to least common, when the source is ranked.
    public var rank: Int?
    /// How many times the password was seen in breaches, when the source counts (range services do).
    public var occurrences: Int?

    /// Creates a match.
    public init(source: String, rank: Int? = nil, occurrences: Int? = nil) {
        self.source = source
        self.rank = rank
        self.occurrences = occurrences
    }
}
