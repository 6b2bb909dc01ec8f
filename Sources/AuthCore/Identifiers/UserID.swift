/// The identifier of a user (an account): byte-exact, validated, loggable.
///
/// Equality, hashing and ordering follow ``ExactIdentifier``: byte for byte, never by Unicode
/// canonical equivalence. An app uses whatever it already keys users by (a UUID string, a database
/// key, an opaque handle), but not an email address: people change those.
///
/// ```swift
/// let id = try UserID(row.id)          // from a request, a file or a database row
/// let fixture: UserID = "user-1"       // in tests
/// ```
public struct UserID: ExactIdentifier {
    /// The identifier's text, as given.
    public let rawValue: String

    /// Validates `rawValue` (non-empty, at most 255 bytes of UTF-8, no control character).
    public init(_ rawValue: String) throws(AuthCoreError) {
        try Self.validate(rawValue)
        self.rawValue = rawValue
    }
}
