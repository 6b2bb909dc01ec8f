/// The identifier of a tenant: the organisation a user acts in (a customer company, a partner).
///
/// Equality, hashing and ordering follow ``ExactIdentifier``: byte for byte, never by Unicode
/// canonical equivalence.
///
/// ```swift
/// let tenant = try TenantID(request.headers["X-Tenant"] ?? "")
/// ```
public struct TenantID: ExactIdentifier {
    /// The identifier's text, as given.
    public let rawValue: String

    /// Validates `rawValue` (non-empty, at most 255 bytes of UTF-8, no control character).
    public init(_ rawValue: String) throws(AuthCoreError) {
        try Self.validate(rawValue)
        self.rawValue = rawValue
    }
}
