public import AuthCore

/// The identifier of a role (`sales-rep`, `finance-approver`).
///
/// Equality, hashing and ordering follow `ExactIdentifier` (AuthCore): byte for byte, never by
/// Unicode canonical equivalence.
///
/// ```swift
/// let manager: RoleID = "sales-manager"
/// ```
public struct RoleID: ExactIdentifier {
    /// The identifier's text, as given.
    public let rawValue: String

    /// Validates `rawValue` (non-empty, at most 255 bytes of UTF-8, no control character).
    ///
    /// - Parameter rawValue: the text.
    public init(_ rawValue: String) throws(AuthCoreError) {
        try Self.validate(rawValue)
        self.rawValue = rawValue
    }
}
